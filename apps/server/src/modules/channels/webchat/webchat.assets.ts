import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App } from '../../../platform/http.ts';
import type { WebchatService } from './webchat.service.ts';

/**
 * Serves the widget build: `/widget.js` (the loader a bank's page includes, so it may be loaded
 * cross-origin), `/widget/frame.html` (the chat, framed only by the site's allowed origins) and
 * `/widget/assets/*`.
 */
export function webchatAssetRoutes(deps: { widgetDistDir: string; webchat: WebchatService }) {
  const { widgetDistDir, webchat } = deps;
  return async (app: App) => {
    if (!existsSync(path.join(widgetDistDir, 'loader.js'))) return;
    // Read when asked for: another process of the deployment may rebuild the widget (new asset
    // names in frame.html) while this one serves it.
    const frameFile = path.join(widgetDistDir, 'frame.html');

    await app.register(fastifyStatic, {
      root: widgetDistDir,
      prefix: '/widget/',
      decorateReply: false,
      index: false,
      setHeaders: (res) => res.header('cross-origin-resource-policy', 'cross-origin'),
    });

    app.get('/widget.js', { schema: { hide: true } }, async (_request, reply) => {
      reply.header('cross-origin-resource-policy', 'cross-origin');
      reply.header('cache-control', 'public, max-age=300');
      reply.type('text/javascript; charset=utf-8');
      return readFileSync(path.join(widgetDistDir, 'loader.js'));
    });

    app.get('/widget/frame.html', { schema: { hide: true } }, async (request, reply) => {
      const frameHtml = await readFile(frameFile, 'utf8').catch(() => null);
      if (frameHtml === null) return reply.callNotFound();
      const key = String((request.query as { site?: string }).site ?? '');
      const site = await webchat.getSiteByKey(key).catch(() => null);
      const ancestors = site && site.allowed_origins.length > 0 ? site.allowed_origins.join(' ') : '*';
      reply.removeHeader('x-frame-options');
      reply.header(
        'content-security-policy',
        `default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;connect-src 'self';frame-ancestors ${ancestors}`,
      );
      reply.type('text/html; charset=utf-8');
      return frameHtml;
    });
  };
}
