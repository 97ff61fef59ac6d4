import {
  Alert,
  Badge,
  type CSSVariablesResolver,
  createTheme,
  localStorageColorSchemeManager,
  type MantineColorsTuple,
  Table,
} from '@mantine/core';

// Banyan green. Mantine's own teal fails WCAG AA (4.5:1) for white text on its filled shades and for
// links, so the darker shades here are chosen to pass on white and on the light tint.
const banyan: MantineColorsTuple = [
  '#e7f5f2',
  '#c9e9e2',
  '#a0d8cb',
  '#72c4b2',
  '#4aaf99',
  '#2f9a83',
  '#1f8670',
  '#12705d',
  '#0b5f4f',
  '#064a3d',
];

export const theme = createTheme({
  colors: { banyan },
  primaryColor: 'banyan',
  primaryShade: { light: 7, dark: 7 },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
  defaultRadius: 'sm',
  respectReducedMotion: true,
  components: {
    // Tinted titles (yellow above all) fall below 4.5:1 on their own tint; the icon and border carry the colour.
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
    // Wide tables scroll sideways on a tablet; keyboard users must be able to focus and scroll them too.
    TableScrollContainer: Table.ScrollContainer.extend({ defaultProps: { type: 'native', tabIndex: 0 } }),
    // Mantine clips badge labels, which lets a table column squeeze a role name to "A…"; ours are short words.
    Badge: Badge.extend({ styles: { label: { overflow: 'visible' } } }),
    // Dense operator tables: one line per row; a table wider than the screen scrolls instead of wrapping.
    Table: Table.extend({ styles: { th: { whiteSpace: 'nowrap' }, td: { whiteSpace: 'nowrap' } } }),
  },
});

// Mantine's default dimmed grey (gray-6 on white) is 3.3:1; operators read dimmed text all day.
// Its field-error red (red-6 on white) is 3.6:1: red-9 reads at 5.6:1.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' },
});

// No ColorSchemeScript: the CSP forbids inline scripts, so the scheme is read from localStorage at boot.
export const colorSchemeManager = localStorageColorSchemeManager({ key: 'banyan.color-scheme' });
