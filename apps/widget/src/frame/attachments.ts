import type { MessageKey } from './i18n.ts';

/** What the server accepts (it sniffs the bytes; this only spares the visitor a useless upload). */
export const ACCEPTED_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'];
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILE_MB = MAX_FILE_BYTES / 1024 / 1024;

export interface Attachment {
  id: string;
  name: string;
  contentType: string;
  size: number;
}

/** A file being sent: kept in memory (not in the outbox) so a failed upload can be retried. */
export interface Upload {
  clientId: string;
  file: Blob;
  name: string;
  /** 0…1 while sending. */
  progress: number;
  /** Set when it failed: the server's message in the chat language… */
  error?: string;
  /** …or, when the server gave none (offline), what to say instead. */
  errorKey?: MessageKey;
  /** Whether sending it again may succeed (it failed for want of an answer, not a refusal). */
  canRetry?: boolean;
}

/** Why a file cannot be sent, before sending it; null when it may go. */
export function checkFile(file: { size: number; type: string }, online: boolean): MessageKey | null {
  if (!ACCEPTED_TYPES.includes(file.type)) return 'file.type';
  if (file.size > MAX_FILE_BYTES) return 'file.tooLarge';
  if (file.size === 0) return 'file.empty';
  if (!online) return 'file.offline';
  return null;
}

export const isImage = (a: Pick<Attachment, 'contentType'>) => a.contentType.startsWith('image/');

/** "850 KB", "2.4 MB" in the chat language's number format. */
export function formatSize(bytes: number, language: string): string {
  const kb = bytes / 1024;
  const number = (n: number, digits: number) =>
    new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(n);
  if (kb < 1024) return `${number(Math.max(1, Math.round(kb)), 0)} KB`;
  return `${number(kb / 1024, 1)} MB`;
}
