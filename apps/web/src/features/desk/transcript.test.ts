import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../app/contracts.ts';
import { buildDeskTranscript } from './transcript.ts';

const message = (seq: number, extra: Partial<MessageView>): MessageView => ({
  id: `m${seq}`,
  seq,
  authorType: 'customer',
  authorId: null,
  kind: 'text',
  clientId: null,
  body: '',
  mentions: [],
  createdAt: '2026-11-22T01:05:00.000Z',
  ...extra,
});

const labels = {
  title: 'Conversation with Lan',
  timeZone: 'Times in Asia/Ho_Chi_Minh',
  customer: 'Lan',
  agent: 'Agent',
  you: 'You',
  system: 'System',
  note: '[Internal note]',
  file: 'File',
};

describe('buildDeskTranscript', () => {
  it('lists messages, files and marked internal notes with local date and time', () => {
    const text = buildDeskTranscript(
      [
        message(1, { body: 'Tôi bị mất thẻ' }),
        message(2, {
          kind: 'attachment',
          attachment: { id: 'f1', name: 'thẻ.png', contentType: 'image/png', size: 10 },
        }),
        message(3, { authorType: 'agent', authorId: 'me', kind: 'note', body: 'Check the block\r\nfirst' }),
        message(4, { authorType: 'agent', authorId: 'other', body: 'Em khóa thẻ ngay ạ' }),
      ],
      { labels, myId: 'me', timeZone: 'Asia/Ho_Chi_Minh' },
    );
    expect(text).toBe(
      [
        'Conversation with Lan',
        'Times in Asia/Ho_Chi_Minh',
        '',
        '[2026-11-22 08:05] Lan: Tôi bị mất thẻ',
        '[2026-11-22 08:05] Lan: [File: thẻ.png]',
        '[2026-11-22 08:05] [Internal note] You: Check the block\nfirst',
        '[2026-11-22 08:05] Agent: Em khóa thẻ ngay ạ',
        '',
      ].join('\n'),
    );
  });
});
