import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeTokenisers, TOKENISERS_IDLE_MS, tokeniseMany, tokeniserThreads } from './analytics.tokenise.ts';

afterEach(async () => {
  vi.useRealTimers();
  await closeTokenisers();
});

describe('tokeniser threads', () => {
  it('stay up between two large batches a minute apart, and stop after a quiet spell', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const items = Array.from({ length: 600 }, (_, i) => ({
      text: i % 2 ? `我的卡被锁了，无法转账 ${i}` : `Thẻ của tôi bị khóa ${i}`,
      language: i % 2 ? 'zh-CN' : 'vi',
    }));
    const first = await tokeniseMany(items);
    expect(first[1]?.phrases).toContain('无法转账');
    const threads = tokeniserThreads();
    expect(threads).toBeGreaterThan(0);
    // The next large batch, a minute and a bit later, finds the same threads with their dictionary.
    vi.advanceTimersByTime(61_000);
    expect(tokeniserThreads()).toBe(threads);
    await tokeniseMany(items);
    vi.advanceTimersByTime(TOKENISERS_IDLE_MS - 1_000);
    expect(tokeniserThreads()).toBe(threads);
    vi.advanceTimersByTime(1_000);
    expect(tokeniserThreads()).toBe(0);
  });
});
