import { ErrorResponses, IdParams } from '#contracts/common.ts';
import {
  Customer360,
  type CustomerContact,
  CustomerSearchQuery,
  CustomerSearchResult,
} from '#contracts/customers.ts';
import type { Audit } from '../../platform/audit.ts';
import type { App } from '../../platform/http.ts';
import { requirePermission } from '../../platform/rbac.ts';
import type { CoreBanking } from './customers.core.ts';
import type { CustomersService } from './customers.service.ts';

/** Customer lookup and the customer 360 for staff with `customers.read`; each 360 view is audited. */
export function customersRoutes(deps: {
  customers: CustomersService;
  coreBanking: CoreBanking;
  audit: Audit;
  /** The customer's contacts in every channel (the conversations module answers). */
  timeline: (customerId: string) => Promise<CustomerContact[]>;
}) {
  const { customers, coreBanking, audit, timeline } = deps;
  return async (app: App) => {
    app.get(
      '/customers',
      {
        schema: {
          tags: ['customers'],
          querystring: CustomerSearchQuery,
          response: { 200: CustomerSearchResult, ...ErrorResponses },
        },
      },
      async (request) => {
        requirePermission(request.actor, 'customers.read');
        const found = await customers.searchCustomers({
          q: request.query.q,
          limit: request.query.limit ?? 20,
          offset: 0,
        });
        return {
          items: found.items.map((c) => ({
            id: c.id,
            customerNo: c.customerNo,
            fullName: c.fullName,
            preferredLanguage: c.preferredLanguage,
            segment: c.segment,
            vipTier: c.vipTier,
          })),
          total: found.total,
        };
      },
    );

    app.get(
      '/customers/:id',
      {
        schema: { tags: ['customers'], params: IdParams, response: { 200: Customer360, ...ErrorResponses } },
      },
      async (request) => {
        requirePermission(request.actor, 'customers.read');
        const customer = await customers.getCustomer(request.params.id);
        const [accounts, cards, history] = await Promise.all([
          coreBanking.listAccounts(customer.id),
          coreBanking.listCards(customer.id),
          timeline(customer.id),
        ]);
        // Bank-grade: who looked at which customer's products is a sensitive read, audited.
        await audit.recordAlone({
          actorId: request.actor?.userId ?? null,
          actorName: request.actor?.username ?? null,
          action: 'customer.viewed',
          targetType: 'customer',
          targetId: customer.id,
          ip: request.ip,
        });
        return {
          customer: {
            id: customer.id,
            customerNo: customer.customerNo,
            fullName: customer.fullName,
            givenName: customer.givenName,
            latinName: customer.latinName,
            preferredLanguage: customer.preferredLanguage,
            segment: customer.segment,
            vipTier: customer.vipTier,
            nationalIdMasked: customer.nationalIdMasked,
            homeBranchId: customer.homeBranchId,
            consents: {
              marketingSms: customer.marketingSms,
              marketingEmail: customer.marketingEmail,
              marketingCall: customer.marketingCall,
            },
          },
          contacts: customer.identities
            .filter((i) => i.kind === 'phone' || i.kind === 'email')
            .map((i) => ({ kind: i.kind, value: i.value, isVerified: i.isVerified, isPrimary: i.isPrimary })),
          accounts: accounts.map((a) => ({
            id: a.id,
            accountNoMasked: `••••${a.accountNo.slice(-4)}`,
            product: a.product,
            currency: a.currency,
            balance: a.balance,
            status: a.status,
          })),
          cards: cards.map((c) => ({
            id: c.id,
            panMasked: c.panMasked,
            brand: c.brand,
            kind: c.kind,
            status: c.status,
            expires: c.expires,
          })),
          conversations: history,
        };
      },
    );
  };
}
