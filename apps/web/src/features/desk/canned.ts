// Pure canned-response logic, kept apart from React so it is unit-tested (canned.test.ts).

export interface CannedItem {
  id: string;
  scope: 'personal' | 'team' | 'global';
  shortcut: string;
  title: string;
  bodies: Record<string, string>;
}

export const CANNED_SCOPES = ['personal', 'team', 'global'] as const;
export const SHORTCUT_PATTERN = /^[a-z0-9_-]+$/;

/** The text in the conversation's language, English when that one is missing or empty. */
export function cannedBody(item: Pick<CannedItem, 'bodies'>, language: string | null | undefined): string {
  const inLanguage = language ? item.bodies[language] : undefined;
  return inLanguage?.trim() ? inLanguage : (item.bodies.en ?? '');
}

/** Fills `{customerName}`-style variables; unknown ones stay as written so the agent sees them. */
export function fillVariables(body: string, values: Record<string, string | undefined>): string {
  return body.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/**
 * The shortcut being typed when the box holds only `/` and a (partial) shortcut, else `null`:
 * `/` → `''`, `/hel` → `'hel'`, `hello /x` → `null`.
 */
export function typedShortcut(text: string): string | null {
  const match = /^\/([a-z0-9_-]*)$/.exec(text);
  return match ? (match[1] ?? '') : null;
}

/** Responses whose shortcut starts with `query`: an exact match first, then by scope and shortcut. */
export function matchShortcut<T extends CannedItem>(items: readonly T[], query: string): T[] {
  const rank = (item: T) => (item.shortcut === query ? 0 : 1) * 10 + CANNED_SCOPES.indexOf(item.scope);
  return items
    .filter((item) => item.shortcut.startsWith(query))
    .sort((a, b) => rank(a) - rank(b) || a.shortcut.localeCompare(b.shortcut));
}

/** Puts `text` in place of the selection `[start, end)` of `value`; returns the new value and caret. */
export function insertAt(
  value: string,
  text: string,
  start: number,
  end: number,
): { value: string; caret: number } {
  const before = value.slice(0, start);
  const after = value.slice(end);
  return { value: before + text + after, caret: before.length + text.length };
}
