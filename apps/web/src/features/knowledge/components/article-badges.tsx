import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** An article's language, and "internal" when the help center does not show it. */
export function ArticleBadges({ locale, visibility }: { locale: string; visibility: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Badge size="xs" variant="dot">
        {locale}
      </Badge>
      {visibility === 'internal' && (
        <Badge size="xs" color="gray" variant="dot">
          {t('knowledge.visibility.internal')}
        </Badge>
      )}
    </>
  );
}
