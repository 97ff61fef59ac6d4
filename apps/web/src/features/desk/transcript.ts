import type { MessageView } from '../../app/contracts.ts';

export interface TranscriptLabels {
  title: string;
  /** e.g. "Times in Asia/Ho_Chi_Minh". */
  timeZone: string;
  customer: string;
  agent: string;
  you: string;
  system: string;
  /** Marks an internal note, which the customer never saw, e.g. "[Internal note]". */
  note: string;
  /** Before a file's name, e.g. "File". */
  file: string;
}

/**
 * The desk's plain-text transcript of a conversation: every message with its date and time in the
 * agent's time zone, internal notes included and marked (the customer's own download has none).
 */
export function buildDeskTranscript(
  messages: readonly MessageView[],
  options: { labels: TranscriptLabels; myId: string; timeZone?: string },
): string {
  const { labels, myId, timeZone } = options;
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
        : m.authorType === 'agent'
          ? m.authorId === myId
            ? labels.you
            : labels.agent
          : labels.system;
    const text = m.attachment
      ? `[${labels.file}: ${m.attachment.name}]${m.body ? ` ${m.body}` : ''}`
      : m.body.replace(/\r\n/g, '\n');
    const note = m.kind === 'note' ? `${labels.note} ` : '';
    return `[${format.format(new Date(m.createdAt)).replace(',', '')}] ${note}${who}: ${text}`;
  });
  return `${labels.title}\n${labels.timeZone}\n\n${lines.join('\n')}\n`;
}

/** Offers text as a file download (no server round trip: the desk already has the messages). */
export function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
