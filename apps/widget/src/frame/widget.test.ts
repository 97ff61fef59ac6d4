import { describe, expect, it } from 'vitest';
import { isSafeColor, toWidgetLanguage } from '../protocol.ts';
import { backoffDelay, retryAfterMs } from './backoff.ts';
import { dictionaries } from './i18n.ts';
import { type ChatMessage, countUnread, lastSeq, mergeMessages } from './messages.ts';
import { createOutbox, type KeyValueStore, unconfirmed } from './outbox.ts';
import { buildTranscript } from './transcript.ts';

const message = (seq: number, extra: Partial<ChatMessage> = {}): ChatMessage => ({
  id: `m${seq}`,
  seq,
  authorType: 'customer',
  kind: 'text',
  clientId: null,
  body: `body ${seq}`,
  createdAt: '2026-11-22T08:30:00.000Z',
  ...extra,
});

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('mergeMessages', () => {
  it('orders by seq whatever the arrival order', () => {
    const merged = mergeMessages([message(2)], [message(3), message(1)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('shows a message once when the POST answer, the WebSocket and a resync all carry it', () => {
    let shown = mergeMessages([], [message(1, { clientId: 'a' })]);
    shown = mergeMessages(shown, [message(1, { clientId: 'a' })]);
    shown = mergeMessages(shown, [message(1, { clientId: 'a' }), message(2)]);
    expect(shown.map((m) => m.seq)).toEqual([1, 2]);
  });

  it('drops a second copy of a clientId even under another seq', () => {
    const shown = mergeMessages([message(1, { clientId: 'a' })], [message(5, { clientId: 'a' })]);
    expect(shown).toHaveLength(1);
  });

  it('keeps the same array when nothing is new (no needless render)', () => {
    const current = [message(1)];
    expect(mergeMessages(current, [message(1)])).toBe(current);
  });

  it('counts unread agent messages after the last one seen', () => {
    const shown = [
      message(1),
      message(2, { authorType: 'agent' }),
      message(3, { authorType: 'agent' }),
      message(4, { authorType: 'system' }),
    ];
    expect(lastSeq(shown)).toBe(4);
    expect(countUnread(shown, 2)).toBe(1);
    expect(countUnread(shown, 0)).toBe(2);
  });
});

describe('outbox', () => {
  it('keeps a message until the server acknowledged it, across a reload', () => {
    const store = memoryStore();
    createOutbox(store, 'c1').add({ clientId: 'a', body: 'hello', createdAt: 't' });
    createOutbox(store, 'c1').add({ clientId: 'b', body: 'again', createdAt: 't' });
    const reloaded = createOutbox(store, 'c1');
    expect(reloaded.pending().map((i) => i.clientId)).toEqual(['a', 'b']);
    reloaded.remove('a');
    expect(
      createOutbox(store, 'c1')
        .pending()
        .map((i) => i.clientId),
    ).toEqual(['b']);
    reloaded.remove('b');
    expect(store.data.size).toBe(0);
  });

  it('is per conversation', () => {
    const store = memoryStore();
    createOutbox(store, 'c1').add({ clientId: 'a', body: 'x', createdAt: 't' });
    expect(createOutbox(store, 'c2').list()).toEqual([]);
  });

  it('adding the same clientId twice keeps one item', () => {
    const outbox = createOutbox(memoryStore(), 'c1');
    outbox.add({ clientId: 'a', body: 'x', createdAt: 't' });
    outbox.add({ clientId: 'a', body: 'x', createdAt: 't' });
    expect(outbox.list()).toHaveLength(1);
  });

  it('a refused message stays visible but is not retried', () => {
    const outbox = createOutbox(memoryStore(), 'c1');
    outbox.add({ clientId: 'a', body: 'x'.repeat(10_001), createdAt: 't' });
    outbox.fail('a', 'too long');
    expect(outbox.pending()).toEqual([]);
    expect(outbox.list()[0]?.error).toBe('too long');
  });

  it('survives garbage in storage', () => {
    const store = memoryStore();
    store.setItem('banyan:outbox:c1', '{not json');
    expect(createOutbox(store, 'c1').list()).toEqual([]);
    store.setItem(
      'banyan:outbox:c1',
      JSON.stringify([{ clientId: 1 }, { clientId: 'a', body: 'ok', createdAt: 't' }]),
    );
    expect(
      createOutbox(store, 'c1')
        .list()
        .map((i) => i.clientId),
    ).toEqual(['a']);
  });

  it('hides items the server already echoed', () => {
    const items = [
      { clientId: 'a', body: 'x', createdAt: 't' },
      { clientId: 'b', body: 'y', createdAt: 't' },
    ];
    expect(unconfirmed(items, new Set(['a'])).map((i) => i.clientId)).toEqual(['b']);
  });
});

describe('backoff', () => {
  it('grows exponentially, is capped and never zero', () => {
    const low = () => 0;
    const high = () => 1;
    expect(backoffDelay(0, { random: low })).toBe(500);
    expect(backoffDelay(0, { random: high })).toBe(1000);
    expect(backoffDelay(3, { random: high })).toBe(8000);
    expect(backoffDelay(20, { random: high })).toBe(30_000);
    expect(backoffDelay(20, { random: low })).toBe(15_000);
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('Sun, 22 Nov 2026 08:00:10 GMT', Date.parse('2026-11-22T08:00:00Z'))).toBe(10_000);
    expect(retryAfterMs('soon')).toBeNull();
  });
});

describe('i18n', () => {
  it('has the same keys, all non-empty, in en, zh-CN and vi', () => {
    const keys = Object.keys(dictionaries.en).sort();
    for (const [language, dictionary] of Object.entries(dictionaries)) {
      expect(Object.keys(dictionary).sort(), language).toEqual(keys);
      for (const [key, text] of Object.entries(dictionary))
        expect(text.trim(), `${language} ${key}`).not.toBe('');
    }
  });

  it('keeps the same placeholders in every language', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, text] of Object.entries(dictionaries.en)) {
      for (const dictionary of Object.values(dictionaries)) {
        expect(placeholders(dictionary[key as keyof typeof dictionary]), key).toEqual(placeholders(text));
      }
    }
  });

  it('maps the page language to en, zh-CN or vi', () => {
    expect(toWidgetLanguage('zh-Hans-CN')).toBe('zh-CN');
    expect(toWidgetLanguage('zh-TW')).toBe('zh-CN');
    expect(toWidgetLanguage('vi-VN')).toBe('vi');
    expect(toWidgetLanguage('fr')).toBe('en');
    expect(toWidgetLanguage('')).toBe('en');
  });

  it('accepts only hex colours from the site config', () => {
    expect(isSafeColor('#0a7c5a')).toBe(true);
    expect(isSafeColor('red;background:url(x)')).toBe(false);
  });
});

describe('transcript', () => {
  it('is plain text, one line per message, with the body untouched', () => {
    const text = buildTranscript(
      [message(1, { body: '<b>hi</b>' }), message(2, { authorType: 'agent', body: 'Hello' })],
      { title: 'Chat transcript', customer: 'You', agent: 'Agent', system: 'System' },
      'UTC',
    );
    expect(text).toBe(
      'Chat transcript\n\n[2026-11-22 08:30] You: <b>hi</b>\n[2026-11-22 08:30] Agent: Hello\n',
    );
  });
});
