import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  Image,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type {
  BranchSetup as BranchSetupSchema,
  BranchStaff as BranchStaffSchema,
} from '../../../../../../packages/contracts/src/branch.ts';
import { api } from '../../../app/api-client.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifySuccess } from '../../../shared/notify.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import type { Branch } from '../../admin/api.ts';
import { DirectoryTable } from '../../admin/components/directory-table.tsx';
import { EditorDrawer } from '../../admin/components/editor-drawer.tsx';
import { useCurrentUser } from '../../auth/api.ts';
import { nameIn } from '../api.ts';

type Setup = Static<typeof BranchSetupSchema>;
type Staff = Static<typeof BranchStaffSchema>;
type Service = Setup['services'][number];
type Counter = Setup['counters'][number];
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '0'] as const;
const LANGS = ['en', 'zh-CN', 'vi'] as const;
const RANGE = /^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$/;

const setupKey = (branchId: string) => ['branch', 'setup', branchId] as const;

/**
 * The branch lobby's setup (lobby manager of the branch, or an administrator for any branch):
 * opening hours and business calendar, services, counters and their calling order, today's
 * staffing, and the devices (kiosk, display, pad) with their one-time token.
 */
export function SetupPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const isAdmin = me.permissions.includes('staff.manage');
  // An administrator sets up any branch; a lobby manager their own.
  const list = useQuery({
    queryKey: ['branch', 'setup-branches'],
    queryFn: () => api<{ items: Branch[] }>('/admin/branches'),
    select: (data) => data.items,
    enabled: isAdmin,
  });
  const [picked, setPicked] = useState<string | null>(null);
  const branchId = picked ?? me.branch?.id ?? (isAdmin ? (list.data?.[0]?.id ?? null) : null);
  const setup = useQuery({
    queryKey: setupKey(branchId ?? ''),
    queryFn: () => api<Setup>(`/branch/branches/${branchId}/setup`),
    enabled: !!branchId,
  });
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  /** Runs a change, reports it, refreshes the setup; errors show above the tabs. */
  const change = async <T,>(run: () => Promise<T>, done: string): Promise<T | null> => {
    setError(null);
    try {
      const result = await run();
      notifySuccess(done);
      return result;
    } catch (e) {
      setError(e);
      return null;
    } finally {
      if (branchId) await queryClient.invalidateQueries({ queryKey: setupKey(branchId) });
    }
  };
  return (
    <Stack gap="sm">
      <PageHeader
        title={t('branch.setup.title')}
        description={setup.data?.settings.name ?? t('branch.lobby.noBranch')}
        actions={
          isAdmin && list.data ? (
            <Select
              aria-label={t('branch.setup.branch')}
              data={list.data.map((b) => ({ value: b.id, label: b.name }))}
              value={branchId}
              onChange={setPicked}
              allowDeselect={false}
              searchable
            />
          ) : null
        }
      />
      <ErrorAlert error={setup.error ?? error} />
      {setup.data && branchId && (
        <Tabs defaultValue="hours" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="hours">{t('branch.setup.tabs.hours')}</Tabs.Tab>
            <Tabs.Tab value="services">{t('branch.setup.tabs.services')}</Tabs.Tab>
            <Tabs.Tab value="counters">{t('branch.setup.tabs.counters')}</Tabs.Tab>
            <Tabs.Tab value="staffing">{t('branch.setup.tabs.staffing')}</Tabs.Tab>
            <Tabs.Tab value="devices">{t('branch.setup.tabs.devices')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="hours" pt="md">
            <HoursTab setup={setup.data} branchId={branchId} change={change} />
          </Tabs.Panel>
          <Tabs.Panel value="services" pt="md">
            <ServicesTab setup={setup.data} branchId={branchId} change={change} />
          </Tabs.Panel>
          <Tabs.Panel value="counters" pt="md">
            <CountersTab setup={setup.data} branchId={branchId} change={change} />
          </Tabs.Panel>
          <Tabs.Panel value="staffing" pt="md">
            <StaffingTab setup={setup.data} branchId={branchId} change={change} />
          </Tabs.Panel>
          <Tabs.Panel value="devices" pt="md">
            <DevicesTab setup={setup.data} branchId={branchId} change={change} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}

type Change = <T>(run: () => Promise<T>, done: string) => Promise<T | null>;
interface TabProps {
  setup: Setup;
  branchId: string;
  change: Change;
}

function HoursTab({ setup, branchId, change }: TabProps) {
  const { t } = useTranslation();
  const calendars = useQuery({
    queryKey: ['branch', 'calendars'],
    queryFn: () => api<Array<{ code: string; name: string }>>('/branch/calendars'),
  });
  const [calendar, setCalendar] = useState<string | null>(setup.settings.calendarCode);
  const [days, setDays] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      WEEKDAYS.map((d) => [d, (setup.settings.weekly[d] ?? []).map(([a, b]) => `${a}-${b}`).join(', ')]),
    ),
  );
  const invalid = (value: string) =>
    value.trim() !== '' && !value.split(',').every((r) => RANGE.test(r.trim()));
  const save = () => {
    const weekly: Record<string, string[][]> = {};
    for (const d of WEEKDAYS) {
      const ranges = (days[d] ?? '')
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean)
        .map((r) => r.split('-'));
      if (ranges.length) weekly[d] = ranges;
    }
    void change(
      () =>
        api(`/branch/branches/${branchId}/settings`, {
          method: 'PATCH',
          body: { weekly, calendarCode: calendar },
        }),
      t('branch.setup.saved'),
    );
  };
  return (
    <Card withBorder maw={640}>
      <Stack>
        <Text size="sm" c="dimmed">
          {t('branch.setup.timeZone', { zone: setup.settings.timeZone })}
        </Text>
        <Select
          label={t('branch.setup.calendar')}
          description={t('branch.setup.calendarHint')}
          data={[
            { value: '', label: t('branch.setup.noCalendar') },
            ...(calendars.data ?? []).map((c) => ({ value: c.code, label: `${c.name} (${c.code})` })),
          ]}
          value={calendar ?? ''}
          onChange={(v) => setCalendar(v ? v : null)}
          allowDeselect={false}
        />
        <Text fw={600}>{t('branch.setup.hours')}</Text>
        <Text size="sm" c="dimmed">
          {t('branch.setup.hoursHint')}
        </Text>
        {WEEKDAYS.map((d) => (
          <TextInput
            key={d}
            label={t(`branch.setup.weekday.${d}`)}
            placeholder="08:00-12:00, 13:00-17:00"
            value={days[d] ?? ''}
            error={invalid(days[d] ?? '') ? t('branch.setup.hoursInvalid') : null}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setDays((all) => ({ ...all, [d]: value }));
            }}
          />
        ))}
        <Group>
          <Button onClick={save} disabled={WEEKDAYS.some((d) => invalid(days[d] ?? ''))}>
            {t('branch.setup.save')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function ServicesTab({ setup, branchId, change }: TabProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  return (
    <Stack>
      <Group>
        <Button onClick={() => setEditing('new')}>{t('branch.setup.newService')}</Button>
      </Group>
      <DirectoryTable
        label={t('branch.setup.tabs.services')}
        items={setup.services}
        columns={[
          { label: t('branch.setup.letter'), render: (s) => s.letter },
          { label: t('branch.setup.serviceName'), render: (s) => nameIn(s.names) },
          { label: t('branch.setup.waitThreshold'), render: (s) => s.waitThresholdMinutes },
          { label: t('branch.setup.lineThreshold'), render: (s) => s.lineThreshold },
        ]}
        actions={(s) => (
          <Button size="xs" variant="light" onClick={() => setEditing(s)}>
            {t('branch.setup.edit')}
          </Button>
        )}
      />
      {editing && (
        <ServiceForm
          service={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSave={async (body) => {
            const saved = await change(
              () =>
                editing === 'new'
                  ? api(`/branch/branches/${branchId}/services`, { method: 'POST', body })
                  : api(`/branch/services/${editing.id}`, {
                      method: 'PATCH',
                      body: {
                        names: body.names,
                        waitThresholdMinutes: body.waitThresholdMinutes,
                        lineThreshold: body.lineThreshold,
                      },
                    }),
              t('branch.setup.saved'),
            );
            if (saved) setEditing(null);
          }}
        />
      )}
    </Stack>
  );
}

interface ServiceBody {
  code: string;
  letter: string;
  names: Record<(typeof LANGS)[number], string>;
  waitThresholdMinutes: number;
  lineThreshold: number;
}

function ServiceForm(props: {
  service: Service | null;
  onClose: () => void;
  onSave: (body: ServiceBody) => Promise<void>;
}) {
  const { t } = useTranslation();
  const s = props.service;
  const [body, setBody] = useState<ServiceBody>({
    code: s?.code ?? '',
    letter: s?.letter ?? '',
    names: {
      en: s?.names.en ?? '',
      'zh-CN': s?.names['zh-CN'] ?? '',
      vi: s?.names.vi ?? '',
    },
    waitThresholdMinutes: s?.waitThresholdMinutes ?? 15,
    lineThreshold: s?.lineThreshold ?? 10,
  });
  const set = (patch: Partial<ServiceBody>) => setBody((b) => ({ ...b, ...patch }));
  const [isSaving, setSaving] = useState(false);
  return (
    <EditorDrawer
      opened
      onClose={props.onClose}
      title={s ? t('branch.setup.editService') : t('branch.setup.newService')}
      error={null}
      isSaving={isSaving}
      onSubmit={(event) => {
        event?.preventDefault();
        setSaving(true);
        void props.onSave(body).finally(() => setSaving(false));
      }}
    >
      <SimpleGrid cols={2}>
        <TextInput
          label={t('branch.setup.code')}
          disabled={!!s}
          value={body.code}
          onChange={(e) => set({ code: e.currentTarget.value.toLowerCase() })}
        />
        <TextInput
          label={t('branch.setup.letter')}
          description={t('branch.setup.letterHint')}
          disabled={!!s}
          maxLength={1}
          value={body.letter}
          onChange={(e) => set({ letter: e.currentTarget.value.toUpperCase() })}
        />
      </SimpleGrid>
      {LANGS.map((lang) => (
        <TextInput
          key={lang}
          label={t(`branch.setup.nameIn.${lang}`)}
          value={body.names[lang]}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setBody((b) => ({ ...b, names: { ...b.names, [lang]: value } }));
          }}
        />
      ))}
      <SimpleGrid cols={2}>
        <NumberInput
          label={t('branch.setup.waitThreshold')}
          min={1}
          max={600}
          value={body.waitThresholdMinutes}
          onChange={(v) => set({ waitThresholdMinutes: Number(v) || 1 })}
        />
        <NumberInput
          label={t('branch.setup.lineThreshold')}
          min={1}
          max={1000}
          value={body.lineThreshold}
          onChange={(v) => set({ lineThreshold: Number(v) || 1 })}
        />
      </SimpleGrid>
    </EditorDrawer>
  );
}

