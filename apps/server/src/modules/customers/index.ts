/** The customers module's public surface: other modules import only from here. */
export {
  type BlockCardInput,
  type BlockCardResult,
  CARD_BLOCK_REASONS,
  type CardBlockReason,
  type CardBrand,
  type CardKind,
  type CardStatus,
  type CoreAccount,
  type CoreBanking,
  type CoreCard,
  type Currency,
  createDemoCoreBanking,
} from './customers.core.ts';
export {
  foldForSearch,
  isE164,
  normaliseEmail,
  normalisePhone,
  type ParsedPhone,
  type PhoneCountry,
  parsePhone,
} from './customers.normalise.ts';
export { customerIdentities, customers } from './customers.schema.ts';
export {
  type CreateCustomerInput,
  type Customer,
  type CustomerIdentity,
  type CustomerProfile,
  type CustomerSummary,
  type CustomersService,
  createCustomersService,
  type IdentityKind,
  type SearchCustomersOptions,
  type Segment,
  type VipTier,
} from './customers.service.ts';
