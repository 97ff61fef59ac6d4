import type { ChatMessage } from './messages.ts';

/** A plain-text transcript built in the browser: nothing more is asked of the server. */
export function buildTranscript(
  messages: readonly ChatMessage[],
  labels: { title: string; customer: string; agent: string; system: string },
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
    return `[${format.format(new Date(m.createdAt)).replace(',', '')}] ${who}: ${m.body.replace(/\r\n/g, '\n')}`;
  });
  return `${labels.title}\n\n${lines.join('\n')}\n`;
}