function CountersTab({ setup, branchId, change }: TabProps) {
  const { t } = useTranslation();
  const serviceOptions = setup.services.map((s) => ({
    value: s.id,
    label: `${s.letter} · ${nameIn(s.names)}`,
  }));
  const serviceLabel = (id: string) => serviceOptions.find((o) => o.value === id)?.label ?? id;
  const [number, setNumber] = useState<number>(Math.max(0, ...setup.counters.map((c) => c.number)) + 1);
  const [newServices, setNewServices] = useState<string[]>([]);
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('branch.setup.orderHint')}
      </Text>
      <DirectoryTable
        label={t('branch.setup.tabs.counters')}
        items={setup.counters}
        columns={[
          { label: t('branch.setup.counter'), render: (c) => c.number },
          {
            label: t('branch.setup.servicesInOrder'),
            render: (c) => (
              <>
                <MultiSelect
                  aria-label={t('branch.setup.servicesOf', { number: c.number })}
                  data={serviceOptions}
                  value={c.serviceIds}
                  onChange={(serviceIds) => {
                    if (serviceIds.length === 0) return;
                    void change(
                      () => api(`/branch/counters/${c.id}`, { method: 'PATCH', body: { serviceIds } }),
                      t('branch.setup.saved'),
                    );
                  }}
                />
                <Text size="xs" c="dimmed">
                  {c.serviceIds.map(serviceLabel).join(' → ')}
                </Text>
              </>
            ),
          },
        ]}
      />
      <Card withBorder maw={640}>
        <Stack>
          <Text fw={600}>{t('branch.setup.newCounter')}</Text>
          <NumberInput
            label={t('branch.setup.counterNumber')}
            min={1}
            max={999}
            value={number}
            onChange={(v) => setNumber(Number(v) || 1)}
          />
          <MultiSelect
            label={t('branch.setup.servicesInOrder')}
            data={serviceOptions}
            value={newServices}
            onChange={setNewServices}
          />
          <Group>
            <Button
              disabled={newServices.length === 0}
              onClick={async () => {
                const made = await change(
                  () =>
                    api(`/branch/branches/${branchId}/counters`, {
                      method: 'POST',
                      body: { number, serviceIds: newServices },
                    }),
                  t('branch.setup.saved'),
                );
                if (made) {
                  setNewServices([]);
                  setNumber((n) => n + 1);
                }
              }}
            >
              {t('branch.setup.createCounter')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}

