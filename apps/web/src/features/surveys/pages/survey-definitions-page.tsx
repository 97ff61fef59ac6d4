import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALE_NAMES, LOCALES } from '../../../app/i18n.ts';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { notifySuccess } from '../../../shared/notify.ts';
import { PageHeader } from '../../../shared/page-header.tsx';
import { type Column, DirectoryTable } from '../../admin/components/directory-table.tsx';
import { EditorDrawer } from '../../admin/components/editor-drawer.tsx';
import { browserTimeZone } from '../../supervisor/api.ts';
import {
  type CreateSurvey,
  type Survey,
  type SurveyQuestion,
  type UpdateSurvey,
  useSaveSurvey,
  useSetSurveyActive,
  useSurveys,
} from '../api.ts';

const KINDS = ['csat', 'nps', 'ces', 'custom'] as const;
const TRIGGERS = ['chat_closed', 'case_resolved', 'branch_visit'] as const;
type Kind = (typeof KINDS)[number];
type Trigger = (typeof TRIGGERS)[number];
// The server's patterns (packages/contracts/src/surveys.ts), checked here to say so before sending.
const CODE_PATTERN = /^[a-z][a-z0-9_.-]{1,40}$/;
const QUESTION_ID_PATTERN = /^[a-z][a-z0-9_]{0,31}$/;

