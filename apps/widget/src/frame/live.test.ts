import { describe, expect, it } from 'vitest';
import {
  createTypingSender,
  readMarkToSend,
  seenMessageSeq,
  TYPING_EVERY_MS,
  TYPING_IDLE_MS,
} from './live.ts';
import type { ChatMessage } from './messages.ts';

const message = (seq: number, authorType = 'customer'): ChatMessage => ({
  id: `m${seq}`,
  seq,
  authorType,
  kind: 'text',
  clientId: null,
  body: `body ${seq}`,
  createdAt: '2026-11-22T08:30:00.000Z',
});

/** A sender on a fake clock with hand-run timers. */
function harness() {
  let t = 1_000_000;
  const sent: boolean[] = [];
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const sender = createTypingSender({
    send: (typing) => sent.push(typing),
    now: () => t,
    setTimer: (fn, ms) => {
      timers.set(next, { at: t + ms, fn });
      return next++;
    },
    clearTimer: (id) => void timers.delete(id as number),
  });
  const advance = (ms: number) => {
    t += ms;
    for (const [id, timer] of [...timers]) {
      if (timer.at <= t) {
        timers.delete(id);
        timer.fn();
      }
    }
  };
  return { sender, sent, advance };
}

describe('typing signals', () => {
  it('sends "typing" at once, then at most once every 2 s, and "stopped" after 3 s idle', () => {
    const { sender, sent, advance } = harness();
    sender.input();
    expect(sent).toEqual([true]);
    for (let i = 0; i < 10; i++) {
      advance(300);
      sender.input();
    }
    // 3 s of typing: one more reminder after 2 s.
    expect(sent).toEqual([true, true]);
    advance(TYPING_IDLE_MS - 1);
    expect(sent).toEqual([true, true]);
    advance(1);
    expect(sent).toEqual([true, true, false]);
    advance(TYPING_EVERY_MS * 5);
    expect(sent).toEqual([true, true, false]);
  });

  it('stops once when the message is sent, and not again on idle', () => {
    const { sender, sent, advance } = harness();
    sender.stop();
    expect(sent).toEqual([]);
    sender.input();
    sender.stop();
    sender.stop();
    advance(TYPING_IDLE_MS * 2);
    expect(sent).toEqual([true, false]);
    sender.input();
    expect(sent).toEqual([true, false, true]);
  });
});

describe('read receipts in the widget', () => {
  it('shows "Seen" under the last customer message the agent has read', () => {
    const messages = [message(1), message(2), message(3, 'agent'), message(4)];
    expect(seenMessageSeq(messages, 0)).toBeNull();
    expect(seenMessageSeq(messages, 1)).toBe(1);
    expect(seenMessageSeq(messages, 3)).toBe(2);
    expect(seenMessageSeq(messages, 9)).toBe(4);
  });

  it('reports a read mark only when visible and only when something new was seen', () => {
    const messages = [message(1), message(2, 'agent')];
    expect(readMarkToSend(messages, 0, false)).toBeNull();
    expect(readMarkToSend(messages, 0, true)).toBe(2);
    expect(readMarkToSend(messages, 2, true)).toBeNull();
    expect(readMarkToSend([], 0, true)).toBeNull();
  });
});