function StaffingTab({ setup, branchId, change }: TabProps) {
  const { t } = useTranslation();
  const staff = useQuery({
    queryKey: ['branch', 'staff', branchId],
    queryFn: () => api<Staff>(`/branch/branches/${branchId}/staff`),
  });
  const options = [
    { value: '', label: t('branch.setup.nobody') },
    ...(staff.data?.items ?? []).map((p) => ({ value: p.id, label: p.displayName })),
  ];
  return (
    <Stack maw={640}>
      <ErrorAlert error={staff.error} />
      <Text size="sm" c="dimmed">
        {t('branch.setup.staffingHint')}
      </Text>
      {setup.counters.map((c: Counter) => (
        <Select
          key={c.id}
          label={t('branch.setup.counterN', { number: c.number })}
          data={options}
          value={c.tellerId ?? ''}
          allowDeselect={false}
          onChange={(v) =>
            void change(
              () => api(`/branch/counters/${c.id}/teller`, { method: 'PUT', body: { tellerId: v || null } }),
              t('branch.setup.saved'),
            )
          }
        />
      ))}
    </Stack>
  );
}

function DevicesTab({ setup, branchId, change }: TabProps) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<string>('kiosk');
  const [name, setName] = useState('');
  const [counterId, setCounterId] = useState<string | null>(null);
  const [shown, setShown] = useState<{ token: string; kind: string; name: string } | null>(null);
  const counterNumber = (id: string | null) => setup.counters.find((c) => c.id === id)?.number ?? '—';
  return (
    <Stack>
      <DirectoryTable
        label={t('branch.setup.tabs.devices')}
        items={setup.devices}
        columns={[
          { label: t('branch.setup.deviceName'), render: (d) => d.name },
          { label: t('branch.setup.deviceKind'), render: (d) => t(`branch.setup.kinds.${d.kind}`) },
          { label: t('branch.setup.counter'), render: (d) => counterNumber(d.counterId) },
          {
            label: t('branch.setup.deviceState'),
            render: (d) => (d.revokedAt ? t('branch.setup.revoked') : t('branch.setup.active')),
          },
        ]}
        actions={(d) =>
          !d.revokedAt && (
            <Button
              size="xs"
              color="red"
              variant="light"
              aria-label={t('branch.setup.revokeNamed', { name: d.name })}
              onClick={() =>
                void change(
                  () => api(`/branch/devices/${d.id}`, { method: 'DELETE' }),
                  t('branch.setup.revokedDone'),
                )
              }
            >
              {t('branch.setup.revoke')}
            </Button>
          )
        }
      />
      <Card withBorder maw={640}>
        <Stack>
          <Text fw={600}>{t('branch.setup.registerDevice')}</Text>
          <Select
            label={t('branch.setup.deviceKind')}
            data={['kiosk', 'display', 'pad'].map((k) => ({ value: k, label: t(`branch.setup.kinds.${k}`) }))}
            value={kind}
            onChange={(v) => setKind(v ?? 'kiosk')}
            allowDeselect={false}
          />
          <TextInput
            label={t('branch.setup.deviceName')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          {kind === 'pad' && (
            <Select
              label={t('branch.setup.counter')}
              data={setup.counters.map((c) => ({ value: c.id, label: String(c.number) }))}
              value={counterId}
              onChange={setCounterId}
            />
          )}
          <Group>
            <Button
              disabled={!name.trim() || (kind === 'pad' && !counterId)}
              onClick={async () => {
                const made = await change(
                  () =>
                    api<{ token: string }>(`/branch/branches/${branchId}/devices`, {
                      method: 'POST',
                      body: {
                        kind,
                        name: name.trim(),
                        ...(kind === 'pad' && counterId ? { counterId } : {}),
                      },
                    }),
                  t('branch.setup.saved'),
                );
                if (made) {
                  setShown({ token: made.token, kind, name: name.trim() });
                  setName('');
                }
              }}
            >
              {t('branch.setup.register')}
            </Button>
          </Group>
        </Stack>
      </Card>
      {shown && <TokenOnce {...shown} onClose={() => setShown(null)} />}
    </Stack>
  );
}

/** The device's address with its token, shown once (only its hash is stored), as a link and a QR code. */
function TokenOnce(props: { token: string; kind: string; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  const url = `${window.location.origin}/lobby/${props.kind}#${props.token}`;
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    void QRCode.toDataURL(url, { margin: 1, width: 240 }).then(setQr);
  }, [url]);
  return (
    <Modal
      opened
      onClose={props.onClose}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      title={t('branch.setup.tokenTitle', { name: props.name })}
      size="lg"
    >
      <Stack>
        <Alert color="yellow">{t('branch.setup.tokenOnce')}</Alert>
        <Field label={t('branch.setup.deviceAddress')}>
          <Code data-testid="device-address" style={{ wordBreak: 'break-all', whiteSpace: 'normal' }}>
            {url}
          </Code>
        </Field>
        {qr && <Image src={qr} alt={t('branch.setup.qrAlt')} w={240} h={240} />}
        <Group justify="flex-end">
          <Button onClick={props.onClose}>{t('branch.setup.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}
