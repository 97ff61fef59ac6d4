/** The customers module's public surface: other modules import only from here. */
export {
  type AccountProduct,
  type AccountStatus,
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
  buildSearchName,
  foldForSearch,
  hashNationalId,
  isE164,
  maskNationalId,
  normaliseEmail,
  normalisePhone,
  type ParsedPhone,
  type PhoneCountry,
  parsePhone,
} from './customers.normalise.ts';
export { customersRoutes } from './customers.routes.ts';
export { coreDemoAccounts, coreDemoCards, customerIdentities, customers } from './customers.schema.ts';
export {
  type CreateCustomerInput,
  type Customer,
  type CustomerIdentity,
  type CustomerProfile,
  type CustomerSummary,
  type CustomersService,
  createCustomersService,
  type Gender,
  type IdentityKind,
  type SearchCustomersOptions,
  type Segment,
  type VipTier,
} from './customers.service.ts';
