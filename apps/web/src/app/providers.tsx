import '@mantine/core/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider, mergeThemeOverrides, PasswordInput } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { meKey } from '../features/auth/api.ts';
import { notifyError } from '../shared/notify.ts';
import { ApiError, setUnauthorizedHandler } from './api-client.ts';
import { colorSchemeManager, cssVariablesResolver, theme } from './theme.ts';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { inlineError?: boolean };
  }
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failureCount, error) => !(error instanceof ApiError && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
    },
  },
  // A mutation that handles its own error inline sets `meta.inlineError`; every other one gets a notification.
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      if (!mutation.meta?.inlineError) notifyError(error);
    },
  }),
});

setUnauthorizedHandler(() => {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meKey[0] });
  queryClient.setQueryData(meKey, null);
});

export function Providers({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  // Mantine labels some of its own controls in English (the password field's show/hide button is
  // "Toggle password visibility"): give them the UI language (t changes with it).
  const localized = useMemo(
    () =>
      mergeThemeOverrides(theme, {
        components: {
          PasswordInput: PasswordInput.extend({
            defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('common.togglePassword') } },
          }),
        },
      }),
    [t],
  );
  return (
    <MantineProvider
      theme={localized}
      cssVariablesResolver={cssVariablesResolver}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="auto"
    >
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
}
