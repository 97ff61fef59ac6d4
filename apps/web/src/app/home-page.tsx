import { Anchor, Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canOpenSection, useCurrentUser } from '../features/auth/api.ts';
import { SECTIONS } from './sections.ts';

export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const available = SECTIONS.filter((section) => section.path !== '' && canOpenSection(me, section));
  const none = t('home.none');
  return (
    <Stack maw={960}>
      <Title order={1} size="h2">
        {t('home.welcome', { name: me.displayName })}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('home.aboutYou')}
          </Title>
          <Stack gap="xs">
            <Group gap="xs">
              <Text fw={500} size="sm">
                {t('home.roles')}
              </Text>
              {me.roles.map((role) => (
                <Badge key={role} variant="light">
                  {t(`roles.${role}`)}
                </Badge>
              ))}
            </Group>
            <Text size="sm">
              <Text span fw={500}>
                {t('home.teams')}
              </Text>{' '}
              {me.teams.map((team) => team.name).join(', ') || none}
            </Text>
            <Text size="sm">
              <Text span fw={500}>
                {t('home.department')}
              </Text>{' '}
              {me.department?.name ?? none}
            </Text>
            <Text size="sm">
              <Text span fw={500}>
                {t('home.branch')}
              </Text>{' '}
              {me.branch?.name ?? none}
            </Text>
          </Stack>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t('home.whatYouCanDo')}
          </Title>
          <List spacing="xs" size="sm">
            {available.map((section) => (
              <List.Item key={section.path}>
                <Anchor component={Link} to={`/${section.path}`}>
                  {t(section.labelKey)}
                </Anchor>
                {' — '}
                {t(section.descriptionKey)}
              </List.Item>
            ))}
          </List>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
