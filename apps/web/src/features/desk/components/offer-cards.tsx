import { Button, Card, Group, Kbd, Progress, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconBellRinging } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../../shared/notify.ts';
import { beep, notifyDesktop } from '../alert.ts';
import { type DeskOffer, isOfferGone, useAnswerOffer, useOffers } from '../api.ts';
import { formatClock, remainingMs } from '../model.ts';
import { useNow } from '../use-now.ts';

// The offer timeout the server uses by default; only scales the progress bar.
const TYPICAL_OFFER_MS = 30_000;

const NO_OFFERS: DeskOffer[] = [];

/** Offers waiting for this agent, newest alert first; Alt+A accepts the top one. */
export function OfferCards({ onAccepted }: { onAccepted: (offer: DeskOffer) => void }) {
  const { t } = useTranslation();
  const { data: offers = NO_OFFERS } = useOffers();
  const answer = useAnswerOffer();
  const now = useNow(500);
  const live = offers.filter((offer) => remainingMs(offer.expiresAt, now) > 0);

  useOfferAlert(offers);

  const respond = (offer: DeskOffer, kind: 'accept' | 'reject') =>
    answer.mutate(
      { itemId: offer.itemId, answer: kind },
      {
        onSuccess: () => kind === 'accept' && onAccepted(offer),
        onError: (error) => !isOfferGone(error) && notifyError(error),
      },
    );

  useHotkeys([['alt+A', () => live[0] && !answer.isPending && respond(live[0], 'accept')]], []);

  if (live.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-label={t('desk.offer.region')}>
      {live.map((offer, index) => {
        const left = remainingMs(offer.expiresAt, now);
        const channel = t(`desk.channel.${offer.channel}`, { defaultValue: offer.channel });
        const busy = answer.isPending && answer.variables?.itemId === offer.itemId;
        return (
          <Card key={offer.itemId} withBorder padding="sm" shadow="sm" bg="var(--mantine-color-banyan-light)">
            <Group justify="space-between" wrap="nowrap" gap="sm">
              <Group gap="xs" wrap="nowrap">
                <IconBellRinging size={20} aria-hidden />
                <div>
                  <Title order={2} size="h5">
                    {t('desk.offer.title', { channel })}
                  </Title>
                  <Text size="sm" c="dimmed" role="timer" aria-live="off">
                    {t('desk.offer.expiresIn', { time: formatClock(left) })}
                  </Text>
                </div>
              </Group>
              <Group gap="xs" wrap="nowrap">
                <Button size="xs" variant="default" disabled={busy} onClick={() => respond(offer, 'reject')}>
                  {t('desk.offer.reject')}
                </Button>
                <Button
                  size="xs"
                  loading={busy && answer.variables?.answer === 'accept'}
                  disabled={busy}
                  onClick={() => respond(offer, 'accept')}
                  aria-keyshortcuts={index === 0 ? 'Alt+A' : undefined}
                  rightSection={index === 0 ? <Kbd size="xs">Alt+A</Kbd> : undefined}
                >
                  {t('desk.offer.accept')}
                </Button>
              </Group>
            </Group>
            <Progress
              mt="xs"
              size="xs"
              value={Math.min(100, (left / TYPICAL_OFFER_MS) * 100)}
              color={left < 10_000 ? 'orange' : 'banyan'}
              aria-label={t('desk.offer.timeLeft')}
            />
          </Card>
        );
      })}
    </Stack>
  );
}

/** A tone and a desktop notification for each offer not seen before. */
function useOfferAlert(offers: readonly DeskOffer[]) {
  const { t } = useTranslation();
  const seen = useRef(new Set<string>());
  useEffect(() => {
    const fresh = offers.find((offer) => !seen.current.has(offer.itemId));
    seen.current = new Set(offers.map((offer) => offer.itemId));
    if (!fresh) return;
    beep();
    const channel = t(`desk.channel.${fresh.channel}`, { defaultValue: fresh.channel });
    notifyDesktop(t('desk.offer.title', { channel }), t('desk.offer.notificationBody'));
  }, [offers, t]);
}
