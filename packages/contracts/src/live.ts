// The live side of a conversation besides messages: typing, read receipts and consults.
import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from './common.ts';

const strict = { additionalProperties: false } as const;

export const TypingSignal = Type.Object({ typing: Type.Boolean() }, strict);
export type TypingSignal = Static<typeof TypingSignal>;

/** Read everything up to and including `seq` (capped at the last message; never moves back). */
export const MarkRead = Type.Object({ seq: Type.Integer({ minimum: 0, maximum: 2_147_483_647 }) }, strict);
export type MarkRead = Static<typeof MarkRead>;
export const ReadState = Type.Object({ seq: Type.Integer() });

export const InviteConsult = Type.Object(
  { userId: Uuid, note: Type.Optional(Type.String({ maxLength: 2000 })) },
  strict,
);
export type InviteConsult = Static<typeof InviteConsult>;

export const Consultant = Type.Object({
  userId: Uuid,
  displayName: Type.String(),
  invitedBy: Nullable(Uuid),
  note: Nullable(Type.String()),
  invitedAt: IsoDateTime,
  leftAt: Nullable(IsoDateTime),
});
export type Consultant = Static<typeof Consultant>;

/** An agent's open consults: the "Consult requests" list of their desk. */
export const ConsultRequestList = Type.Object({
  items: Type.Array(
    Type.Object({
      conversationId: Uuid,
      channel: Type.String(),
      status: Type.String(),
      contactName: Nullable(Type.String()),
      language: Type.String(),
      note: Nullable(Type.String()),
      invitedAt: IsoDateTime,
      invitedBy: Nullable(Uuid),
      invitedByName: Nullable(Type.String()),
      assigneeId: Nullable(Uuid),
      assigneeName: Nullable(Type.String()),
    }),
  ),
});
export type ConsultRequestList = Static<typeof ConsultRequestList>;

/** Desk users who can be invited to consult, available ones first. */
export const ConsultCandidateList = Type.Object({
  items: Type.Array(Type.Object({ userId: Uuid, displayName: Type.String(), state: Type.String() })),
});
export type ConsultCandidateList = Static<typeof ConsultCandidateList>;
