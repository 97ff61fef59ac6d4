// Pure logic of the desk's live features (live.ts), unit-tested in live-model.test.ts.

/** Whether a typing signal recorded until `until` still shows at `now`. */
export const isStillTyping = (until: number | undefined, now: number) => until !== undefined && until > now;

/** The seq up to which the assignee has now read, or null when there is nothing new to mark. */
export function readMarkFor(lastSeq: number, agentReadSeq: number, isVisible: boolean): number | null {
  return isVisible && lastSeq > agentReadSeq ? lastSeq : null;
}

/** Ids of the people a note names as `@Display Name` (case-insensitive), for the mention push. */
export function findMentions(body: string, people: readonly { id: string; name: string }[]): string[] {
  const text = body.toLocaleLowerCase();
  return people.filter((p) => p.name && text.includes(`@${p.name.toLocaleLowerCase()}`)).map((p) => p.id);
}
