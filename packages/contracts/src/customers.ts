import { type Static, Type } from 'typebox';
import { IsoDateTime, Nullable, Uuid } from './common.ts';

export const CustomerSummary = Type.Object({
  id: Uuid,
  customerNo: Type.String(),
  fullName: Type.String(),
  preferredLanguage: Type.String(),
  segment: Type.String(),
  vipTier: Type.String(),
});

export const CustomerSearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 2, maxLength: 100 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
  },
  { additionalProperties: false },
);
export type CustomerSearchQuery = Static<typeof CustomerSearchQuery>;
export const CustomerSearchResult = Type.Object({
  items: Type.Array(CustomerSummary),
  total: Type.Integer(),
});

/** One contact on the customer's timeline (any channel), newest first. */
export const CustomerContact = Type.Object({
  id: Uuid,
  channel: Type.String(),
  status: Type.String(),
  topic: Nullable(Type.String()),
  createdAt: IsoDateTime,
  closedAt: Nullable(IsoDateTime),
  agentName: Nullable(Type.String()),
  /** The wrap-up's contact reason, names per language. */
  contactReason: Nullable(
    Type.Object({ code: Type.String(), names: Type.Record(Type.String(), Type.String()) }),
  ),
  rating: Nullable(Type.Integer()),
});
export type CustomerContact = Static<typeof CustomerContact>;

/** The customer 360 an agent sees while serving: identity, products (masked), history. */
export const Customer360 = Type.Object({
  customer: Type.Object({
    id: Uuid,
    customerNo: Type.String(),
    fullName: Type.String(),
    givenName: Nullable(Type.String()),
    latinName: Nullable(Type.String()),
    preferredLanguage: Type.String(),
    segment: Type.String(),
    vipTier: Type.String(),
    nationalIdMasked: Nullable(Type.String()),
    homeBranchId: Nullable(Uuid),
    consents: Type.Object({
      marketingSms: Type.Boolean(),
      marketingEmail: Type.Boolean(),
      marketingCall: Type.Boolean(),
    }),
  }),
  contacts: Type.Array(
    Type.Object({
      kind: Type.String(),
      value: Type.String(),
      isVerified: Type.Boolean(),
      isPrimary: Type.Boolean(),
    }),
  ),
  accounts: Type.Array(
    Type.Object({
      id: Uuid,
      /** Last four digits only: enough to confirm with the customer. */
      accountNoMasked: Type.String(),
      product: Type.String(),
      currency: Type.String(),
      balance: Type.String(),
      status: Type.String(),
    }),
  ),
  cards: Type.Array(
    Type.Object({
      id: Uuid,
      panMasked: Type.String(),
      brand: Type.String(),
      kind: Type.String(),
      status: Type.String(),
      expires: Type.String(),
    }),
  ),
  /** The customer's timeline: every contact in every channel, newest first. */
  conversations: Type.Array(CustomerContact),
});
