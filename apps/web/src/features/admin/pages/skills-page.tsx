import {
  ActionIcon,
  Badge,
  Button,
  Divider,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifyError, notifySuccess } from '../../../shared/notify.ts';
import { SidePanel } from '../../../shared/side-panel.tsx';
import { useCurrentUser } from '../../auth/api.ts';
import {
  type Skill,
  type SkillMember,
  useSaveSkill,
  useSetSkillLevel,
  useSkillMembers,
  useSkills,
  useUsers,
} from '../api.ts';
import { DirectoryTable } from '../components/directory-table.tsx';
import { EditorDrawer } from '../components/editor-drawer.tsx';
import { ListPageHeader } from '../components/list-page-header.tsx';

const CODE_PATTERN = /^[a-z0-9_-]+$/;
const LEVELS = ['1', '2', '3', '4', '5'];

export function SkillsPage() {
  const { t } = useTranslation();
  const canManage = useCurrentUser().permissions.includes('staff.manage');
  const list = useSkills();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const open = list.data?.find((skill) => skill.id === openId) ?? null;
  return (
    <Stack>
      <ListPageHeader
        title={t('nav.skills')}
        description={t('skills.description')}
        createLabel={t('skills.create')}
        onCreate={canManage ? () => setCreating(true) : null}
        error={list.error}
      />
      <DirectoryTable
        items={list.data}
        onEdit={(skill) => setOpenId(skill.id)}
        columns={[
          { label: t('skills.name'), render: (skill) => skill.name },
          {
            label: t('skills.code'),
            render: (skill) => (
              <Text ff="monospace" size="sm">
                {skill.code}
              </Text>
            ),
          },
          {
            label: t('skills.members'),
            render: (skill) => t('skills.memberCount', { count: skill.memberCount }),
          },
        ]}
      />
      {creating && <SkillDrawer skill={null} onClose={() => setCreating(false)} />}
      {open && <SkillPanel skill={open} canManage={canManage} onClose={() => setOpenId(null)} />}
    </Stack>
  );
}

