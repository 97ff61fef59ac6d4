import { createHmac, timingSafeEqual } from 'node:crypto';
import sanitizeHtml from 'sanitize-html';
import { maskPans } from '../../../platform/masking.ts';

/** What an inbound mail is, from its headers: only `message` is ever answered. */
export type MailKind = 'message' | 'auto_reply' | 'bounce';

export interface HeaderView {
  get(name: string): string | undefined;
  contentType: string | undefined;
  from: string | undefined;
}

/**
 * Robots are recognised so Banyan never answers a robot in a loop:
 * - RFC 3834 §5: `Auto-Submitted` other than `no` (auto-replied, auto-generated, auto-notified);
 * - `Precedence: bulk | junk | list | auto_reply` and `X-Autoreply` / `X-Autorespond` (common practice);
 * - RFC 3464 DSNs: `multipart/report; report-type=delivery-status`, or mail from the null sender /
 *   MAILER-DAEMON.
 */
export function classifyMail(headers: HeaderView): MailKind {
  const type = (headers.contentType ?? '').toLowerCase();
  if (type.includes('multipart/report') && /report-type="?delivery-status/.test(type)) return 'bounce';
  const from = (headers.from ?? '').toLowerCase();
  if (from === '' || from.startsWith('mailer-daemon@') || from.startsWith('postmaster@')) return 'bounce';
  const auto = (headers.get('auto-submitted') ?? 'no').trim().toLowerCase();
  if (auto !== 'no' && auto !== '') return 'auto_reply';
  const precedence = (headers.get('precedence') ?? '').trim().toLowerCase();
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return 'auto_reply';
  if (headers.get('x-autoreply') || headers.get('x-autorespond')) return 'auto_reply';
  return 'message';
}

/**
 * The new part of a reply: everything before the quoted history. Recognises `>` quoting and the
 * attribution lines of common clients in our three languages.
 */
export function collapseQuoted(text: string): { fresh: string; quoted: boolean } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const attribution = [
    /^On .{1,200} wrote:\s*$/,
    /^-{2,}\s*Original Message\s*-{2,}/i,
    /^-{2,}\s*原始邮件\s*-{2,}/,
    /^在.{1,200}写道[:：]\s*$/,
    /^Vào .{1,200} đã viết:\s*$/,
    /^From: .+$/,
    /^发件人[:：]/,
  ];
  let cut = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (attribution.some((re) => re.test(line))) {
      cut = i;
      break;
    }
    if (line.startsWith('>') && lines.slice(i).every((l) => l.trim() === '' || l.trim().startsWith('>'))) {
      cut = i;
      break;
    }
  }
  const fresh = lines.slice(0, cut).join('\n').trim();
  return { fresh: fresh || text.trim(), quoted: cut < lines.length && fresh !== '' };
}

/**
 * HTML for display, made inert: no scripts, no event handlers, no styles (CSS can hide or overlay
 * text), no forms, and no remote images (tracking pixels): only inline `cid:`/`data:` images stay.
 * The desk shows the result inside a sandboxed iframe as well. Card numbers in the text and in link
 * targets and titles are masked (PCI DSS 3.4.1), as conversations masks the message itself: this
 * HTML is stored and shown too.
 */
export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [
      'p',
      'br',
      'div',
      'span',
      'b',
      'strong',
      'i',
      'em',
      'u',
      's',
      'blockquote',
      'pre',
      'code',
      'ul',
      'ol',
      'li',
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'hr',
      'a',
      'img',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'rel', 'target'],
      img: ['src', 'alt', 'width', 'height'],
      td: ['colspan', 'rowspan'],
    },
    allowedSchemes: ['https', 'mailto'],
    allowedSchemesByTag: { img: ['cid', 'data'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    textFilter: (text) => maskPans(text),
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: {
          ...maskAttributes(attribs, ['href', 'title']),
          rel: 'noopener noreferrer nofollow',
          target: '_blank',
        },
      }),
      img: (tagName, attribs) => ({ tagName, attribs: maskAttributes(attribs, ['alt']) }),
    },
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
}

function maskAttributes(attribs: Record<string, string>, names: string[]): Record<string, string> {
  const out = { ...attribs };
  for (const name of names) if (out[name] !== undefined) out[name] = maskPans(out[name]);
  return out;
}

