import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Image,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import type { Me } from '../../auth/api.ts';
import { useDisableMfa, useEnrollMfa, useVerifyMfa } from '../api.ts';

export function MfaCard({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('account.mfa')}
        </Title>
        <Badge color={me.mfaEnabled ? 'banyan' : 'gray'} variant="light">
          {me.mfaEnabled ? t('account.mfaOn') : t('account.mfaOff')}
        </Badge>
      </Group>
      {recoveryCodes ? (
        <RecoveryCodes codes={recoveryCodes} onDone={() => setRecoveryCodes(null)} />
      ) : me.mfaEnabled ? (
        <DisableMfa />
      ) : (
        <EnrollMfa onEnrolled={setRecoveryCodes} />
      )}
    </Card>
  );
}

function EnrollMfa({ onEnrolled }: { onEnrolled: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const enroll = useEnrollMfa();
  const verify = useVerifyMfa();
  const [code, setCode] = useState('');
  if (!enroll.data) {
    return (
      <Stack>
        <Text size="sm">{t('account.mfaIntro')}</Text>
        <ErrorAlert error={enroll.error} />
        <Button
          onClick={() => enroll.mutate()}
          loading={enroll.isPending}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('account.mfaEnable')}
        </Button>
      </Stack>
    );
  }
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        verify.mutate(code.trim(), { onSuccess: ({ recoveryCodes }) => onEnrolled(recoveryCodes) });
      }}
    >
      <Stack>
        <Text size="sm">{t('account.mfaScan')}</Text>
        <Group align="flex-start" wrap="wrap">
          <Image src={enroll.data.qrDataUrl} alt={t('account.mfaQrAlt')} w={180} h={180} bg="white" p={4} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('account.mfaSecret')}
            </Text>
            <Code>{enroll.data.secret}</Code>
          </Stack>
        </Group>
        <ErrorAlert error={verify.error} />
        <TextInput
          label={t('account.mfaCode')}
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          maw={220}
        />
        <Button
          type="submit"
          loading={verify.isPending}
          disabled={!/^\d{6}$/.test(code.trim())}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('account.mfaVerify')}
        </Button>
      </Stack>
    </form>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <Alert color="yellow" title={t('account.recoveryTitle')}>
        {t('account.recoveryBody')}
      </Alert>
      <SimpleGrid cols={2} spacing="xs">
        {codes.map((code) => (
          <Code key={code} fz="sm">
            {code}
          </Code>
        ))}
      </SimpleGrid>
      <Group>
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>{t('account.recoverySaved')}</Button>
      </Group>
    </Stack>
  );
}

function DisableMfa() {
  const { t } = useTranslation();
  const disable = useDisableMfa();
  const [code, setCode] = useState('');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        disable.mutate(code.trim(), { onSuccess: () => setCode('') });
      }}
    >
      <Stack>
        <Text size="sm">{t('account.mfaDisableIntro')}</Text>
        <ErrorAlert error={disable.error} />
        <TextInput
          label={t('account.mfaCodeOrRecovery')}
          autoComplete="one-time-code"
          value={code}
          onChange={(event) => setCode(event.currentTarget.value)}
          maw={260}
        />
        <Button
          type="submit"
          color="red"
          variant="outline"
          loading={disable.isPending}
          disabled={!code.trim()}
          style={{ alignSelf: 'flex-start' }}
        >
          {t('account.mfaDisable')}
        </Button>
      </Stack>
    </form>
  );
}
