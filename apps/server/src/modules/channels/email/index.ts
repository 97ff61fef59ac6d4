/** The email channel's public surface. */

export { createImapReaders, type ImapReaders, imapBackoffMs } from './email.imap.ts';
export {
  classifyMail,
  collapseQuoted,
  sanitizeEmailHtml,
  signReplyToken,
  verifyReplyToken,
} from './email.inbound.ts';
export { registerEmailListeners } from './email.listeners.ts';
export { createMailParser, type MailParser } from './email.parse.ts';
export {
  createEmailReplies,
  type EmailReplies,
  htmlToText,
} from './email.reply.ts';
export { emailRoutes } from './email.routes.ts';
export {
  emailAddresses,
  emailMessages,
  emailReplyOptions,
  emailSignatures,
  emailTemplates,
} from './email.schema.ts';
export { createEmailChannel, type EmailChannel, type IngestResult } from './email.service.ts';
export { createInboundSmtp, type InboundSmtpOptions } from './email.smtp.ts';
export { createEmailSuppressions, type EmailSuppressions } from './email.suppression.ts';
export { createEmailTemplates, type EmailTemplates } from './email.templates.ts';
