/** The part of `Storage` the outbox uses; tests pass a Map-backed fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface OutboxItem {
  clientId: string;
  body: string;
  createdAt: string;
  /** Set when the server refused it for good (too long, chat closed): shown, never retried. */
  error?: string;
}

/**
 * Messages typed but not yet acknowledged, per conversation, in localStorage: a reload, a crash or
 * a network cut loses nothing. An item leaves only when the server answered 200/201 for its
 * clientId, so a retry of a message that did reach the server is answered `duplicate: true`.
 */
export function createOutbox(store: KeyValueStore, conversationId: string) {
  const key = `banyan:outbox:${conversationId}`;

  function list(): OutboxItem[] {
    try {
      const parsed: unknown = JSON.parse(store.getItem(key) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isItem) : [];
    } catch {
      return [];
    }
  }

  function save(items: OutboxItem[]): void {
    try {
      if (items.length === 0) store.removeItem(key);
      else store.setItem(key, JSON.stringify(items));
    } catch {
      // Storage full or blocked (private mode): the item still lives in memory for this page.
    }
  }

  return {
    list,
    add(item: OutboxItem): OutboxItem[] {
      const items = list().filter((i) => i.clientId !== item.clientId);
      items.push(item);
      save(items);
      return items;
    },
    /** After the server's 200/201 for this clientId. */
    remove(clientId: string): OutboxItem[] {
      const items = list().filter((i) => i.clientId !== clientId);
      save(items);
      return items;
    },
    fail(clientId: string, error: string): OutboxItem[] {
      const items = list().map((i) => (i.clientId === clientId ? { ...i, error } : i));
      save(items);
      return items;
    },
    /** Items still worth sending, oldest first. */
    pending(): OutboxItem[] {
      return list().filter((i) => !i.error);
    },
    clear(): void {
      save([]);
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;

function isItem(value: unknown): value is OutboxItem {
  const v = value as OutboxItem;
  return (
    !!v && typeof v.clientId === 'string' && typeof v.body === 'string' && typeof v.createdAt === 'string'
  );
}

/** Outbox items not yet visible as server messages (the server echo carries the same clientId). */
export function unconfirmed(items: readonly OutboxItem[], shownClientIds: ReadonlySet<string>): OutboxItem[] {
  return items.filter((i) => !shownClientIds.has(i.clientId));
}
