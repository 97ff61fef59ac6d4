import { sql } from 'drizzle-orm';
import sanitizeHtml from 'sanitize-html';
import type { Clock } from '../../../platform/clock.ts';
import { AppError } from '../../../platform/errors.ts';
import { type Actor, requirePermission } from '../../../platform/rbac.ts';
import type { ConversationsService } from '../../conversations/index.ts';
import { isEmailAddress } from '../../notifications/index.ts';
import { sanitizeEmailHtml } from './email.inbound.ts';
import type { EmailTemplates } from './email.templates.ts';

/** At most this many CC and BCC addresses each. */
export const MAX_COPY_ADDRESSES = 20;

/**
 * The text part of a rich reply: paragraphs and line breaks kept, list items as `- ` (or `1. `)
 * lines, a link as `text (url)` when they differ, entities decoded, every other tag dropped.
 */
export function htmlToText(html: string): string {
  let counter: number[] = [];
  const marked = sanitizeHtml(html, {
    allowedTags: ['a', 'br', 'p', 'li', 'ol', 'ul', 'div', 'blockquote', 'h1', 'h2', 'h3', 'h4'],
    allowedAttributes: { a: ['href'] },
  });
  // Walk the already-sanitized markup with simple token rules (no nesting beyond lists matters).
  const out: string[] = [];
  const tokens = marked.split(/(<[^>]+>)/);
  let link: { href: string; text: string } | null = null;
  for (const token of tokens) {
    if (!token.startsWith('<')) {
      const text = decode(token);
      if (link) link.text += text;
      else out.push(text);
      continue;
    }
    const tag = token.match(/^<\/?([a-z0-9]+)/i)?.[1]?.toLowerCase() ?? '';
    const closing = token.startsWith('</');
    if (tag === 'a') {
      if (!closing) link = { href: decode(token.match(/href="([^"]*)"/)?.[1] ?? ''), text: '' };
      else if (link) {
        const label = link.text.trim();
        const href = link.href.replace(/^mailto:/, '');
        out.push(!href || label === href || label === link.href ? label || href : `${label} (${link.href})`);
        link = null;
      }
    } else if (tag === 'br') out.push('\n');
    else if (tag === 'ol' && !closing) counter.push(0);
    else if (tag === 'ul' && !closing) counter.push(-1);
    else if ((tag === 'ol' || tag === 'ul') && closing) {
      counter = counter.slice(0, -1);
      if (counter.length === 0) out.push('\n\n');
    } else if (tag === 'li' && !closing) {
      const depth = counter.length;
      const top = counter[depth - 1] ?? -1;
      let bullet = '- ';
      if (top >= 0) {
        counter[depth - 1] = top + 1;
        bullet = `${top + 1}. `;
      }
      out.push(`\n${'  '.repeat(Math.max(0, depth - 1))}${bullet}`);
    } else if (closing && ['p', 'div', 'blockquote', 'h1', 'h2', 'h3', 'h4'].includes(tag)) out.push('\n\n');
  }
  return out
    .join('')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function decode(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&amp;/g, '&');
}

/** CC / BCC as typed: trimmed, lower-cased, duplicates dropped; any invalid one is a 400 naming it. */
export function normaliseCopyAddresses(field: 'cc' | 'bcc', values: string[] | undefined): string[] {
  const list = [...new Set((values ?? []).map((v) => v.trim().toLowerCase()).filter((v) => v !== ''))];
  if (list.length > MAX_COPY_ADDRESSES)
    throw new AppError('EMAIL_REPLY_TOO_MANY_COPIES', 400, undefined, { max: MAX_COPY_ADDRESSES });
  for (const address of list) {
    // The address pattern has no whitespace, so a CR or LF (header injection) never passes.
    if (!isEmailAddress(address))
      throw new AppError('EMAIL_REPLY_ADDRESS_INVALID', 400, undefined, {
        field: field.toUpperCase(),
        address,
      });
  }
  return list;
}

export interface EmailReplyInput {
  clientId: string;
  /** The reply as HTML from the desk's rich editor; sanitized before anything is stored. */
  html: string;
  cc?: string[];
  bcc?: string[];
  /** Append the queue's signature (default true). */
  addSignature?: boolean;
}

/**
 * An agent's reply from the desk's email box: the HTML is sanitized (the same rules as inbound mail
 * shown in the desk), its text becomes the conversation message, and the HTML and copies are stored
 * in that message's transaction for the `email.agent_reply` handler, which sends a
 * multipart/alternative mail (text + HTML part) with the CC and BCC.
 */
export function createEmailReplies(deps: {
  conversations: ConversationsService;
  clock: Clock;
  templates: Pick<EmailTemplates, 'signatureFor'>;
}) {
  const { conversations, clock, templates } = deps;
  async function reply(actor: Actor, conversationId: string, input: EmailReplyInput) {
    requirePermission(actor, 'desk.use');
    const c = await conversations.getConversation(conversationId);
    // Only the agent working the conversation replies (as `POST /conversations/:id/messages`).
    const isAssignee =
      c.assignee_id === actor.userId || (await conversations.isAssignedInRouting(c.id, actor.userId));
    if (!isAssignee) throw new AppError('CONVERSATION_NOT_FOUND', 404);
    if (c.channel !== 'email') throw new AppError('EMAIL_REPLY_NOT_EMAIL', 409);
    const cc = normaliseCopyAddresses('cc', input.cc);
    const bcc = normaliseCopyAddresses('bcc', input.bcc);
    const html = sanitizeEmailHtml(input.html);
    const body = htmlToText(html);
    if (body === '') throw new AppError('CONVERSATION_MESSAGE_EMPTY', 400);
    return conversations.postMessage({
      conversationId: c.id,
      authorType: 'agent',
      authorId: actor.userId,
      clientId: input.clientId,
      kind: 'text',
      body,
      attach: async (tx, id) => {
        // The signature in effect now, resolved once and stored with the reply: the handler appends
        // it to the mail (a retry of the reply stops at the conflict and keeps the first one).
        const signature =
          input.addSignature === false ? null : await templates.signatureFor(tx, id, actor.displayName);
        await tx.execute(sql`INSERT INTO email_reply_options
            (conversation_id, client_id, html, signature_html, signature_text, cc, bcc, created_at)
          VALUES (${id}, ${input.clientId}, ${html}, ${signature?.html ?? null}, ${signature?.text ?? null},
            ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(cc)}::jsonb)),
            ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(bcc)}::jsonb)), ${clock.now()})
          ON CONFLICT (conversation_id, client_id) DO NOTHING`);
        return undefined;
      },
    });
  }
  return { reply };
}

export type EmailReplies = ReturnType<typeof createEmailReplies>;
