import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { onArticlePublished } from '../live.ts';

/** "What's new": a notice in the desk the moment an article is published (staff WebSocket). */
export function KnowledgeWhatsNew() {
  const { t } = useTranslation();
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
