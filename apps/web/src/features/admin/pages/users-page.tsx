import {
  Badge,
  Button,
  Group,
  Loader,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useFormatters } from '../../../shared/format.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import { useCurrentUser } from '../../auth/api.ts';
import { type User, type UserStatus, useUsers } from '../api.ts';
import { useOptions } from '../components/use-options.ts';
import { UserCreateDrawer } from '../components/user-create-drawer.tsx';
import { UserEditDrawer } from '../components/user-edit-drawer.tsx';

const PAGE_SIZE = 25;

export function UsersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canManage = me.permissions.includes('staff.manage');
  const format = useFormatters();
  const options = useOptions();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [role, setRole] = useState<string | null>(null);
  const [status, setStatus] = useState<UserStatus | null>(null);
  const [page, setPage] = useState(1);
  const [createOpened, createDrawer] = useDisclosure(false);
  const [selected, setSelected] = useState<User | null>(null);

  const users = useUsers({ q, role, status, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const items = users.data?.items ?? [];
  const total = users.data?.total ?? 0;
  // Keep the open drawer in step with the list after a save, disable or enable.
  const current = selected ? (items.find((user) => user.id === selected.id) ?? selected) : null;

  return (
    <Stack>
      <PageHeader
        title={t('nav.users')}
        description={t('users.description')}
        actions={
          canManage && (
            <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={createDrawer.open}>
              {t('users.create')}
            </Button>
          )
        }
      />
      <Group align="flex-end" gap="sm" role="search">
        <TextInput
          label={t('users.search')}
          placeholder={t('users.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          w={280}
        />
        <Select
          label={t('users.role')}
          placeholder={t('users.allRoles')}
          data={options.roles}
          value={role}
          onChange={(value) => {
            setRole(value);
            setPage(1);
          }}
          clearable
          w={220}
        />
        <Select
          label={t('users.status')}
          placeholder={t('users.allStatuses')}
          data={(['active', 'disabled'] as const).map((value) => ({
            value,
            label: t(`users.statuses.${value}`),
          }))}
          value={status}
          onChange={(value) => {
            setStatus(value as UserStatus | null);
            setPage(1);
          }}
          clearable
          w={180}
        />
        {users.isFetching && <Loader size="sm" aria-label={t('common.loading')} />}
      </Group>
      <ErrorAlert error={users.error} />
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover verticalSpacing={6} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.username')}</Table.Th>
              <Table.Th>{t('users.displayName')}</Table.Th>
              <Table.Th>{t('users.roles')}</Table.Th>
              <Table.Th>{t('users.teams')}</Table.Th>
              <Table.Th>{t('users.branch')}</Table.Th>
              <Table.Th>{t('users.status')}</Table.Th>
              <Table.Th>{t('users.lastLogin')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((user) => (
              <Table.Tr key={user.id}>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" px={4} onClick={() => setSelected(user)}>
                    {user.username}
                  </Button>
                </Table.Td>
                <Table.Td>{user.displayName}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap" preventGrowOverflow={false}>
                    {user.roles.map((name) => (
                      <Badge key={name} variant="light" size="sm">
                        {t(`roles.${name}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <CellText>{user.teamIds.map(options.nameOf.team).join(', ') || '—'}</CellText>
                </Table.Td>
                <Table.Td>
                  <CellText>{options.nameOf.branch(user.branchId)}</CellText>
                </Table.Td>
                <Table.Td>
                  <Badge color={user.status === 'active' ? 'banyan' : 'gray'} variant="light" size="sm">
                    {t(`users.statuses.${user.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{format.dateTime(user.lastLoginAt)}</Table.Td>
              </Table.Tr>
            ))}
            {users.isSuccess && items.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text size="sm" c="dimmed" ta="center" py="md">
                    {t('users.empty')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('users.total', { count: total })}
        </Text>
        {total > PAGE_SIZE && (
          <Pagination
            total={Math.ceil(total / PAGE_SIZE)}
            value={page}
            onChange={setPage}
            size="sm"
            getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
            getItemProps={(item) => ({ 'aria-label': t('pagination.page', { page: item }) })}
          />
        )}
      </Group>
      {canManage && <UserCreateDrawer opened={createOpened} onClose={createDrawer.close} />}
      <UserEditDrawer user={current} canManage={canManage} onClose={() => setSelected(null)} />
    </Stack>
  );
}

/** Long lists and names stay on one line, cut with an ellipsis; the full text is in the tooltip. */
function CellText({ children }: { children: string }) {
  return (
    <Text size="sm" truncate="end" maw={180} title={children}>
      {children}
    </Text>
  );
}
