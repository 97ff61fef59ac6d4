import { Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { useCheckVerificationCode, useSendVerificationCode, useVerification } from '../api.ts';

/**
 * Verifying the customer with a one-time password, on the desk's customer 360: send a code
 * (by SMS, else email), type what the customer reads back, and a badge once verified.
 */
export function CustomerVerificationBox(props: { conversationId: string; isOpen: boolean }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const state = useVerification(props.conversationId, true);
  const send = useSendVerificationCode(props.conversationId);
  const check = useCheckVerificationCode(props.conversationId);
  const [code, setCode] = useState('');
  const data = state.data;
  if (!data) return <ErrorAlert error={state.error} />;
  if (data.verified) {
    return (
      <Group gap={6}>
        <Badge
          variant="light"
          color="green"
          c="dark.7"
          leftSection={<IconShieldCheck size={12} aria-hidden />}
        >
          {t('customerVerification.verified')}
        </Badge>
        {data.verifiedAt && (
          <Text size="xs" c="dimmed">
            {format.dateTime(data.verifiedAt)}
          </Text>
        )}
      </Group>
    );
  }
  if (!props.isOpen) return null;
  const isValid = /^\d{6}$/.test(code.trim());
  return (
    <Stack gap={4}>
      <Group gap={6}>
        <Badge color="gray" variant="light">
          {t('customerVerification.notVerified')}
        </Badge>
        <Button
          size="xs"
          variant="default"
          loading={send.isPending}
          onClick={() => {
            check.reset();
            send.mutate();
          }}
        >
          {data.pending ? t('customerVerification.resend') : t('customerVerification.send')}
        </Button>
      </Group>
      {data.pending && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (isValid) check.mutate(code.trim(), { onSuccess: () => setCode('') });
          }}
        >
          <Text size="xs" c="dimmed">
            {t(`customerVerification.sentBy.${data.pending.channel ?? 'email'}`, {
              time: format.dateTime(data.pending.expiresAt),
              attempts: data.pending.attemptsLeft,
            })}
          </Text>
          <Group gap={6} align="flex-end" wrap="nowrap">
            <TextInput
              size="xs"
              label={t('customerVerification.code')}
              inputMode="numeric"
              autoComplete="off"
              maxLength={6}
              value={code}
              onChange={(event) => setCode(event.currentTarget.value.replace(/\D/g, ''))}
            />
            <Button size="xs" type="submit" disabled={!isValid} loading={check.isPending}>
              {t('customerVerification.check')}
            </Button>
          </Group>
        </form>
      )}
      <ErrorAlert error={send.error ?? check.error} />
    </Stack>
  );
}
