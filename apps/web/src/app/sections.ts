import {
  IconArmchair,
  IconBook,
  IconBuilding,
  IconBuildingBank,
  IconBuildingStore,
  IconCertificate,
  IconChartBar,
  IconClipboardList,
  IconClockHour4,
  IconFolders,
  IconHeadset,
  IconHierarchy2,
  IconHome,
  IconKey,
  IconListSearch,
  IconListTree,
  IconMail,
  IconMailOff,
  IconMessage2,
  IconMessageChatbot,
  IconMessages,
  IconMoodSmile,
  IconSettings,
  IconStack2,
  IconTemplate,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

type Icon = ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;

export interface NavGroup {
  id: string;
  labelKey: string;
  icon: Icon;
}

/**
 * One entry per screen: it is both the route and the navigation link, shown only to users holding
 * any of `permissions` (an empty list means everyone). Adding a module (Desk, Supervisor, Knowledge…)
 * is one entry here plus its page.
 */
export interface Section {
  path: string;
  labelKey: string;
  /** One line for the home page's "what you can do" list. */
  descriptionKey: string;
  icon: Icon;
  permissions: readonly string[];
  /** A permission the user must hold bank-wide (scope `all`), not for a team or a branch only. */
  bankWide?: string;
  page: LazyExoticComponent<ComponentType>;
  group?: NavGroup['id'];
}

export const NAV_GROUPS: readonly NavGroup[] = [{ id: 'admin', labelKey: 'nav.admin', icon: IconSettings }];

const STAFF = ['staff.read', 'staff.manage'];

export const SECTIONS: readonly Section[] = [
  {
    path: '',
    labelKey: 'nav.home',
    descriptionKey: 'nav.homeDescription',
    icon: IconHome,
    permissions: [],
    page: lazy(() => import('./home-page.tsx').then((m) => ({ default: m.HomePage }))),
  },
  {
    path: 'desk',
    labelKey: 'desk.nav',
    descriptionKey: 'desk.navDescription',
    icon: IconHeadset,
    permissions: ['desk.use'],
    page: lazy(() => import('../features/desk/pages/desk-page.tsx').then((m) => ({ default: m.DeskPage }))),
  },
  {
    path: 'cases',
    labelKey: 'cases.nav',
    descriptionKey: 'cases.navDescription',
    icon: IconFolders,
    permissions: ['desk.use', 'backoffice.work', 'complaints.manage', 'cases.create'],
    page: lazy(() =>
      import('../features/cases/pages/cases-page.tsx').then((m) => ({ default: m.CasesPage })),
    ),
  },
  {
    path: 'knowledge',
    labelKey: 'knowledge.nav',
    descriptionKey: 'knowledge.navDescription',
    icon: IconBook,
    permissions: ['knowledge.read'],
    page: lazy(() =>
      import('../features/knowledge/pages/knowledge-page.tsx').then((m) => ({ default: m.KnowledgePage })),
    ),
  },
  {
    path: 'branch/counter',
    labelKey: 'branch.nav.counter',
    descriptionKey: 'branch.nav.counterDescription',
    icon: IconBuildingStore,
    permissions: ['branch.counter'],
    page: lazy(() =>
      import('../features/branch/pages/counter-page.tsx').then((m) => ({ default: m.CounterPage })),
    ),
  },
  {
    path: 'branch/lobby',
    labelKey: 'branch.nav.lobby',
    descriptionKey: 'branch.nav.lobbyDescription',
    icon: IconArmchair,
    permissions: ['branch.lobby'],
    page: lazy(() =>
      import('../features/branch/pages/lobby-page.tsx').then((m) => ({ default: m.LobbyPage })),
    ),
  },
  {
    path: 'branch/setup',
    labelKey: 'branch.nav.setup',
    descriptionKey: 'branch.nav.setupDescription',
    icon: IconSettings,
    permissions: ['branch.lobby', 'staff.manage'],
    page: lazy(() =>
      import('../features/branch/pages/setup-page.tsx').then((m) => ({ default: m.SetupPage })),
    ),
  },
  {
    path: 'supervisor',
    labelKey: 'supervisor.nav',
    descriptionKey: 'supervisor.navDescription',
    icon: IconChartBar,
    permissions: ['supervisor.view'],
    page: lazy(() =>
      import('../features/supervisor/pages/supervisor-page.tsx').then((m) => ({ default: m.SupervisorPage })),
    ),
  },
  {
    path: 'analytics/wallboard',
    labelKey: 'analytics.wallboardNav',
    descriptionKey: 'analytics.wallboardNavDescription',
    icon: IconChartBar,
    permissions: ['supervisor.view'],
    page: lazy(() =>
      import('../features/analytics/pages/wallboard-page.tsx').then((m) => ({ default: m.WallboardPage })),
    ),
  },
  {
    path: 'analytics/reports',
    labelKey: 'analytics.reportsNav',
    descriptionKey: 'analytics.reportsNavDescription',
    icon: IconChartBar,
    permissions: ['reports.view'],
    page: lazy(() =>
      import('../features/analytics/pages/reports-page.tsx').then((m) => ({ default: m.ReportsPage })),
    ),
  },
  {
    path: 'analytics/hot-topics',
    labelKey: 'analytics.hotNav',
    descriptionKey: 'analytics.hotNavDescription',
    icon: IconChartBar,
    permissions: ['reports.view'],
    page: lazy(() =>
      import('../features/analytics/pages/hot-topics-page.tsx').then((m) => ({ default: m.HotTopicsPage })),
    ),
  },
  {
    path: 'analytics/schedules',
    labelKey: 'analytics.schedulesNav',
    descriptionKey: 'analytics.schedulesNavDescription',
    icon: IconChartBar,
    permissions: ['reports.view'],
    page: lazy(() =>
      import('../features/analytics/pages/schedules-page.tsx').then((m) => ({ default: m.SchedulesPage })),
    ),
  },
  {
    path: 'analytics/business-units',
    labelKey: 'analytics.unitsNav',
    descriptionKey: 'analytics.unitsNavDescription',
    icon: IconChartBar,
    // Center-wide report viewers only: a team supervisor's reports are their teams'.
    permissions: ['reports.view'],
    bankWide: 'reports.view',
    page: lazy(() =>
      import('../features/analytics/pages/business-units-page.tsx').then((m) => ({
        default: m.BusinessUnitsPage,
      })),
    ),
  },
  {
    path: 'analytics/surveys',
    labelKey: 'surveys.results.nav',
    descriptionKey: 'surveys.results.navDescription',
    icon: IconMoodSmile,
    permissions: ['reports.view'],
    page: lazy(() =>
      import('../features/surveys/pages/survey-results-page.tsx').then((m) => ({
        default: m.SurveyResultsPage,
      })),
    ),
  },
  {
    path: 'analytics/survey-definitions',
    labelKey: 'surveys.admin.nav',
    descriptionKey: 'surveys.admin.navDescription',
    icon: IconClipboardList,
    // Creating and changing surveys takes quality.evaluate bank-wide (quality analysts), as the API.
    permissions: ['quality.evaluate'],
    bankWide: 'quality.evaluate',
    page: lazy(() =>
      import('../features/surveys/pages/survey-definitions-page.tsx').then((m) => ({
        default: m.SurveyDefinitionsPage,
      })),
    ),
  },
  {
    path: 'admin/users',
    labelKey: 'nav.users',
    descriptionKey: 'nav.usersDescription',
    icon: IconUsers,
    permissions: STAFF,
    group: 'admin',
    page: lazy(() =>
      import('../features/admin/pages/users-page.tsx').then((m) => ({ default: m.UsersPage })),
    ),
  },
  {
    path: 'admin/teams',
    labelKey: 'nav.teams',
    descriptionKey: 'nav.teamsDescription',
    icon: IconUsersGroup,
    permissions: STAFF,
    group: 'admin',
    page: lazy(() =>
      import('../features/admin/pages/teams-page.tsx').then((m) => ({ default: m.TeamsPage })),
    ),
  },
  {
    path: 'admin/departments',
    labelKey: 'nav.departments',
    descriptionKey: 'nav.departmentsDescription',
    icon: IconHierarchy2,
    permissions: STAFF,
    group: 'admin',
    page: lazy(() =>
      import('../features/admin/pages/departments-page.tsx').then((m) => ({ default: m.DepartmentsPage })),
    ),
  },
  {
    path: 'admin/branches',
    labelKey: 'nav.branches',
    descriptionKey: 'nav.branchesDescription',
    icon: IconBuilding,
    permissions: STAFF,
    group: 'admin',
    page: lazy(() =>
      import('../features/admin/pages/branches-page.tsx').then((m) => ({ default: m.BranchesPage })),
    ),
  },
  {
    path: 'admin/case-settings',
    labelKey: 'cases.settings.nav',
    descriptionKey: 'cases.settings.navDescription',
    icon: IconFolders,
    permissions: ['cases.admin'],
    group: 'admin',
    page: lazy(() =>
      import('../features/cases/pages/case-settings-page.tsx').then((m) => ({ default: m.CaseSettingsPage })),
    ),
  },
  {
    path: 'admin/contact-reasons',
    labelKey: 'nav.contactReasons',
    descriptionKey: 'nav.contactReasonsDescription',
    icon: IconListTree,
    permissions: STAFF,
    group: 'admin',
    page: lazy(() =>
      import('../features/admin/pages/contact-reasons-page.tsx').then((m) => ({
        default: m.ContactReasonsPage,
      })),
    ),
  },
  {
    path: 'admin/queues',
    labelKey: 'nav.queues',
    descriptionKey: 'nav.queuesDescription',
    icon: IconStack2,
    permissions: STAFF,
    group: 'admin',
    page: lazy(() =>
      import('../features/admin/pages/queues-page.tsx').then((m) => ({ default: m.QueuesPage })),
    ),
  },
  {
    path: 'admin/calendars',
    labelKey: 'nav.calendars',
    descriptionKey: 'nav.calendarsDescription',
    icon: IconClockHour4,
    permissions: STAFF,
    group: 'admin',
    page: lazy(() =>
      import('../features/admin/pages/calendars-page.tsx').then((m) => ({ default: m.CalendarsPage })),
    ),
  },
  {
    path: 'admin/skills',
    labelKey: 'nav.skills',
    descriptionKey: 'nav.skillsDescription',
    icon: IconCertificate,
    permissions: STAFF,
    group: 'admin',
    page: lazy(() =>
      import('../features/admin/pages/skills-page.tsx').then((m) => ({ default: m.SkillsPage })),
    ),
  },
  {
    path: 'admin/canned-responses',
    labelKey: 'nav.cannedResponses',
    descriptionKey: 'nav.cannedResponsesDescription',
    icon: IconMessages,
    permissions: ['staff.manage', 'supervisor.view'],
    group: 'admin',
    page: lazy(() =>
      import('../features/admin/pages/canned-responses-page.tsx').then((m) => ({
        default: m.CannedResponsesPage,
      })),
    ),
  },
  {
    path: 'admin/webchat-sites',
    labelKey: 'nav.webchatSites',
    descriptionKey: 'nav.webchatSitesDescription',
    icon: IconMessageChatbot,
    permissions: STAFF,
    group: 'admin',
    page: lazy(() =>
      import('../features/admin/pages/webchat-sites-page.tsx').then((m) => ({ default: m.WebchatSitesPage })),
    ),
  },
  {
    path: 'admin/tokens',
    labelKey: 'nav.tokens',
    descriptionKey: 'nav.tokensDescription',
    icon: IconKey,
    permissions: ['tokens.manage'],
    group: 'admin',
    page: lazy(() =>
      import('../features/admin/pages/tokens-page.tsx').then((m) => ({ default: m.TokensPage })),
    ),
  },
  {
    path: 'admin/mailbox',
    labelKey: 'mailbox.nav',
    descriptionKey: 'mailbox.navDescription',
    icon: IconMail,
    permissions: ['staff.manage'],
    group: 'admin',
    page: lazy(() =>
      import('../features/email/pages/mailbox-page.tsx').then((m) => ({ default: m.MailboxPage })),
    ),
  },
  {
    path: 'admin/sms',
    labelKey: 'sms.outbox.nav',
    descriptionKey: 'sms.outbox.navDescription',
    icon: IconMessage2,
    permissions: ['staff.manage'],
    group: 'admin',
    page: lazy(() =>
      import('../features/sms/pages/sms-outbox-page.tsx').then((m) => ({ default: m.SmsOutboxPage })),
    ),
  },
  {
    path: 'admin/email-templates',
    labelKey: 'emailTemplates.nav',
    descriptionKey: 'emailTemplates.navDescription',
    icon: IconTemplate,
    permissions: ['email.templates'],
    group: 'admin',
    page: lazy(() =>
      import('../features/email/pages/email-templates-page.tsx').then((m) => ({
        default: m.EmailTemplatesPage,
      })),
    ),
  },
  {
    path: 'admin/email-suppressions',
    labelKey: 'suppressions.nav',
    descriptionKey: 'suppressions.navDescription',
    icon: IconMailOff,
    permissions: ['staff.manage'],
    group: 'admin',
    page: lazy(() =>
      import('../features/email/pages/suppressions-page.tsx').then((m) => ({
        default: m.SuppressionsPage,
      })),
    ),
  },
  {
    path: 'audit',
    labelKey: 'nav.audit',
    descriptionKey: 'nav.auditDescription',
    icon: IconListSearch,
    permissions: ['audit.read'],
    page: lazy(() =>
      import('../features/audit/pages/audit-page.tsx').then((m) => ({ default: m.AuditPage })),
    ),
  },
  {
    path: 'account',
    labelKey: 'nav.account',
    descriptionKey: 'nav.accountDescription',
    icon: IconUserCircle,
    permissions: [],
    page: lazy(() =>
      import('../features/account/pages/account-page.tsx').then((m) => ({ default: m.AccountPage })),
    ),
  },
];

export const BRAND_ICON = IconBuildingBank;
