import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { splitSms } from '../../../../../../packages/contracts/src/sms.ts';

/**
 * Under the reply box of an SMS conversation: the encoding the SMSC will get (GSM-7, or UCS-2 as soon
 * as one character needs it), the number of segments (160/153 or 70/67 per part) and what is left in
 * the last one — the same rules as the server's encoder, from the shared contract.
 */
export function SmsCounter({ text }: { text: string }) {
  const { t } = useTranslation();
  const split = splitSms(text);
  const segments = text.length === 0 ? 0 : split.parts.length;
  return (
    <Text size="xs" c={split.encoding === 'ucs2' ? 'orange' : 'dimmed'} role="status" aria-live="polite">
      {t('sms.counter', {
        encoding: t(`sms.encoding.${split.encoding}`),
        count: segments,
        remaining: split.remaining,
      })}
    </Text>
  );
}
