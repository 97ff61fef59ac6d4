import { Button, Group, Popover, Stack, Text, TextInput } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { useEmailTranscript } from '../api.ts';

/**
 * On a closed chat: email its transcript to the customer through the notification pipeline (the
 * pre-chat form's or the customer's address when the field is left empty). Sending twice to the
 * same address is the same email.
 */
export function EmailTranscriptButton(props: { conversationId: string; customerId: string | null }) {
  const { t } = useTranslation();
  const [to, setTo] = useState('');
  const [isOpen, setOpen] = useState(false);
  const send = useEmailTranscript(props.conversationId, props.customerId);
  return (
    <Popover opened={isOpen} onChange={setOpen} position="bottom-end" trapFocus withArrow>
      <Popover.Target>
        <Button
          size="xs"
          variant="default"
          leftSection={<IconMail size={16} aria-hidden />}
          onClick={() => setOpen((o) => !o)}
        >
          {t('emailTranscript.action')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            send.mutate(to.trim() || undefined);
          }}
        >
          <Stack gap={6} w={260}>
            <TextInput
              size="xs"
              type="email"
              label={t('emailTranscript.to')}
              description={t('emailTranscript.toHint')}
              value={to}
              onChange={(event) => setTo(event.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button size="xs" type="submit" loading={send.isPending}>
                {t('emailTranscript.send')}
              </Button>
            </Group>
            {send.data && (
              <Text size="xs" role="status">
                {send.data.duplicate ? t('emailTranscript.alreadySent') : t('emailTranscript.queued')}
              </Text>
            )}
            <ErrorAlert error={send.error} />
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
