import {
  Alert,
  Badge,
  Divider,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconCrown, IconUserQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LOCALE_NAMES, type Locale } from '../../../app/i18n.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { BranchVisits } from '../../branch/components/branch-visits.tsx';
import { CustomerCases } from '../../cases/components/customer-cases.tsx';
import { CustomerNotifications } from '../../notifications/components/customer-notifications.tsx';
import { CustomerVerificationBox } from '../../notifications/components/customer-verification.tsx';
import { type Customer360, useCustomer360 } from '../customer-api.ts';

const VIP_COLORS: Record<string, string> = { platinum: 'grape', gold: 'yellow', silver: 'gray' };

/**
 * Who the agent is talking to: a verified customer's profile, VIP tier, masked accounts and cards
 * and their contacts in every channel; or, for an anonymous visitor, what they typed in the form.
 */
export function CustomerPanel(props: {
  customerId: string | null;
  contactName: string | null;
  /** Set for the conversation's assignee: the one-time-password check of this contact. */
  verification?: { conversationId: string; isOpen: boolean } | null;
}) {
  const { t } = useTranslation();
  const customer = useCustomer360(props.customerId);
  return (
    <Paper withBorder component="aside" aria-labelledby="desk-customer-title" h="100%">
      {/* Focusable, so keyboard users can scroll a long customer panel (WCAG 2.1.1). */}
      <ScrollArea h="100%" p="xs" viewportProps={{ tabIndex: 0 }}>
        <Title order={2} size="h6" id="desk-customer-title" mb="xs">
          {t('desk.customer.title')}
        </Title>
        {!props.customerId ? (
          <Alert variant="light" color="gray" icon={<IconUserQuestion size={18} aria-hidden />}>
            <Text size="sm" fw={500}>
              {props.contactName ?? t('desk.conversations.anonymous')}
            </Text>
            <Text size="sm">{t('desk.customer.unverified')}</Text>
          </Alert>
        ) : customer.isPending ? (
          <Loader size="sm" aria-label={t('desk.customer.loading')} />
        ) : customer.error ? (
          <ErrorAlert error={customer.error} />
        ) : (
          <CustomerDetails data={customer.data} verification={props.verification ?? null} />
        )}
      </ScrollArea>
    </Paper>
  );
}

function CustomerDetails({
  data,
  verification,
}: {
  data: Customer360;
  verification: { conversationId: string; isOpen: boolean } | null;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const c = data.customer;
  const money = (amount: string, currency: string) =>
    new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(Number(amount));
  return (
    <Stack gap="xs">
      <div>
        <Group gap={6} wrap="nowrap">
          <Text fw={600}>{c.fullName}</Text>
          {c.vipTier !== 'none' && (
            <Badge
              color={VIP_COLORS[c.vipTier] ?? 'banyan'}
              c={c.vipTier === 'gold' ? 'dark.7' : undefined}
              leftSection={<IconCrown size={12} aria-hidden />}
            >
              {t(`desk.customer.vip.${c.vipTier}`, { defaultValue: c.vipTier })}
            </Badge>
          )}
        </Group>
        {c.latinName && c.latinName !== c.fullName && (
          <Text size="xs" c="dimmed">
            {c.latinName}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {t('desk.customer.number', { number: c.customerNo })} ·{' '}
          {t(`desk.customer.segment.${c.segment}`, {
            defaultValue: c.segment,
          })}{' '}
          · {LOCALE_NAMES[c.preferredLanguage as Locale] ?? c.preferredLanguage}
        </Text>
        {c.nationalIdMasked && (
          <Text size="xs" c="dimmed">
            {t('desk.customer.nationalId', { id: c.nationalIdMasked })}
          </Text>
        )}
      </div>

      {verification && (
        <CustomerVerificationBox conversationId={verification.conversationId} isOpen={verification.isOpen} />
      )}

      {data.contacts.length > 0 && (
        <Stack gap={2} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {data.contacts.map((contact) => (
            <Text component="li" size="sm" key={`${contact.kind}-${contact.value}`}>
              {t(`desk.customer.contact.${contact.kind}`, { defaultValue: contact.kind })}: {contact.value}
              {contact.isVerified ? ` · ${t('desk.customer.verified')}` : ''}
            </Text>
          ))}
        </Stack>
      )}

      <Divider label={t('desk.customer.accounts')} labelPosition="left" />
      {data.accounts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('desk.customer.none')}
        </Text>
      ) : (
        <Table fz="xs" verticalSpacing={2} aria-label={t('desk.customer.accounts')}>
          <Table.Tbody>
            {data.accounts.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  {t(`desk.customer.product.${a.product}`, { defaultValue: a.product })} {a.accountNoMasked}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {money(a.balance, a.currency)}
                </Table.Td>
                <Table.Td>{a.status !== 'active' && <Badge {...warn}>{a.status}</Badge>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Divider label={t('desk.customer.cards')} labelPosition="left" />
      {data.cards.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('desk.customer.none')}
        </Text>
      ) : (
        <Table fz="xs" verticalSpacing={2} aria-label={t('desk.customer.cards')}>
          <Table.Tbody>
            {data.cards.map((card) => (
              <Table.Tr key={card.id}>
                <Table.Td>
                  {card.brand} {t(`desk.customer.cardKind.${card.kind}`, { defaultValue: card.kind })}
                </Table.Td>
                <Table.Td style={{ fontFamily: 'monospace' }}>{card.panMasked}</Table.Td>
                <Table.Td>
                  {card.status !== 'active' ? (
                    <Badge {...warn}>
                      {t(`desk.customer.cardStatus.${card.status}`, { defaultValue: card.status })}
                    </Badge>
                  ) : (
                    card.expires
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <Divider label={t('desk.customer.history')} labelPosition="left" />
      {data.conversations.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('desk.customer.noHistory')}
        </Text>
      ) : (
        <Stack
          gap={6}
          component="ol"
          aria-label={t('desk.customer.history')}
          style={{ padding: 0, margin: 0 }}
        >
          {data.conversations.map((contact) => (
            <li key={contact.id} style={{ listStyle: 'none' }}>
              <Group gap={6} wrap="nowrap">
                <Badge size="xs" variant="light">
                  {t(`desk.customer.channel.${contact.channel}`, { defaultValue: contact.channel })}
                </Badge>
                <Text size="xs">{format.dateTime(contact.createdAt)}</Text>
                {contact.rating !== null && (
                  <Text
                    size="xs"
                    c="dimmed"
                    aria-label={t('desk.customer.rating', { rating: contact.rating })}
                  >
                    {'★'.repeat(contact.rating)}
                  </Text>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {[
                  contact.contactReason
                    ? (contact.contactReason.names[i18n.language] ??
                      contact.contactReason.names.en ??
                      contact.contactReason.code)
                    : contact.topic,
                  contact.agentName,
                  t(`desk.status.${contact.status}`, { defaultValue: contact.status }),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      <CustomerCases customerId={c.id} />
      <BranchVisits customerId={c.id} />
      <CustomerNotifications customerId={c.id} />
    </Stack>
  );
}

// Light yellow with dark text (WCAG AA contrast), as the desk's other warnings.
const warn = { color: 'yellow', c: 'dark.7', size: 'xs' } as const;
