import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { ConversationDetail, MessageView } from '../../app/contracts.ts';
import { applyRealtimeEvent, deskKeys } from './api.ts';

const message = (seq: number, body = `m${seq}`): MessageView => ({
  id: `00000000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
  seq,
  authorType: 'customer',
  authorId: null,
  kind: 'text',
  clientId: `c${seq}`,
  body,
  attachment: null,
  mentions: [],
  createdAt: '2026-11-23T12:00:00.000Z',
});

function withThread(seqs: number[]) {
  const client = new QueryClient();
  const detail = {
    conversation: { id: 'conv-1' },
    messages: seqs.map((s) => message(s)),
  } as unknown as ConversationDetail;
  client.setQueryData(deskKeys.conversation('conv-1'), detail);
  return client;
}
const created = (m: MessageView) => ({
  type: 'conversation.message_created',
  data: { conversationId: 'conv-1', messageId: m.id, seq: m.seq, message: m },
});
const stale = (client: QueryClient) => client.getQueryState(deskKeys.conversation('conv-1'))?.isInvalidated;
const bodies = (client: QueryClient) =>
  client.getQueryData<ConversationDetail>(deskKeys.conversation('conv-1'))?.messages.map((m) => m.body);

describe('a new message on the staff socket', () => {
  it('is merged into the open thread when it is the next one, with no read-back', () => {
    const client = withThread([1, 2]);
    applyRealtimeEvent(client, created(message(3, 'Xin chào')));
    expect(bodies(client)).toEqual(['m1', 'm2', 'Xin chào']);
    expect(stale(client)).toBe(false);
  });

  it('makes the thread read again when one is missing before it, or the event has no message', () => {
    const gap = withThread([1, 2]);
    applyRealtimeEvent(gap, created(message(4)));
    expect(stale(gap)).toBe(true);
    const bare = withThread([1, 2]);
    applyRealtimeEvent(bare, {
      type: 'conversation.message_created',
      data: { conversationId: 'conv-1', messageId: 'x' },
    });
    expect(stale(bare)).toBe(true);
  });
});
