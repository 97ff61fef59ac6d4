/** The SMS channel's public surface. */

export {
  encodeSms,
  optInKeyword,
  optOutKeyword,
  parseReceipt,
  sanitizeSenderId,
  splitSms,
  stripVietnamese,
  toE164,
} from './sms.codec.ts';
export { createHttpGateway, signBody, verifySignature } from './sms.gateway.ts';
export { registerSmsListeners } from './sms.listeners.ts';
export { smsRoutes } from './sms.routes.ts';
export { smsMessages, smsNumbers, smsOptOuts, smsParts } from './sms.schema.ts';
export { createSmsChannel, type SmsChannel, type SmsConfig, type SmsTransport } from './sms.service.ts';
export { createSmscSimulator, type SmscSimulator } from './sms.simulator.ts';
export { createSmppClient, SMPP_DEFAULTS, type SmppClient } from './sms.smpp.ts';
