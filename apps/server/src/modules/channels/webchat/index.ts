import './webchat.messages.ts';

export { webchatAssetRoutes } from './webchat.assets.ts';
export { renderDemoPage, webchatDemoRoutes } from './webchat.demo.ts';
export { webchatRealtimeRoutes } from './webchat.realtime.ts';
export { webchatRoutes } from './webchat.routes.ts';
export { webchatSites, webchatVisitors } from './webchat.schema.ts';
export { createWebchatService, type Visitor, type WebchatService } from './webchat.service.ts';
