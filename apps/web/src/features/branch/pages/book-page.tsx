import { Alert, Box, Button, Card, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../app/api-client.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { nameIn } from '../api.ts';
import { BigLanguagePicker } from './device-frame.tsx';

interface PublicBranches {
  items: Array<{ id: string; name: string; services: Array<{ id: string; names: Record<string, string> }> }>;
}
interface Slots {
  items: Array<{ start: string; remaining: number }>;
}

const today = () => new Date().toISOString().slice(0, 10);

/** Online booking of a branch appointment (public): branch, service, day, slot → a check-in code. */
export function BookPage() {
  const { t, i18n } = useTranslation();
  const branches = useQuery({
    queryKey: ['branch', 'public'],
    queryFn: () => api<PublicBranches>('/branch/public/branches'),
  });
  const [branchId, setBranchId] = useState<string | null>(null);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [date, setDate] = useState(today);
  const [slot, setSlot] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [booked, setBooked] = useState<{ code: string; slotStart: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const slots = useQuery({
    queryKey: ['branch', 'slots', branchId, serviceId, date],
    queryFn: () => api<Slots>(`/branch/public/branches/${branchId}/slots`, { query: { serviceId, date } }),
    enabled: !!branchId && !!serviceId && /^\d{4}-\d{2}-\d{2}$/.test(date),
  });
  useEffect(() => {
    document.title = t('branch.book.title');
  }, [t]);
  const branch = branches.data?.items.find((b) => b.id === branchId);
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const book = async () => {
    setError(null);
    try {
      setBooked(
        await api<{ code: string; slotStart: string }>(`/branch/public/branches/${branchId}/appointments`, {
          method: 'POST',
          body: { serviceId, slotStart: slot, name, ...(phone ? { phone } : {}), locale: i18n.language },
        }),
      );
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Box component="main" p="md" maw={640} mx="auto">
      <Stack>
        <BigLanguagePicker />
        <Title order={1}>{t('branch.book.title')}</Title>
        <ErrorAlert error={branches.error ?? slots.error ?? error} />
        {booked ? (
          <Alert color="green" title={t('branch.book.booked')} role="status">
            <Text>{t('branch.book.when', { when: time.format(new Date(booked.slotStart)) })}</Text>
            <Text fz={32} fw={800} data-testid="appointment-code">
              {booked.code}
            </Text>
            <Text>{t('branch.book.codeHint')}</Text>
          </Alert>
        ) : (
          <Card withBorder>
            <Stack>
              <Select
                label={t('branch.book.branch')}
                data={(branches.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
                value={branchId}
                onChange={(v) => {
                  setBranchId(v);
                  setServiceId(null);
                  setSlot(null);
                }}
              />
              <Select
                label={t('branch.book.service')}
                data={(branch?.services ?? []).map((s) => ({ value: s.id, label: nameIn(s.names) }))}
                value={serviceId}
                onChange={(v) => {
                  setServiceId(v);
                  setSlot(null);
                }}
                disabled={!branch}
              />
              <TextInput
                type="date"
                label={t('branch.book.date')}
                value={date}
                min={today()}
                onChange={(e) => setDate(e.currentTarget.value)}
              />
              {slots.data && (
                <Stack gap="xs">
                  <Text fw={600} id="book-slots">
                    {t('branch.book.slots')}
                  </Text>
                  {slots.data.items.length === 0 && <Text c="dimmed">{t('branch.book.noSlots')}</Text>}
                  <Group gap="xs" role="group" aria-labelledby="book-slots">
                    {slots.data.items.map((s) => (
                      <Button
                        key={s.start}
                        size="sm"
                        variant={slot === s.start ? 'filled' : 'default'}
                        aria-pressed={slot === s.start}
                        disabled={s.remaining <= 0}
                        onClick={() => setSlot(s.start)}
                      >
                        {new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(
                          new Date(s.start),
                        )}
                      </Button>
                    ))}
                  </Group>
                </Stack>
              )}
              <TextInput
                label={t('branch.book.name')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                maxLength={120}
              />
              <TextInput
                label={t('branch.book.phone')}
                inputMode="tel"
                value={phone}
                onChange={(e) => setPhone(e.currentTarget.value)}
              />
              <Button disabled={!slot || !name.trim()} onClick={() => void book()}>
                {t('branch.book.submit')}
              </Button>
            </Stack>
          </Card>
        )}
      </Stack>
    </Box>
  );
}