/**
 * Reply tokens put in the Reply-To address (`support+r<token>@bank.example`): the conversation id
 * and a 128-bit HMAC-SHA256 tag, base64url, 45 characters so the local part stays under 64.
 * Verification decodes, checks the exact length, and compares the whole tag in constant time: a
 * forged or truncated token never threads.
 */
const TOKEN_LENGTH = 1 + 22 + 22;

export function signReplyToken(key: Buffer, conversationId: string): string {
  const id = Buffer.from(conversationId.replace(/-/g, ''), 'hex');
  const tag = createHmac('sha256', key).update(id).digest().subarray(0, 16);
  return `r${id.toString('base64url')}${tag.toString('base64url')}`;
}

export function verifyReplyToken(key: Buffer, token: string): string | null {
  if (token.length !== TOKEN_LENGTH || token[0] !== 'r' || !/^r[A-Za-z0-9_-]{44}$/.test(token)) return null;
  const id = Buffer.from(token.slice(1, 23), 'base64url');
  const given = Buffer.from(token.slice(23), 'base64url');
  if (id.length !== 16 || given.length !== 16) return null;
  // Canonical encoding only: the last base64url character carries 4 unused bits, and a token that
  // differs from the one we issued, even there, is not ours.
  if (`r${id.toString('base64url')}${given.toString('base64url')}` !== token) return null;
  const expected = createHmac('sha256', key).update(id).digest().subarray(0, 16);
  if (!timingSafeEqual(given, expected)) return null;
  const hex = id.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `support+rTOKEN@bank.example` → base `support@bank.example` and the tag after `+`. */
export function splitPlusAddress(address: string): { base: string; tag: string | null } {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 0) return { base: lower, tag: null };
  const local = address.trim().slice(0, at);
  const plus = local.indexOf('+');
  if (plus < 0) return { base: lower, tag: null };
  // The tag keeps its case (base64url); the base is case-insensitive.
  return { base: `${local.slice(0, plus).toLowerCase()}${lower.slice(at)}`, tag: local.slice(plus + 1) };
}

/** Message-IDs from a References / In-Reply-To header value. */
export function messageIds(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return [...text.matchAll(/<[^<>\s]+>/g)].map((m) => m[0]);
}

export interface DsnRecipient {
  address: string;
  /** RFC 3463 status, `5.1.1`. */
  status: string;
  action: string;
  diagnostic: string | null;
}

export interface Dsn {
  /** The Message-ID of our mail that bounced (from the returned headers). */
  originalMessageId: string | null;
  recipients: DsnRecipient[];
}

/**
 * Reads an RFC 3464 delivery status notification: the per-recipient fields of its
 * `message/delivery-status` part and the Message-ID in the returned message or headers.
 */
export function parseDsn(parts: { deliveryStatus: string | null; returned: string | null }): Dsn {
  const recipients: DsnRecipient[] = [];
  const unfolded = (parts.deliveryStatus ?? '').replace(/\r\n/g, '\n').replace(/\n[ \t]+/g, ' ');
  for (const block of unfolded.split(/\n\s*\n/)) {
    const field = (name: string) => {
      const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(block);
      return match ? (match[1] as string).trim() : null;
    };
    const final = field('Final-Recipient') ?? field('Original-Recipient');
    const status = field('Status');
    if (!final || !status) continue;
    const address = final
      .replace(/^[a-z0-9-]+;\s*/i, '')
      .replace(/^<|>$/g, '')
      .trim()
      .toLowerCase();
    const code = /^([245])\.\d{1,3}\.\d{1,3}/.exec(status)?.[0];
    if (!address || !code) continue;
    recipients.push({
      address,
      status: code,
      action: (field('Action') ?? '').toLowerCase(),
      diagnostic: field('Diagnostic-Code')?.slice(0, 300) ?? null,
    });
  }
  const returned = (parts.returned ?? '').replace(/\r\n/g, '\n');
  const headerEnd = returned.indexOf('\n\n');
  const headers = (headerEnd >= 0 ? returned.slice(0, headerEnd) : returned).replace(/\n[ \t]+/g, ' ');
  const originalMessageId = /^Message-ID:\s*(<[^<>\s]+>)/im.exec(headers)?.[1] ?? null;
  return { originalMessageId, recipients };
}