/** The survey definitions quality analysts manage: which survey is asked after which contact, how often. */
export function SurveyDefinitionsPage() {
  const { t } = useTranslation();
  const list = useSurveys();
  const setActive = useSetSurveyActive();
  const [editing, setEditing] = useState<Survey | 'new' | null>(null);

  const columns: Column<Survey>[] = [
    {
      label: t('surveys.admin.code'),
      render: (s) => <span style={{ fontFamily: 'monospace' }}>{s.code}</span>,
    },
    { label: t('surveys.admin.kind'), render: (s) => t(`surveys.admin.kinds.${s.kind as Kind}`) },
    { label: t('surveys.admin.trigger'), render: (s) => t(`surveys.admin.triggers.${s.trigger as Trigger}`) },
    { label: t('surveys.admin.sampling'), render: (s) => `${Math.round(s.samplingRate * 100)} %` },
    {
      label: t('surveys.admin.quietHours'),
      render: (s) =>
        s.quietStartHour === null || s.quietEndHour === null
          ? t('surveys.admin.noQuietHours')
          : t('surveys.admin.quietRange', {
              start: s.quietStartHour,
              end: s.quietEndHour,
              timeZone: s.timeZone,
            }),
    },
    {
      label: t('surveys.admin.frequency'),
      render: (s) => t('surveys.admin.everyDays', { count: s.minDaysBetween }),
    },
    {
      label: t('surveys.admin.status'),
      render: (s) => (
        <Badge variant="light" color={s.isActive ? 'banyan' : 'gray'} tt="none">
          {s.isActive ? t('surveys.admin.active') : t('surveys.admin.inactive')}
        </Badge>
      ),
    },
  ];

  return (
    <Stack>
      <PageHeader
        title={t('surveys.admin.title')}
        description={t('surveys.admin.description')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('surveys.admin.create')}
          </Button>
        }
      />
      <ErrorAlert error={list.error} />
      <DirectoryTable
        items={list.data}
        isLoading={list.isLoading}
        label={t('surveys.admin.title')}
        columns={columns}
        onEdit={setEditing}
        minWidth={820}
        actions={(s) => (
          <Switch
            checked={s.isActive}
            disabled={setActive.isPending && setActive.variables?.id === s.id}
            label={t('surveys.admin.activeToggle')}
            aria-label={t('surveys.admin.activeToggleName', { code: s.code })}
            onChange={(event) =>
              setActive.mutate(
                { id: s.id, isActive: event.currentTarget.checked },
                {
                  onSuccess: (saved) =>
                    notifySuccess(
                      t(saved.isActive ? 'surveys.admin.activated' : 'surveys.admin.deactivated', {
                        code: saved.code,
                      }),
                    ),
                },
              )
            }
          />
        )}
      />
      {editing && (
        <SurveyDrawer survey={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
    </Stack>
  );
}

interface QuestionValues {
  id: string;
  type: 'scale' | 'text';
  min: number | string;
  max: number | string;
  isScore: boolean;
  en: string;
  'zh-CN': string;
  vi: string;
}

interface SurveyValues {
  code: string;
  kind: Kind;
  trigger: Trigger;
  samplingPercent: number | string;
  hasQuietHours: boolean;
  quietStartHour: number | string;
  quietEndHour: number | string;
  timeZone: string;
  minDaysBetween: number | string;
  linkValidDays: number | string;
  questions: QuestionValues[];
}

const toValues = (q: SurveyQuestion): QuestionValues => ({
  id: q.id,
  type: q.type,
  min: q.min ?? '',
  max: q.max ?? '',
  isScore: q.isScore ?? false,
  en: q.text.en,
  'zh-CN': q.text['zh-CN'],
  vi: q.text.vi,
});

const blankQuestion = (n: number): QuestionValues => ({
  id: `q${n}`,
  type: 'scale',
  min: 1,
  max: 5,
  isScore: n === 1,
  en: '',
  'zh-CN': '',
  vi: '',
});

const fromValues = (q: QuestionValues): SurveyQuestion => ({
  id: q.id.trim(),
  type: q.type,
  ...(q.type === 'scale' ? { min: Number(q.min), max: Number(q.max), isScore: q.isScore } : {}),
  text: { en: q.en.trim(), 'zh-CN': q['zh-CN'].trim(), vi: q.vi.trim() },
});

/**
 * Creates or edits a survey. A standard kind (CSAT, NPS, CES) gets the standard questions when
 * created; a custom one is written here, and any survey's wording can be changed afterwards.
 */
function SurveyDrawer({ survey, onClose }: { survey: Survey | null; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveSurvey();
  const required = (value: string) => (value.trim() ? null : t('validation.required'));
  const form = useForm<SurveyValues>({
    initialValues: {
      code: survey?.code ?? '',
      kind: (survey?.kind as Kind) ?? 'csat',
      trigger: (survey?.trigger as Trigger) ?? 'chat_closed',
      samplingPercent: survey ? Math.round(survey.samplingRate * 100) : 100,
      hasQuietHours: survey ? survey.quietStartHour !== null && survey.quietEndHour !== null : false,
      quietStartHour: survey?.quietStartHour ?? 21,
      quietEndHour: survey?.quietEndHour ?? 8,
      timeZone: survey?.timeZone ?? browserTimeZone(),
      minDaysBetween: survey?.minDaysBetween ?? 30,
      linkValidDays: survey?.linkValidDays ?? 7,
      questions: survey ? survey.questions.map(toValues) : [],
    },
    validate: {
      code: (value) => (survey || CODE_PATTERN.test(value.trim()) ? null : t('surveys.admin.codeInvalid')),
      timeZone: required,
      samplingPercent: (value) => (value === '' ? t('validation.required') : null),
      minDaysBetween: (value) => (value === '' ? t('validation.required') : null),
      linkValidDays: (value) => (value === '' ? t('validation.required') : null),
      questions: {
        id: (value) => (QUESTION_ID_PATTERN.test(value.trim()) ? null : t('surveys.admin.questionIdInvalid')),
        en: required,
        'zh-CN': required,
        vi: required,
      },
    },
  });
  const values = form.values;
  const asksQuestions = survey !== null || values.kind === 'custom';

  const submit = form.onSubmit((v) => {
    const common = {
      trigger: v.trigger,
      samplingRate: Number(v.samplingPercent) / 100,
      quietStartHour: v.hasQuietHours ? Number(v.quietStartHour) : null,
      quietEndHour: v.hasQuietHours ? Number(v.quietEndHour) : null,
      timeZone: v.timeZone.trim(),
      minDaysBetween: Number(v.minDaysBetween),
      linkValidDays: Number(v.linkValidDays),
    };
    const questions = v.questions.length > 0 ? v.questions.map(fromValues) : undefined;
    const done = {
      onSuccess: (saved: Survey) => {
        notifySuccess(t('surveys.admin.saved', { code: saved.code }));
        onClose();
      },
    };
    if (survey) save.mutate({ id: survey.id, input: { ...common, questions } satisfies UpdateSurvey }, done);
    else
      save.mutate(
        {
          id: null,
          input: {
            code: v.code.trim(),
            kind: v.kind,
            ...common,
            ...(v.kind === 'custom' ? { questions } : {}),
          } satisfies CreateSurvey,
        },
        done,
      );
  });

  return (
    <EditorDrawer
      opened
      size="lg"
      title={survey ? t('surveys.admin.edit', { code: survey.code }) : t('surveys.admin.create')}
      error={save.error}
      isSaving={save.isPending}
      onClose={onClose}
      onSubmit={submit}
    >
      {survey ? (
        <Group grow>
          <TextInput label={t('surveys.admin.code')} value={survey.code} readOnly />
          <TextInput
            label={t('surveys.admin.kind')}
            value={t(`surveys.admin.kinds.${survey.kind as Kind}`)}
            readOnly
          />
        </Group>
      ) : (
        <Group grow align="flex-start">
          <TextInput
            label={t('surveys.admin.code')}
            description={t('surveys.admin.codeHelp')}
            maxLength={41}
            {...form.getInputProps('code')}
          />
          <Select
            label={t('surveys.admin.kind')}
            description={t('surveys.admin.kindHelp')}
            allowDeselect={false}
            data={KINDS.map((k) => ({ value: k, label: t(`surveys.admin.kinds.${k}`) }))}
            {...form.getInputProps('kind')}
            onChange={(value) => {
              form.setFieldValue('kind', value as Kind);
              if (value === 'custom' && form.values.questions.length === 0)
                form.setFieldValue('questions', [blankQuestion(1)]);
              if (value !== 'custom') form.setFieldValue('questions', []);
            }}
          />
        </Group>
      )}
      <Select
        label={t('surveys.admin.trigger')}
        allowDeselect={false}
        data={TRIGGERS.map((k) => ({ value: k, label: t(`surveys.admin.triggers.${k}`) }))}
        {...form.getInputProps('trigger')}
      />
      <Group grow align="flex-start">
        <NumberInput
          label={t('surveys.admin.samplingPercent')}
          description={t('surveys.admin.samplingHelp')}
          min={0}
          max={100}
          suffix=" %"
          {...form.getInputProps('samplingPercent')}
        />
        <NumberInput
          label={t('surveys.admin.minDaysBetween')}
          description={t('surveys.admin.minDaysHelp')}
          min={0}
          max={365}
          allowDecimal={false}
          {...form.getInputProps('minDaysBetween')}
        />
        <NumberInput
          label={t('surveys.admin.linkValidDays')}
          min={1}
          max={60}
          allowDecimal={false}
          {...form.getInputProps('linkValidDays')}
        />
      </Group>
      <Fieldset legend={t('surveys.admin.quietHours')}>
        <Stack gap="xs">
          <Checkbox
            label={t('surveys.admin.hasQuietHours')}
            {...form.getInputProps('hasQuietHours', { type: 'checkbox' })}
          />
          <Group grow align="flex-start">
            <NumberInput
              label={t('surveys.admin.quietStart')}
              min={0}
              max={23}
              allowDecimal={false}
              disabled={!values.hasQuietHours}
              {...form.getInputProps('quietStartHour')}
            />
            <NumberInput
              label={t('surveys.admin.quietEnd')}
              min={0}
              max={23}
              allowDecimal={false}
              disabled={!values.hasQuietHours}
              {...form.getInputProps('quietEndHour')}
            />
            <TextInput
              label={t('surveys.admin.timeZone')}
              maxLength={64}
              {...form.getInputProps('timeZone')}
            />
          </Group>
        </Stack>
      </Fieldset>
      {asksQuestions ? (
        <Stack gap="sm">
          {values.questions.map((question, index) => (
            <Fieldset
              // biome-ignore lint/suspicious/noArrayIndexKey: questions have no stable id while their id is edited
              key={index}
              legend={t('surveys.admin.question', { number: index + 1 })}
            >
              <Stack gap="xs">
                <Group align="flex-end">
                  <TextInput
                    label={t('surveys.admin.questionId')}
                    maxLength={32}
                    w={140}
                    {...form.getInputProps(`questions.${index}.id`)}
                  />
                  <Select
                    label={t('surveys.admin.questionType')}
                    allowDeselect={false}
                    w={160}
                    data={[
                      { value: 'scale', label: t('surveys.admin.types.scale') },
                      { value: 'text', label: t('surveys.admin.types.text') },
                    ]}
                    {...form.getInputProps(`questions.${index}.type`)}
                  />
                  {question.type === 'scale' && (
                    <>
                      <NumberInput
                        label={t('surveys.admin.scaleMin')}
                        min={0}
                        max={10}
                        w={90}
                        allowDecimal={false}
                        {...form.getInputProps(`questions.${index}.min`)}
                      />
                      <NumberInput
                        label={t('surveys.admin.scaleMax')}
                        min={1}
                        max={10}
                        w={90}
                        allowDecimal={false}
                        {...form.getInputProps(`questions.${index}.max`)}
                      />
                      <Checkbox
                        mb={8}
                        label={t('surveys.admin.isScore')}
                        {...form.getInputProps(`questions.${index}.isScore`, { type: 'checkbox' })}
                      />
                    </>
                  )}
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mb={4}
                    disabled={values.questions.length <= 1}
                    aria-label={t('surveys.admin.removeQuestion', { number: index + 1 })}
                    onClick={() => form.removeListItem('questions', index)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
                {LOCALES.map((locale) => (
                  <TextInput
                    key={locale}
                    label={t('surveys.admin.questionText', {
                      number: index + 1,
                      language: LOCALE_NAMES[locale],
                    })}
                    lang={locale}
                    maxLength={300}
                    {...form.getInputProps(`questions.${index}.${locale}`)}
                  />
                ))}
              </Stack>
            </Fieldset>
          ))}
          <Group>
            <Button
              variant="default"
              leftSection={<IconPlus size={14} aria-hidden />}
              disabled={values.questions.length >= 20}
              onClick={() => form.insertListItem('questions', blankQuestion(values.questions.length + 1))}
            >
              {t('surveys.admin.addQuestion')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('surveys.admin.standardQuestions')}
        </Text>
      )}
    </EditorDrawer>
  );
}
