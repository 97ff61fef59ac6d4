import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from './common.ts';

const strict = { additionalProperties: false } as const;

export const AgentStateName = Type.Union([
  Type.Literal('available'),
  Type.Literal('away'),
  Type.Literal('offline'),
]);
export const AwayReason = Type.Union(
  ['break', 'lunch', 'training', 'meeting', 'after_contact_work', 'missed_offers'].map((r) =>
    Type.Literal(r),
  ),
);

export const DeskState = Type.Object({
  state: AgentStateName,
  reason: Nullable(Type.String()),
  since: Nullable(IsoDateTime),
  channels: Type.Array(
    Type.Object({ channel: Type.String(), capacity: Type.Integer(), load: Type.Integer() }),
  ),
});
export type DeskState = Static<typeof DeskState>;

export const SetDeskState = Type.Object({ state: AgentStateName, reason: Type.Optional(AwayReason) }, strict);
export type SetDeskState = Static<typeof SetDeskState>;

export const DeskOffer = Type.Object({
  itemId: Uuid,
  kind: Type.String(),
  refId: Uuid,
  queueId: Uuid,
  channel: Type.String(),
  expiresAt: IsoDateTime,
});
export const DeskOfferList = Type.Object({ items: Type.Array(DeskOffer) });
export const ItemParams = Type.Object({ itemId: Uuid }, strict);

export const ConversationSummary = Type.Object({
  id: Uuid,
  channel: Type.String(),
  status: Type.String(),
  customerId: Nullable(Uuid),
  queueId: Nullable(Uuid),
  assigneeId: Nullable(Uuid),
  language: Type.String(),
  topic: Nullable(Type.String()),
  contactName: Nullable(Type.String()),
  createdAt: IsoDateTime,
  lastMessageAt: Nullable(IsoDateTime),
});
export const ConversationList = Type.Object({ items: Type.Array(ConversationSummary) });

export const MessageView = Type.Object({
  id: Uuid,
  seq: Type.Integer(),
  authorType: Type.String(),
  authorId: Nullable(Type.String()),
  kind: Type.String(),
  clientId: Nullable(Type.String()),
  body: Type.String(),
  mentions: Type.Array(Uuid),
  createdAt: IsoDateTime,
});
export const ConversationDetail = Type.Object({
  conversation: ConversationSummary,
  messages: Type.Array(MessageView),
});

export const PostAgentMessage = Type.Object(
  {
    clientId: Type.String({ minLength: 1, maxLength: 64 }),
    // The service gives the translated "too long" error past 10,000 characters.
    body: Type.String({ maxLength: 20_000 }),
    kind: Type.Optional(Type.Union([Type.Literal('text'), Type.Literal('note')])),
    mentions: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
  },
  strict,
);
export type PostAgentMessage = Static<typeof PostAgentMessage>;
export const PostedMessage = Type.Object({ message: MessageView, duplicate: Type.Boolean() });

export const CloseConversation = Type.Object({ contactReasonId: Uuid }, strict);
export type CloseConversation = Static<typeof CloseConversation>;
