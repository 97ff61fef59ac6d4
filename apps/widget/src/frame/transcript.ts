import type { ChatMessage } from './messages.ts';

/**
 * A plain-text transcript built in the browser from what the chat shows (the server never sends
 * the customer internal notes): nothing more is asked of the server. Labels come in the chat's
 * language; times are the visitor's local time, named in the `timeZone` line when given.
 */
export function buildTranscript(
  messages: readonly ChatMessage[],
  labels: {
    title: string;
    customer: string;
    agent: string;
    system: string;
    /** Before a file's name, e.g. "File: scan.pdf". */
    file?: string;
    /** A line under the title naming the time zone, e.g. "Times in Asia/Ho_Chi_Minh". */
    timeZone?: string;
  },
  timeZone?: string,
): string {
  const format = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone,
  });
  const lines = messages.map((m) => {
    const who =
      m.authorType === 'customer'
        ? labels.customer
        : m.authorType === 'system'
          ? labels.system
          : labels.agent;
    const text = m.attachment
      ? `[${labels.file ?? 'File'}: ${m.attachment.name}]${m.body ? ` ${m.body}` : ''}`
      : m.body;
    return `[${format.format(new Date(m.createdAt)).replace(',', '')}] ${who}: ${text.replace(/\r\n/g, '\n')}`;
  });
  const header = labels.timeZone ? `${labels.title}\n${labels.timeZone}` : labels.title;
  return `${header}\n\n${lines.join('\n')}\n`;
}
