import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { type EmailHeader, useEmailThread } from '../api.ts';

/**
 * The mails of an email conversation above its transcript: subject, from, to, cc, and the HTML
 * part. The HTML is sanitized on the server and shown in a frame with an empty `sandbox` (no
 * scripts, forms, navigation or same-origin access) and a CSP that loads nothing remote (no
 * tracking pixels): only inline data: images.
 */
export function EmailHeaders({
  conversationId,
  messageCount,
}: {
  conversationId: string;
  messageCount: number;
}) {
  const { t } = useTranslation();
  const thread = useEmailThread(conversationId, messageCount);
  if (thread.error) return <ErrorAlert error={thread.error} />;
  const items = thread.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Stack gap={4} aria-label={t('emailThread.title')} component="section">
      {items.slice(-3).map((mail) => (
        <EmailCard key={mail.messageId} mail={mail} />
      ))}
    </Stack>
  );
}

type AuthResults = NonNullable<EmailHeader['auth']>;

const AUTH_COLOR: Record<string, string> = {
  pass: 'green',
  fail: 'red',
  softfail: 'orange',
  permerror: 'red',
  temperror: 'yellow',
  neutral: 'gray',
  none: 'gray',
  policy: 'orange',
};

/**
 * SPF, DKIM and DMARC of an inbound mail as three badges: green when it passed, red when it
 * failed (the sender may be forged), yellow when DNS could not be asked.
 */
function AuthBadges({ auth }: { auth: AuthResults }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" aria-label={t('emailThread.auth.title')} role="group">
      {(['spf', 'dkim', 'dmarc'] as const).map((mechanism) => {
        const result = auth[mechanism];
        const label = t(`emailThread.auth.result.${result}`, { defaultValue: result });
        return (
          <Badge
            key={mechanism}
            size="xs"
            variant="light"
            color={AUTH_COLOR[result] ?? 'gray'}
            title={t('emailThread.auth.hint', { mechanism: mechanism.toUpperCase(), result: label })}
            data-testid={`email-auth-${mechanism}`}
            data-result={result}
          >
            {mechanism.toUpperCase()} {label}
          </Badge>
        );
      })}
    </Group>
  );
}

const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

function EmailCard({ mail }: { mail: EmailHeader }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  return (
    <Paper withBorder p="xs">
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm" truncate>
          {mail.subject || t('emailThread.noSubject')}
        </Text>
        <Group gap={4} wrap="nowrap">
          <Badge size="xs" variant="light">
            {mail.direction === 'in' ? t('emailThread.received') : t('emailThread.sent')}
          </Badge>
          <Text size="xs" c="dimmed">
            {dateTime(mail.at)}
          </Text>
        </Group>
      </Group>
      <Group gap={4} wrap="wrap">
        <Text size="xs">
          {t('emailThread.from')}: {mail.from}
        </Text>
        {mail.auth && <AuthBadges auth={mail.auth} />}
      </Group>
      <Text size="xs">
        {t('emailThread.to')}: {mail.to.join(', ')}
      </Text>
      {mail.cc.length > 0 && (
        <Text size="xs">
          {t('emailThread.cc')}: {mail.cc.join(', ')}
        </Text>
      )}
      {mail.html && (
        <details>
          <summary>
            <Text span size="xs">
              {t('emailThread.showHtml')}
            </Text>
          </summary>
          <iframe
            title={t('emailThread.htmlTitle', { subject: mail.subject })}
            sandbox=""
            referrerPolicy="no-referrer"
            srcDoc={`<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}">${mail.html}`}
            style={{ width: '100%', height: 200, border: 0, background: 'white' }}
          />
        </details>
      )}
    </Paper>
  );
}
