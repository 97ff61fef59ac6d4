import { Center, Loader } from '@mantine/core';
import { type ComponentType, lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { canOpenSection, useCurrentUser, useMe } from '../features/auth/api.ts';
import { SignInPage } from '../features/auth/pages/sign-in-page.tsx';
import { SurveyPage } from '../features/surveys/pages/survey-page.tsx';
import { ErrorAlert } from '../shared/error-alert.tsx';
import { NotFoundPage } from './not-found-page.tsx';
import { SECTIONS, type Section } from './sections.ts';
import { Shell } from './shell.tsx';

function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center h="100vh" component="main">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

function RequireSignIn({ children }: { children: ReactNode }) {
  const { data: me, isPending, error } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageLoader />;
  if (error) return <ErrorAlert error={error} />;
  if (!me) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

function SectionPage({ section }: { section: Section }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const title = t(section.labelKey);
  useEffect(() => {
    document.title = `${title} · ${t('shell.bankName')}`;
  }, [title, t]);
  if (!canOpenSection(me, section)) return <NotFoundPage />;
  return (
    <Suspense fallback={<Loader aria-label={t('common.loading')} />}>
      <section.page />
    </Suspense>
  );
}

// Branch lobby devices and the customer's phone page: no staff sign-in (device token / ticket token).
const lazyPage = (load: () => Promise<{ default: ComponentType }>) => {
  const Page = lazy(load);
  return (
    <Suspense fallback={<FullPageLoader />}>
      <Page />
    </Suspense>
  );
};

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/survey', element: <SurveyPage /> },
  {
    path: '/lobby/kiosk',
    element: lazyPage(() =>
      import('../features/branch/pages/kiosk-page.tsx').then((m) => ({ default: m.KioskPage })),
    ),
  },
  {
    path: '/lobby/display',
    element: lazyPage(() =>
      import('../features/branch/pages/display-page.tsx').then((m) => ({ default: m.DisplayPage })),
    ),
  },
  {
    path: '/lobby/pad',
    element: lazyPage(() =>
      import('../features/branch/pages/pad-page.tsx').then((m) => ({ default: m.PadPage })),
    ),
  },
  {
    path: '/case-status',
    element: lazyPage(() =>
      import('../features/cases/pages/case-status-page.tsx').then((m) => ({ default: m.CaseStatusPage })),
    ),
  },
  {
    path: '/book',
    element: lazyPage(() =>
      import('../features/branch/pages/book-page.tsx').then((m) => ({ default: m.BookPage })),
    ),
  },
  {
    path: '/q/:token',
    element: lazyPage(() =>
      import('../features/branch/pages/track-page.tsx').then((m) => ({ default: m.TrackPage })),
    ),
  },
  {
    path: '/',
    element: (
      <RequireSignIn>
        <Shell />
      </RequireSignIn>
    ),
    children: [
      ...SECTIONS.map((section) =>
        section.path === ''
          ? { index: true, element: <SectionPage section={section} /> }
          : { path: section.path, element: <SectionPage section={section} /> },
      ),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
