import { Badge, Button, Center, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { PageHeader } from '../../../shared/page-header.tsx';
import { useRealtime } from '../../../shared/use-realtime.ts';
import { useCurrentUser } from '../../auth/api.ts';
import { KnowledgePanel } from '../../knowledge/components/knowledge-panel.tsx';
import { KnowledgeWhatsNew } from '../../knowledge/components/whats-new.tsx';
import { applyKnowledgeEvent } from '../../knowledge/live.ts';
import { canNotify } from '../alert.ts';
import { applyRealtimeEvent, useConversation, useMyConversations } from '../api.ts';
import { ConsultRequests } from '../components/consult-panel.tsx';
import { ConversationList } from '../components/conversation-list.tsx';
import { ConversationView } from '../components/conversation-view.tsx';
import { CustomerPanel } from '../components/customer-panel.tsx';
import classes from '../components/desk.module.css';
import { OfferCards } from '../components/offer-cards.tsx';
import { StateSelector } from '../components/state-selector.tsx';
import { applyLiveEvent } from '../live.ts';

// The shell's header (56 px) and main padding; the desk fills the rest of the window.
const DESK_HEIGHT = 'calc(100dvh - 56px - 2 * var(--mantine-spacing-md))';

export function DeskPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('c');
  const select = (id: string | null) => setParams(id ? { c: id } : {}, { replace: true });
  // After Alt+A the agent types the greeting straight away; picking from the list keeps focus there.
  const [focusReply, setFocusReply] = useState(false);
  const conversations = useMyConversations();
  const selected = useConversation(selectedId);
  const me = useCurrentUser();
  const status = useRealtime((event) => {
    applyRealtimeEvent(queryClient, event);
    applyLiveEvent(queryClient, event, me.id);
    applyKnowledgeEvent(event);
    // A delivery receipt (SMS) or a send: the customer panel's notifications follow at once.
    if (event.type.startsWith('notification.'))
      void queryClient.invalidateQueries({ queryKey: ['customer-notifications'] });
    // A code sent or checked (here or by a supervisor): the verification badge follows.
    if (event.type.startsWith('verification.'))
      void queryClient.invalidateQueries({ queryKey: ['conversation-verification'] });
  });

  return (
    <Stack gap="sm" h={DESK_HEIGHT}>
      <PageHeader
        title={t('desk.title')}
        actions={
          <>
            <Badge
              variant="dot"
              color={status === 'live' ? 'green' : status === 'connecting' ? 'yellow' : 'red'}
              role="status"
            >
              {t(`desk.realtime.${status}`)}
            </Badge>
            <NotificationPermission />
            <KnowledgeWhatsNew />
          </>
        }
      />
      <StateSelector />
      <OfferCards
        onAccepted={(offer) => {
          setFocusReply(true);
          select(offer.refId);
        }}
      />
      <div className={classes.layout}>
        <Paper
          withBorder
          component="nav"
          aria-labelledby="desk-conversations-title"
          className={classes.column}
        >
          <Title order={2} size="h6" p="xs" id="desk-conversations-title">
            {t('desk.conversations.title')}
          </Title>
          <ScrollArea h="calc(100% - 40px)" px={4}>
            <ErrorAlert error={conversations.error} />
            <ConversationList
              conversations={conversations.data ?? []}
              selectedId={selectedId}
              onSelect={select}
            />
            <ConsultRequests selectedId={selectedId} onSelect={select} />
          </ScrollArea>
        </Paper>
        <div className={classes.column}>
          {selectedId ? (
            <ConversationView
              key={selectedId}
              conversationId={selectedId}
              focusReply={focusReply}
              onClosed={() => select(null)}
            />
          ) : (
            <Center h="100%">
              <Text c="dimmed">{t('desk.conversations.pick')}</Text>
            </Center>
          )}
        </div>
        {selected.data && (
          <div className={classes.column}>
            <CustomerPanel
              key={selected.data.conversation.id}
              customerId={selected.data.conversation.customerId}
              contactName={selected.data.conversation.contactName}
              verification={
                selected.data.conversation.assigneeId === me.id
                  ? {
                      conversationId: selected.data.conversation.id,
                      isOpen: selected.data.conversation.status !== 'closed',
                    }
                  : null
              }
            />
            <KnowledgePanel
              conversationId={selected.data.conversation.id}
              language={selected.data.conversation.language}
              messages={selected.data.messages}
            />
          </div>
        )}
      </div>
    </Stack>
  );
}

/** Desktop notifications need the agent's consent, asked by a button (browsers require a gesture). */
function NotificationPermission() {
  const { t } = useTranslation();
  const [permission, setPermission] = useState(() => (canNotify() ? Notification.permission : 'denied'));
  if (permission !== 'default') return null;
  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconBell size={14} aria-hidden />}
      onClick={() => void Notification.requestPermission().then(setPermission)}
    >
      {t('desk.enableNotifications')}
    </Button>
  );
}
