import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The two local-day inputs of a report period (`shared/period.ts` turns them into instants). */
export function PeriodFields(props: {
  fromDay: string;
  toDay: string;
  onFromDay: (day: string) => void;
  onToDay: (day: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        type="date"
        label={t('period.from')}
        value={props.fromDay}
        onChange={(e) => props.onFromDay(e.currentTarget.value)}
      />
      <TextInput
        type="date"
        label={t('period.to')}
        value={props.toDay}
        onChange={(e) => props.onToDay(e.currentTarget.value)}
      />
    </>
  );
}