/** Creates a skill, or renames one (code or name). */
function SkillDrawer({ skill, onClose }: { skill: Skill | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveSkill();
  const form = useForm({
    initialValues: { code: skill?.code ?? '', name: skill?.name ?? '' },
    validate: {
      code: (value) => (CODE_PATTERN.test(value.trim()) ? null : t('skills.codeInvalid')),
      name: (value) => (value.trim() ? null : t('validation.required')),
    },
  });
  return (
    <EditorDrawer
      opened
      title={skill ? t('skills.rename', { name: skill.name }) : t('skills.create')}
      error={save.error}
      isSaving={save.isPending}
      onClose={onClose}
      onSubmit={form.onSubmit((values) => {
        const input = { code: values.code.trim(), name: values.name.trim() };
        save.mutate(skill ? { id: skill.id, input } : { id: null, input }, {
          onSuccess: (saved) => {
            notifySuccess(t('skills.saved', { name: saved.name }));
            onClose();
          },
        });
      })}
    >
      <TextInput
        label={t('skills.code')}
        description={t('skills.codeHelp')}
        maxLength={40}
        {...form.getInputProps('code')}
      />
      <TextInput label={t('skills.name')} maxLength={120} {...form.getInputProps('name')} />
    </EditorDrawer>
  );
}

/** A skill's holders with their level 1–5: changed, removed or added here, one agent at a time. */
function SkillPanel({
  skill,
  canManage,
  onClose,
}: {
  skill: Skill;
  canManage: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const members = useSkillMembers(skill.id);
  const setLevel = useSetSkillLevel();
  const [renaming, setRenaming] = useState(false);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const candidates = useUsers({ q, role: null, status: 'active', limit: 50, offset: 0 });
  // The chosen user is kept apart from the search results, which change as the search box does.
  const [picked, setPicked] = useState<{ id: string; label: string; displayName: string } | null>(null);
  const [newLevel, setNewLevel] = useState('3');
  const held = new Set((members.data ?? []).map((m) => m.userId));
  const found = (candidates.data?.items ?? [])
    .filter((user) => !held.has(user.id))
    .map((user) => ({
      value: user.id,
      label: `${user.displayName} (${user.username})`,
      displayName: user.displayName,
    }));
  const userOptions =
    picked && !found.some((o) => o.value === picked.id)
      ? [{ value: picked.id, label: picked.label, displayName: picked.displayName }, ...found]
      : found;

  const change = (member: Pick<SkillMember, 'userId' | 'displayName'>, proficiency: number | null) =>
    setLevel.mutate(
      { skillId: skill.id, userId: member.userId, proficiency },
      {
        onSuccess: () =>
          notifySuccess(
            proficiency === null
              ? t('skills.removed', { user: member.displayName, skill: skill.name })
              : t('skills.levelSet', { user: member.displayName, skill: skill.name, level: proficiency }),
          ),
        onError: notifyError,
      },
    );

  if (renaming) return <SkillDrawer skill={skill} onClose={() => setRenaming(false)} />;
  return (
    <SidePanel opened onClose={onClose} size="lg" title={skill.name}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text ff="monospace" size="sm">
            {skill.code}
          </Text>
          {canManage && (
            <Button variant="default" size="xs" onClick={() => setRenaming(true)}>
              {t('skills.renameButton')}
            </Button>
          )}
        </Group>
        <Divider />
        <Title order={3} size="h5">
          {t('skills.levels')}
        </Title>
        <Text size="xs" c="dimmed">
          {t('skills.levelsHelp')}
        </Text>
        <ErrorAlert error={members.error} />
        <Table verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('skills.agent')}</Table.Th>
              <Table.Th>{t('skills.level')}</Table.Th>
              {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.data?.map((member) => (
              <Table.Tr key={member.userId}>
                <Table.Td>
                  <Text size="sm">{member.displayName}</Text>
                  <Group gap={4}>
                    <Text size="xs" c="dimmed">
                      {member.username}
                    </Text>
                    {member.status !== 'active' && (
                      <Badge size="xs" color="gray" variant="light">
                        {t('skills.disabled')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {canManage ? (
                    <SegmentedControl
                      size="xs"
                      data={LEVELS}
                      value={String(member.proficiency)}
                      aria-label={t('skills.levelOf', { user: member.displayName })}
                      onChange={(value) => change(member, Number(value))}
                    />
                  ) : (
                    member.proficiency
                  )}
                </Table.Td>
                {canManage && (
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('skills.remove', { user: member.displayName })}
                      onClick={() => change(member, null)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
            {members.data?.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={3}>
                  <Text size="sm" c="dimmed" ta="center" py="sm">
                    {t('skills.noMembers')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
        {canManage && (
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <Select
              label={t('skills.addAgent')}
              placeholder={t('skills.searchAgent')}
              data={userOptions}
              searchable
              searchValue={search}
              onSearchChange={setSearch}
              value={picked?.id ?? null}
              onChange={(value) => {
                const option = userOptions.find((o) => o.value === value);
                setPicked(
                  option ? { id: option.value, label: option.label, displayName: option.displayName } : null,
                );
              }}
              nothingFoundMessage={t('common.empty')}
              style={{ flex: 1 }}
            />
            <SegmentedControl
              size="xs"
              mb={6}
              data={LEVELS}
              value={newLevel}
              aria-label={t('skills.newLevel')}
              onChange={setNewLevel}
            />
            <Button
              size="sm"
              disabled={!picked}
              loading={setLevel.isPending}
              onClick={() => {
                if (!picked) return;
                change({ userId: picked.id, displayName: picked.displayName }, Number(newLevel));
                setPicked(null);
                setSearch('');
              }}
            >
              {t('skills.add')}
            </Button>
          </Group>
        )}
      </Stack>
    </SidePanel>
  );
}
