import { type CSSVariablesResolver, createTheme, localStorageColorSchemeManager } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  // Shade 8 keeps white-on-primary text above the WCAG AA 4.5:1 contrast ratio.
  primaryShade: { light: 8, dark: 8 },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  defaultRadius: 'sm',
});

// Mantine's default dimmed grey (gray-6 on white) is 3.3:1; operators read dimmed text all day.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});

// No ColorSchemeScript: the CSP forbids inline scripts, so the scheme is read from localStorage at boot.
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'banyan.color-scheme' });
