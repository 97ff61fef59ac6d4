// Pure logic of the queue editor's overflow rules, unit-tested in overflow.test.ts.

/** An overflow rule as the form edits it. */
export interface OverflowRow {
  afterSeconds: number | string;
  action: 'widen' | 'move';
  dropSkillIds: string[];
  toQueueId: string | null;
}

/** The rules as the server wants them, in the order they fire. */
export function overflowBody(rows: readonly OverflowRow[]) {
  return [...rows]
    .map((row) => ({ ...row, afterSeconds: Number(row.afterSeconds) }))
    .sort((a, b) => a.afterSeconds - b.afterSeconds)
    .map((row) =>
      row.action === 'move'
        ? { afterSeconds: row.afterSeconds, action: 'move' as const, toQueueId: row.toQueueId ?? '' }
        : { afterSeconds: row.afterSeconds, action: 'widen' as const, dropSkillIds: row.dropSkillIds },
    );
}
