import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Audit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { Ids } from '../../platform/ids.ts';
import { maskPans } from '../../platform/masking.ts';
import type { ConversationsService, Message } from './conversations.service.ts';

/** The largest file a customer or an agent may send (the widget and the desk check it first). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const MAX_NAME_CHARACTERS = 100;

export const ATTACHMENT_TYPES = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** What a message of kind `attachment` carries in its `attachment` json. */
export interface AttachmentRef {
  id: string;
  name: string;
  contentType: AttachmentType;
  size: number;
}

const EXTENSIONS: Record<AttachmentType, readonly string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
};

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));

/**
 * The file's type from its first bytes, never from the sender's name or header: PNG, JPEG, GIF,
 * WebP and PDF only. SVG and HTML (which a browser would run as script) and everything else are null.
 * Signatures: PNG spec §5.2, JFIF/EXIF SOI + marker, GIF87a/89a, RIFF….WEBP, PDF 1.7 §7.5.2.
 */
export function sniffContentType(bytes: Uint8Array): AttachmentType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  return null;
}

/** Control, zero-width and bidirectional-override characters (which can disguise an extension). */
const isInvisible = (code: number) =>
  code < 0x20 ||
  (code >= 0x7f && code <= 0x9f) ||
  (code >= 0x200b && code <= 0x200f) ||
  (code >= 0x202a && code <= 0x202e) ||
  (code >= 0x2066 && code <= 0x2069) ||
  code === 0xfeff;

/**
 * A name that is safe to show and to offer for download: no folders, no invisible or reserved
 * characters, at most 100 characters before an extension that matches the sniffed type (one is
 * added when missing or wrong: `invoice.html` sent as PNG bytes becomes `invoice.html.png`), and
 * card numbers masked like any other text the customer types.
 */
export function sanitizeFileName(raw: string, type: AttachmentType): string {
  const base = raw.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const visible = [...base]
    .filter((ch) => !isInvisible(ch.codePointAt(0) as number) && !'<>:"|?*'.includes(ch))
    .join('')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const dot = visible.lastIndexOf('.');
  const extension = dot > 0 ? visible.slice(dot + 1).toLowerCase() : '';
  const known = EXTENSIONS[type].includes(extension);
  const stem =
    [...(known ? visible.slice(0, dot) : visible)]
      .slice(0, MAX_NAME_CHARACTERS)
      .join('')
      .replace(/[\s.]+$/, '') || 'file';
  return maskPans(`${stem}.${known ? extension : EXTENSIONS[type][0]}`);
}

/** RFC 6266 with an RFC 5987 UTF-8 name, and a plain ASCII fallback for old clients. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const tooLarge = () =>
  new AppError('CONVERSATION_ATTACHMENT_TOO_LARGE', 413, undefined, {
    maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024,
  });

/**
 * Fastify body parser for upload routes (registered for every content type in their own plugin):
 * the raw bytes as a Buffer, refused with `CONVERSATION_ATTACHMENT_TOO_LARGE` as soon as they pass
 * the limit, without buffering the rest. The declared content type is ignored: the bytes decide.
 */
export function attachmentBodyParser(
  request: FastifyRequest,
  payload: IncomingMessage,
  done: (error: Error | null, body?: Buffer) => void,
): void {
  if (Number(request.headers['content-length']) > MAX_ATTACHMENT_BYTES) {
    payload.resume();
    done(tooLarge());
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  const finish = (error: Error | null, body?: Buffer) => {
    if (finished) return;
    finished = true;
    done(error, body);
  };
  payload.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > MAX_ATTACHMENT_BYTES) finish(tooLarge());
    else chunks.push(chunk);
  });
  payload.on('end', () => finish(null, Buffer.concat(chunks, size)));
  payload.on('error', (error) => finish(error));
}

/**
 * Files in conversations. A file is stored as a message of kind `attachment` through the normal
 * message path, so it is idempotent by the sender's client id, PAN-checked in its name, pushed to
 * both sides, and stored together with its message (one transaction) or not at all.
 */
export function createAttachmentsService(deps: {
  db: Db;
  ids: Ids;
  clock: Clock;
  conversations: ConversationsService;
  audit: Audit;
}) {
  const { db, ids, clock, conversations, audit } = deps;

  /** Checks and stores a file. Authorization (whose conversation it is) is the caller's. */
  async function storeAttachment(input: {
    conversationId: string;
    uploaderType: 'customer' | 'agent';
    uploaderId: string;
    clientId: string;
    fileName: string;
    data: Buffer;
  }): Promise<{ message: Message; duplicate: boolean }> {
    const { data } = input;
    if (data.length === 0) throw new AppError('CONVERSATION_ATTACHMENT_EMPTY', 400);
    if (data.length > MAX_ATTACHMENT_BYTES) throw tooLarge();
    const contentType = sniffContentType(data);
    if (!contentType) throw new AppError('CONVERSATION_ATTACHMENT_TYPE', 415);
    const name = sanitizeFileName(input.fileName, contentType);
    const sha256 = createHash('sha256').update(data).digest('hex');
    return conversations.postMessage({
      conversationId: input.conversationId,
      authorType: input.uploaderType,
      authorId: input.uploaderId,
      clientId: input.clientId,
      kind: 'attachment',
      body: '',
      attach: async (tx, conversationId): Promise<AttachmentRef> => {
        const id = ids.uuid();
        await tx.execute(sql`INSERT INTO conversation_attachments
            (id, conversation_id, uploader_type, uploader_id, file_name, content_type, size, sha256, data, created_at)
          VALUES (${id}, ${conversationId}, ${input.uploaderType}, ${input.uploaderId}, ${name}, ${contentType},
            ${data.length}, ${sha256}, ${data}, ${clock.now()})`);
        return { id, name, contentType, size: data.length };
      },
    });
  }

  /**
   * One file of one conversation (both ids must match); authorization is the caller's. A member of
   * staff opening a customer's file (an ID photo, a statement) is a sensitive read: it is audited.
   */
  async function getAttachment(
    conversationId: string,
    attachmentId: string,
    staff?: { userId: string; username: string; ip: string | null },
  ): Promise<{ fileName: string; contentType: AttachmentType; size: number; data: Buffer }> {
    const result =
      await db.execute(sql`SELECT file_name, content_type, size, data FROM conversation_attachments
      WHERE id = ${attachmentId} AND conversation_id = ${conversationId}`);
    const row = result.rows[0] as
      | { file_name: string; content_type: AttachmentType; size: number; data: Buffer }
      | undefined;
    if (!row) throw new AppError('CONVERSATION_ATTACHMENT_NOT_FOUND', 404);
    if (staff) {
      await audit.recordAlone({
        actorId: staff.userId,
        actorName: staff.username,
        action: 'conversation.attachment_downloaded',
        targetType: 'conversation',
        targetId: conversationId,
        ip: staff.ip,
        details: { attachmentId, fileName: row.file_name },
      });
    }
    return { fileName: row.file_name, contentType: row.content_type, size: row.size, data: row.data };
  }

  return { storeAttachment, getAttachment };
}

export type AttachmentsService = ReturnType<typeof createAttachmentsService>;

/** Sends a stored file as a download: never rendered by the browser from our origin. */
export function sendAttachment(
  reply: FastifyReply,
  file: { fileName: string; contentType: AttachmentType; data: Buffer },
) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, max-age=3600')
    .send(file.data);
}
