import {
  ActionIcon,
  Alert,
  AppShell,
  Avatar,
  Burger,
  Button,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  Tooltip,
  UnstyledButton,
  useComputedColorScheme,
  useMantineColorScheme,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconLayoutSidebarLeftCollapse,
  IconLayoutSidebarLeftExpand,
  IconLogout,
  IconMoon,
  IconShieldLock,
  IconSun,
  IconUserCircle,
} from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, Link as RouterLink, NavLink as RouterNavLink, useLocation, useNavigate } from 'react-router';
import { useUpdatePreferences } from '../features/account/api.ts';
import { canOpenSection, type Me, useCurrentUser, useLogout } from '../features/auth/api.ts';
import { LanguageSwitcher } from '../shared/language-switcher.tsx';
import { applyLocale } from './i18n.ts';
import { BRAND_ICON, NAV_GROUPS, SECTIONS, type Section } from './sections.ts';

export function Shell() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [mobileOpened, { toggle: toggleMobile, close: closeMobile }] = useDisclosure(false);
  const [desktopOpened, { toggle: toggleDesktop }] = useDisclosure(true);
  const location = useLocation();
  useUserPreferences(me);

  // biome-ignore lint/correctness/useExhaustiveDependencies: close the overlay navbar after each navigation
  useEffect(closeMobile, [location.pathname]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'md', collapsed: { mobile: !mobileOpened, desktop: !desktopOpened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={mobileOpened}
              onClick={toggleMobile}
              hiddenFrom="md"
              size="sm"
              aria-label={t('shell.toggleNav')}
            />
            <ActionIcon
              onClick={toggleDesktop}
              visibleFrom="md"
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={t('shell.toggleNav')}
              aria-expanded={desktopOpened}
            >
              {desktopOpened ? (
                <IconLayoutSidebarLeftCollapse size={20} aria-hidden />
              ) : (
                <IconLayoutSidebarLeftExpand size={20} aria-hidden />
              )}
            </ActionIcon>
            <BRAND_ICON size={26} aria-hidden />
            <Text fw={700} size="lg">
              {t('shell.bankName')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <HeaderControls />
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('shell.mainNav')}>
        <AppShell.Section grow component={ScrollArea}>
          <Navigation me={me} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        {me.mfaEnrollmentRequired && <MfaRequiredNotice />}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

/** Roles that must use two-step verification get no permission until it is on (server: requireAdminMfa). */
function MfaRequiredNotice() {
  const { t } = useTranslation();
  return (
    <Alert
      color="orange"
      icon={<IconShieldLock size={18} aria-hidden />}
      title={t('shell.mfaRequiredTitle')}
      mb="md"
    >
      <Text size="sm" mb="xs">
        {t('shell.mfaRequiredBody')}
      </Text>
      <Button component={RouterLink} to="/account" size="xs">
        {t('shell.mfaRequiredAction')}
      </Button>
    </Alert>
  );
}

/** The server keeps each user's language and theme; apply them whenever they load or change. */
function useUserPreferences(me: Me) {
  const { setColorScheme } = useMantineColorScheme();
  useEffect(() => {
    void applyLocale(me.locale);
  }, [me.locale]);
  useEffect(() => {
    setColorScheme(me.theme);
  }, [me.theme, setColorScheme]);
}

function HeaderControls() {
  const { t } = useTranslation();
  // With the 'auto' theme the scheme in effect is the system's, so read the computed one.
  const isDark = useComputedColorScheme('light') === 'dark';
  const updatePreferences = useUpdatePreferences();
  const label = isDark ? t('shell.useLightTheme') : t('shell.useDarkTheme');
  return (
    <>
      <LanguageSwitcher onChange={(locale) => updatePreferences.mutate({ locale })} />
      <Tooltip label={label}>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          aria-label={label}
          onClick={() => updatePreferences.mutate({ theme: isDark ? 'light' : 'dark' })}
        >
          {isDark ? <IconSun size={18} aria-hidden /> : <IconMoon size={18} aria-hidden />}
        </ActionIcon>
      </Tooltip>
    </>
  );
}

function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('shell.userMenu', { name: me.displayName })}>
          <Group gap={6} wrap="nowrap">
            <Avatar size="sm" radius="xl" color="banyan" name={me.displayName} />
            <Text size="sm" visibleFrom="sm">
              {me.displayName}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconUserCircle size={16} aria-hidden />}
          onClick={() => navigate('/account')}
        >
          {t('nav.account')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/sign-in') })}
        >
          {t('shell.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function Navigation({ me }: { me: Me }) {
  const { t } = useTranslation();
  const location = useLocation();
  const visible = SECTIONS.filter((section) => canOpenSection(me, section));
  const link = (section: Section) => (
    <NavLink
      key={section.path}
      component={RouterNavLink}
      to={`/${section.path}`}
      end
      label={t(section.labelKey)}
      leftSection={<section.icon size={18} aria-hidden />}
      active={location.pathname === `/${section.path}`}
    />
  );
  const groupsShown = new Set<string>();
  // Sections keep their declared order; a group appears where its first visible section would.
  return visible.map((section) => {
    if (!section.group) return link(section);
    if (groupsShown.has(section.group)) return null;
    groupsShown.add(section.group);
    const group = NAV_GROUPS.find((candidate) => candidate.id === section.group);
    if (!group) return null;
    return (
      <NavLink
        key={group.id}
        label={t(group.labelKey)}
        leftSection={<group.icon size={18} aria-hidden />}
        defaultOpened
        childrenOffset="md"
      >
        {visible.filter((child) => child.group === group.id).map(link)}
      </NavLink>
    );
  });
}
