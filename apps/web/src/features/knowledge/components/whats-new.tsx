import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { onArticlePublished, onReviewOverdue } from '../live.ts';

/**
 * "What's new": a notice the moment an article is published, and, to an article's owner and the
 * editors, when it passes its review-by date (staff WebSocket, passed on by the page's socket).
 */
export function KnowledgeWhatsNew() {
  const { t } = useTranslation();
  useEffect(
    () =>
      onReviewOverdue((notice) =>
        notifications.show({
          id: `knowledge-review-${notice.articleId}`,
          color: 'red',
          title: t('knowledge.reviewOverdue.title'),
          message: t('knowledge.reviewOverdue.message', {
            title: notice.title,
            locale: notice.locale,
            date: notice.reviewBy,
          }),
          autoClose: false,
          closeButtonProps: { 'aria-label': t('common.close') },
        }),
      ),
    [t],
  );
  useEffect(
    () =>
      onArticlePublished((notice) =>
        notifications.show({
          id: `knowledge-${notice.articleId}`,
          color: 'banyan',
          title: t('knowledge.whatsNew.title'),
          message: t('knowledge.whatsNew.message', { title: notice.title, locale: notice.locale }),
          autoClose: 15_000,
          closeButtonProps: { 'aria-label': t('common.close') },
        }),
      ),
    [t],
  );
  return null;
}
