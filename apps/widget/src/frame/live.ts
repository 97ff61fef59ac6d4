import type { ChatMessage } from './messages.ts';

/** While typing, "still typing" goes out at most this often. */
export const TYPING_EVERY_MS = 2_000;
/** No keystroke for this long counts as having stopped. */
export const TYPING_IDLE_MS = 3_000;

/**
 * Turns keystrokes into typing signals: `true` at the first keystroke and then at most once every
 * 2 s while typing continues, `false` once after 3 s without a keystroke or when the message is
 * sent. The other side shows "… is typing" until a `false` or its own time-out.
 */
export function createTypingSender(deps: {
  send: (typing: boolean) => void;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}) {
  const now = deps.now ?? Date.now;
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let typing = false;
  let lastSent = 0;
  let idle: unknown = null;

  function stop(): void {
    if (idle !== null) clearTimer(idle);
    idle = null;
    if (!typing) return;
    typing = false;
    deps.send(false);
  }

  function input(): void {
    const t = now();
    if (!typing || t - lastSent >= TYPING_EVERY_MS) {
      typing = true;
      lastSent = t;
      deps.send(true);
    }
    if (idle !== null) clearTimer(idle);
    idle = setTimer(stop, TYPING_IDLE_MS);
  }

  return { input, stop };
}

/**
 * The customer message under which "Seen" is shown: the last one the agent has read (seq at most
 * `agentReadSeq`), or null when the agent has read none of them.
 */
export function seenMessageSeq(messages: readonly ChatMessage[], agentReadSeq: number): number | null {
  let seen: number | null = null;
  for (const m of messages) {
    if (m.authorType === 'customer' && m.seq <= agentReadSeq && (seen === null || m.seq > seen)) seen = m.seq;
  }
  return seen;
}

/** The seq to report as read now, or null when nothing new has been seen since `reported`. */
export function readMarkToSend(
  messages: readonly ChatMessage[],
  reported: number,
  isVisible: boolean,
): number | null {
  if (!isVisible) return null;
  const last = messages.reduce((max, m) => Math.max(max, m.seq), 0);
  return last > reported ? last : null;
}
