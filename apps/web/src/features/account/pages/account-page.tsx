import { SimpleGrid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../shared/page-header.tsx';
import { useCurrentUser } from '../../auth/api.ts';
import { MfaCard } from '../components/mfa-card.tsx';
import { PasswordCard } from '../components/password-card.tsx';
import { PreferencesCard } from '../components/preferences-card.tsx';
import { SessionsCard } from '../components/sessions-card.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <Stack maw={1100}>
      <PageHeader title={t('nav.account')} description={t('account.signedInAs', { username: me.username })} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <PreferencesCard me={me} />
        <PasswordCard />
        <MfaCard me={me} />
      </SimpleGrid>
      <SessionsCard />
    </Stack>
  );
}
