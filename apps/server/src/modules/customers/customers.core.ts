import { and, asc, eq } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.ts';
import type { DbOrTx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { defineMessages } from '../../platform/i18n.ts';
import { coreDemoAccounts, coreDemoCards } from './customers.schema.ts';

/**
 * The core-banking adapter: what the contact center may read from and ask of the bank's core
 * system. A bank replaces `createDemoCoreBanking` with its own integration (SOAP, ISO 20022, a
 * middleware REST API…) implementing `CoreBanking`; nothing here may leak a database type.
 * Amounts are decimal strings ("1250000.00"), never floats.
 */

export type Currency = 'VND' | 'CNY' | 'USD';
export type AccountProduct = 'current' | 'savings' | 'term_deposit' | 'loan' | 'mortgage';
export type AccountStatus = 'active' | 'dormant' | 'frozen' | 'closed';
export type CardBrand = 'visa' | 'mastercard' | 'unionpay' | 'napas' | 'jcb';
export type CardKind = 'debit' | 'credit';
export type CardStatus = 'active' | 'blocked' | 'lost' | 'expired';
export type CardBlockReason = 'lost' | 'stolen' | 'suspected_fraud' | 'customer_request';

export const CARD_BLOCK_REASONS: readonly CardBlockReason[] = [
  'lost',
  'stolen',
  'suspected_fraud',
  'customer_request',
];

export interface CoreAccount {
  id: string;
  customerId: string;
  accountNo: string;
  product: AccountProduct;
  currency: Currency;
  /** Decimal string, two places. For loans and mortgages: the outstanding principal, positive. */
  balance: string;
  status: AccountStatus;
  openedAt: Date;
}

export interface CoreCard {
  id: string;
  customerId: string;
  accountId: string | null;
  /** BIN and last four only, e.g. `622202******1234`. The full PAN never enters Banyan. */
  panMasked: string;
  last4: string;
  brand: CardBrand;
  kind: CardKind;
  status: CardStatus;
  currency: Currency;
  creditLimit: string | null;
  /** `MM/YY` as printed on the card. */
  expires: string;
}

export interface BlockCardInput {
  cardId: string;
  reason: CardBlockReason;
  /** The staff user (or flow) on whose behalf the block is made, for the core's own records. */
  actorId: string | null;
}

/**
 * Blocking is idempotent: a card already blocked or reported lost is `already_blocked`; an expired
 * card cannot be blocked. Lost and stolen cards become `lost` (they are never reactivated), the
 * other reasons `blocked`.
 */
export type BlockCardResult =
  | { outcome: 'blocked'; card: CoreCard }
  | { outcome: 'already_blocked'; card: CoreCard }
  | { outcome: 'not_blockable'; card: CoreCard };

export interface CoreBanking {
  listAccounts(customerId: string): Promise<CoreAccount[]>;
  listCards(customerId: string): Promise<CoreCard[]>;
  /** Cards ending in `last4`, of one customer when `customerId` is given (several may match). */
  findCardsByLast4(options: { customerId?: string | null; last4: string }): Promise<CoreCard[]>;
  /** Throws `CORE_CARD_NOT_FOUND` (404) when the card does not exist. */
  blockCard(input: BlockCardInput): Promise<BlockCardResult>;
}

defineMessages({
  CORE_CARD_NOT_FOUND: {
    en: 'This card was not found.',
    'zh-CN': '未找到该卡片。',
    vi: 'Không tìm thấy thẻ này.',
  },
  CORE_BLOCK_REASON_INVALID: {
    en: 'The reason for blocking the card is not valid.',
    'zh-CN': '冻结卡片的原因无效。',
    vi: 'Lý do khóa thẻ không hợp lệ.',
  },
});

type AccountRow = typeof coreDemoAccounts.$inferSelect;
type CardRow = typeof coreDemoCards.$inferSelect;

const toAccount = (row: AccountRow): CoreAccount => ({
  id: row.id,
  customerId: row.customerId,
  accountNo: row.accountNo,
  product: row.product as AccountProduct,
  currency: row.currency as Currency,
  balance: row.balance,
  status: row.status as AccountStatus,
  openedAt: row.openedAt,
});

const toCard = (row: CardRow): CoreCard => ({
  id: row.id,
  customerId: row.customerId,
  accountId: row.accountId,
  panMasked: row.panMasked,
  last4: row.last4,
  brand: row.brand as CardBrand,
  kind: row.kind as CardKind,
  status: row.status as CardStatus,
  currency: row.currency as Currency,
  creditLimit: row.creditLimit,
  expires: row.expires,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The demo core: the `core_demo_*` tables seeded with the demo bank. */
export function createDemoCoreBanking(deps: { db: DbOrTx; clock: Clock }): CoreBanking {
  const { db, clock } = deps;

  async function listAccounts(customerId: string): Promise<CoreAccount[]> {
    if (!UUID.test(customerId)) return [];
    const rows = await db
      .select()
      .from(coreDemoAccounts)
      .where(eq(coreDemoAccounts.customerId, customerId))
      .orderBy(asc(coreDemoAccounts.openedAt), asc(coreDemoAccounts.accountNo));
    return rows.map(toAccount);
  }

  async function listCards(customerId: string): Promise<CoreCard[]> {
    if (!UUID.test(customerId)) return [];
    const rows = await db
      .select()
      .from(coreDemoCards)
      .where(eq(coreDemoCards.customerId, customerId))
      .orderBy(asc(coreDemoCards.panMasked), asc(coreDemoCards.id));
    return rows.map(toCard);
  }

  async function findCardsByLast4(options: {
    customerId?: string | null;
    last4: string;
  }): Promise<CoreCard[]> {
    if (!/^\d{4}$/.test(options.last4)) return [];
    if (options.customerId != null && !UUID.test(options.customerId)) return [];
    const rows = await db
      .select()
      .from(coreDemoCards)
      .where(
        and(
          eq(coreDemoCards.last4, options.last4),
          options.customerId != null ? eq(coreDemoCards.customerId, options.customerId) : undefined,
        ),
      )
      .orderBy(asc(coreDemoCards.customerId), asc(coreDemoCards.id))
      .limit(50);
    return rows.map(toCard);
  }

  async function blockCard(input: BlockCardInput): Promise<BlockCardResult> {
    if (!CARD_BLOCK_REASONS.includes(input.reason)) throw new AppError('CORE_BLOCK_REASON_INVALID', 400);
    if (!UUID.test(input.cardId)) throw new AppError('CORE_CARD_NOT_FOUND', 404);
    const status: CardStatus = input.reason === 'lost' || input.reason === 'stolen' ? 'lost' : 'blocked';
    const now = clock.now();
    // One conditional UPDATE: two concurrent blocks of the same card cannot both report `blocked`.
    const [updated] = await db
      .update(coreDemoCards)
      .set({ status, blockedAt: now, blockReason: input.reason, blockedBy: input.actorId, updatedAt: now })
      .where(and(eq(coreDemoCards.id, input.cardId), eq(coreDemoCards.status, 'active')))
      .returning();
    if (updated) return { outcome: 'blocked', card: toCard(updated) };

    const [current] = await db.select().from(coreDemoCards).where(eq(coreDemoCards.id, input.cardId));
    if (!current) throw new AppError('CORE_CARD_NOT_FOUND', 404);
    const card = toCard(current);
    if (card.status === 'blocked' || card.status === 'lost') return { outcome: 'already_blocked', card };
    return { outcome: 'not_blockable', card };
  }

  return { listAccounts, listCards, findCardsByLast4, blockCard };
}
