import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import type pg from 'pg';
import client from 'prom-client';
import type { Config } from './config.ts';
import {
  analyticsRoutes,
  createAnalyticsService,
  createBusinessUnits,
  createMorningBrief,
  createReportSchedules,
  LOBBY_BOARD_READER,
  registerAnalyticsListeners,
} from './modules/analytics/index.ts';
import {
  BRANCH_CALENDAR_READER,
  branchRealtimeRoutes,
  branchRoutes,
  createBranchService,
} from './modules/branch/index.ts';
import { casesRoutes, createCasesService, createSlaClocks } from './modules/cases/index.ts';
import {
  createEmailChannel,
  createEmailReplies,
  createEmailSuppressions,
  createEmailTemplates,
  createImapReaders,
  createInboundSmtp,
  createMailParser,
  emailRoutes,
  registerEmailListeners,
} from './modules/channels/email/index.ts';
import {
  createHttpGateway,
  createSmppClient,
  createSmsChannel,
  createSmscSimulator,
  registerSmsListeners,
  SMPP_DEFAULTS,
  type SmsChannel,
  type SmsTransport,
  smsRoutes,
} from './modules/channels/sms/index.ts';
import {
  createWebchatService,
  webchatAssetRoutes,
  webchatDemoRoutes,
  webchatRealtimeRoutes,
  webchatRoutes,
} from './modules/channels/webchat/index.ts';
import {
  cannedAdminRoutes,
  conversationLiveRoutes,
  conversationsRoutes,
  createAttachmentsService,
  createCannedResponses,
  createConsults,
  createContactReasons,
  createConversationLive,
  createConversationsService,
} from './modules/conversations/index.ts';
import { createCustomersService, createDemoCoreBanking, customersRoutes } from './modules/customers/index.ts';
import { createKnowledgeService, helpCenterRoutes, knowledgeRoutes } from './modules/knowledge/index.ts';
import {
  createEmailSender,
  createMailbox,
  createNotificationsService,
  createTranscripts,
  createVerification,
  loadDkim,
  notificationsRoutes,
  registerNotificationListeners,
} from './modules/notifications/index.ts';
import {
  calendarRoutes,
  createRouter,
  createRoutingCalendars,
  createRoutingService,
  registerRoutingListeners,
  routingRoutes,
} from './modules/routing/index.ts';
import { createStaffModule } from './modules/staff/index.ts';
import { createSurveysService, registerSurveyListeners, surveysRoutes } from './modules/surveys/index.ts';
import { workforceRoutes } from './modules/workforce/index.ts';
import { auditRoutes } from './platform/audit.routes.ts';
import { createAudit } from './platform/audit.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import { appliedMigrationCount, createDb, expectedMigrationCount } from './platform/db.ts';
import { createEphemeral } from './platform/ephemeral.ts';
import { AppError } from './platform/errors.ts';
import { createEvents } from './platform/events.ts';
import { createHttp, errorBody } from './platform/http.ts';
import { type Ids, systemIds } from './platform/ids.ts';
import { createJobs } from './platform/jobs.ts';
import type { Logger } from './platform/logger.ts';
import { realtimeRoutes } from './platform/realtime.ts';
import { createSecrets } from './platform/secrets.ts';

export interface AppDeps {
  config: Config;
  pool: pg.Pool;
  log: Logger;
  clock?: Clock;
  ids?: Ids;
}

/**
 * The composition root: builds every service by hand and registers their routes. Building the app
 * does not listen and starts no background work; `start()` does (see main.ts).
 */
export async function buildApp(deps: AppDeps) {
  const { config, pool, log } = deps;
  const clock = deps.clock ?? systemClock;
  const ids = deps.ids ?? systemIds;
  const db = createDb(pool);
  const events = createEvents({ db, pool, ids, clock, log });
  const audit = createAudit({ db, clock, ids });
  const jobs = createJobs({ pool, log });

  const staffModule = createStaffModule({ db, ids, clock, audit, events, config });
  const customers = createCustomersService({ db, ids, clock });
  // The demo core-banking adapter; a bank wires its own CoreBanking implementation here.
  const coreBanking = createDemoCoreBanking({ db, clock });
  const routing = createRoutingService({ db, ids, clock, events, audit });
  const calendars = createRoutingCalendars({ db, ids, clock, audit });
  const reasons = createContactReasons({ db, ids, audit });
  const canned = createCannedResponses({ db, ids, audit });
  const conversations = createConversationsService({ db, ids, clock, events, routing, reasons });
  // Typing signals: in-process at once, other processes through NOTIFY (never the outbox).
  const ephemeral = createEphemeral({ pool, log });
  const live = createConversationLive({ db, events, ephemeral });
  const consults = createConsults({ db, ids, clock, events, audit });
  const realtime = realtimeRoutes({
    events,
    ephemeral,
    publicUrl: config.publicUrl,
    authenticate: staffModule.authenticator.authenticate,
  });
  const router = createRouter({
    db,
    events,
    routing,
    log,
    connectedAgents: realtime.connectedUserIds,
    deskGraceSeconds: config.deskGraceSeconds,
  });
  // A desk that (re)connects counts as present at once, so a quick reconnect never loses its chats.
  realtime.onConnect((actor) => void routing.heartbeat([actor.userId]).catch(() => undefined));
  registerRoutingListeners({ events, routing });
  registerAnalyticsListeners({ events });
  const analytics = createAnalyticsService({
    db,
    clock,
    events,
    routing,
    teamMembers: staffModule.service.listTeamMemberIds,
    // Analytics has checked the viewer's reach; the board holds no person, so it reads it as the system.
    lobbyBoard: (branchId) => branch.lobbyBoard(LOBBY_BOARD_READER, branchId),
  });
  const secrets = createSecrets({ db });
  const sla = createSlaClocks({ db, ids, clock, events, log });
  const cases = createCasesService({ db, ids, clock, events, audit, sla });
  const attachments = createAttachmentsService({ db, ids, clock, conversations, audit });
  const surveys = createSurveysService({
    db,
    ids,
    clock,
    events,
    audit,
    secrets,
    publicUrl: config.publicUrl,
  });
  registerSurveyListeners({ events, surveys });
  const webchat = createWebchatService({
    db,
    ids,
    clock,
    secrets,
    conversations,
    customers,
    audit,
    attachments,
    routing,
  });
  const knowledge = createKnowledgeService({ db, ids, clock, events, audit, log });

  const branch = createBranchService({
    db,
    ids,
    clock,
    events,
    audit,
    customers,
    coreBanking,
    // Holidays close a branch: the business calendars of the cases module (stored, else the seeded CN/VN).
    calendars: { calendarOf: sla.calendarOf, list: () => cases.listCalendars(BRANCH_CALENDAR_READER) },
  });
  // One outbound pipeline for every customer notification (SMTP relay, or the local mailbox).
  const emailSender = createEmailSender({
    db,
    ids,
    clock,
    smtpUrl: config.smtpUrl,
    dkim: loadDkim({ domain: config.dkimDomain, selector: config.dkimSelector, keyFile: config.dkimKeyFile }),
  });
  const emailSuppressions = createEmailSuppressions({ db, clock, audit });
  // SMS: an SMPP bind (BANYAN_SMPP_URL, or the built-in simulator in the demo) or an HTTP gateway.
  const smsSimulator =
    config.smsSimulator && !config.smppUrl && !config.smsGatewayUrl
      ? createSmscSimulator({ port: config.smsSimulatorPort, receiptDelayMs: 500 })
      : null;
  const smppUrl = config.smppUrl
    ? new URL(config.smppUrl)
    : smsSimulator
      ? new URL(`smpp://127.0.0.1:${config.smsSimulatorPort}`)
      : null;
  let smsChannel: SmsChannel | null = null;
  let smsTransport: SmsTransport | null = null;
  if (config.smsGatewayUrl && config.smsGatewaySecret) {
    smsTransport = {
      kind: 'http',
      gateway: createHttpGateway({
        url: config.smsGatewayUrl,
        secret: config.smsGatewaySecret,
        now: () => clock.now(),
      }),
    };
  } else if (smppUrl) {
    smsTransport = {
      kind: 'smpp',
      client: createSmppClient({
        options: {
          ...SMPP_DEFAULTS,
          host: smppUrl.hostname,
          // The simulator may listen on a free port (0): resolved when it starts.
          port: Number(smppUrl.port || 2775),
          systemId: config.smppSystemId,
          password: config.smppPassword,
          window: config.smppWindow,
          enquireLinkMs: config.smppEnquireLinkSeconds * 1000,
        },
        log,
        onDeliver: (pdu) => (smsChannel as SmsChannel).onDeliver(pdu),
      }),
    };
  }
  const notifications = createNotificationsService({
    db,
    ids,
    clock,
    events,
    audit,
    log,
    customers,
    email: emailSender,
    sms: smsTransport
      ? {
          send: (message) => (smsChannel as SmsChannel).send(message),
          isOptedOut: (phone) => (smsChannel as SmsChannel).isOptedOut(phone),
        }
      : null,
    mailFrom: { name: config.mailFromName, address: config.mailFromAddress },
    bankTimeZone: config.bankTimeZone,
    quietHours: config.smsQuietHours,
    suppressions: emailSuppressions,
  });
  if (smsTransport) {
    smsChannel = createSmsChannel({
      db,
      ids,
      clock,
      log,
      conversations,
      customers,
      notifications: () => notifications,
      transport: smsTransport,
      config: {
        sender: config.smsSender,
        stripDiacritics: config.smsStripDiacritics,
        defaultCountry: config.smsDefaultCountry as never,
        rebindWaitMs: 15_000,
      },
    });
    registerSmsListeners({ events, notifications });
  }
  /** Binds to the SMSC (starting the simulator first in the demo); tests call it themselves. */
  async function startSms(): Promise<void> {
    if (smsSimulator) {
      const port = await smsSimulator.start();
      if (smsTransport?.kind === 'smpp') smsTransport.client.setPort(port);
    }
    if (smsTransport?.kind === 'smpp') smsTransport.client.start();
  }
  async function stopSms(): Promise<void> {
    if (smsTransport?.kind === 'smpp') await smsTransport.client.stop();
    await smsSimulator?.stop();
  }
  const mailbox = createMailbox({ db, audit });
  // Scheduled reports: PDFs queued to their recipients through the same pipeline.
  const reportSchedules = createReportSchedules({
    db,
    clock,
    ids,
    audit,
    contactReport: analytics.contactReport,
    mailer: notifications,
  });
  // Team leads: yesterday's hot and hard topics, every morning.
  const morningBrief = createMorningBrief({
    db,
    clock,
    mailer: notifications,
    timeZone: config.bankTimeZone,
  });
  // Business units: the weekly hot-topic report, as PDF, to each unit.
  const businessUnits = createBusinessUnits({
    db,
    clock,
    ids,
    audit,
    hotTopics: analytics.hotTopics,
    mailer: notifications,
  });
  // Inbound email: the built-in SMTP server files mail as conversations with channel `email`.
  // mailparser in worker threads: a 1 MB mail's decoding never stalls other mailboxes or requests.
  const mailParser = createMailParser({ size: config.emailParseWorkers ?? undefined });
  const emailChannel = createEmailChannel({
    db,
    ids,
    clock,
    log,
    conversations,
    customers,
    attachments,
    mailAuth: { timeoutMs: config.mailAuthDnsTimeoutMs },
    bounces: { notifications, suppressions: emailSuppressions },
    parser: mailParser,
  });
  registerEmailListeners({ events, email: emailChannel, notifications, ids, clock });
  const emailTemplates = createEmailTemplates({
    db,
    ids,
    clock,
    audit,
    conversations,
    bankName: config.mailFromName,
  });
  // Case updates, survey links and appointment reminders leave through the one pipeline.
  registerNotificationListeners({ events, notifications, customers });
  // Chat transcripts by email and one-time passwords for verifying a customer, same pipeline.
  const transcripts = createTranscripts({
    db,
    ids,
    audit,
    conversations,
    notifications,
    mailFrom: { address: config.mailFromAddress },
    bankTimeZone: config.bankTimeZone,
  });
  const verification = createVerification({
    db,
    ids,
    clock,
    events,
    audit,
    conversations,
    notifications,
    secrets,
  });
  // IMAP mailboxes (Exchange or any IMAP server): one IDLE reader per mailbox, same filing as SMTP.
  const imapReaders = createImapReaders({
    db,
    clock,
    log,
    email: emailChannel,
    mailboxes: config.imapMailboxes,
  });
  const inboundSmtp = createInboundSmtp({
    email: emailChannel,
    log,
    options: {
      port: config.smtpInboundPort ?? 0,
      host: config.smtpInboundHost,
      maxBytes: config.smtpInboundMaxBytes,
      tlsCertFile: config.smtpTlsCertFile,
      tlsKeyFile: config.smtpTlsKeyFile,
    },
  });

  const secure = config.publicUrl.startsWith('https://');
  const http = await createHttp({
    log,
    bodyLimit: config.bodyLimitBytes,
    secure,
    trustProxy: config.trustProxy,
    authenticator: staffModule.authenticator,
  });

  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'banyan_' });
  const httpDuration = new client.Histogram({
    name: 'banyan_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new client.Gauge({
    name: 'banyan_db_pool_connections',
    help: 'Database pool connections by state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    },
  });
  // Durable handlers that fall behind (a failing handler, a burst) show here before in reports.
  // Unreadable (the database is down) leaves the last values: a scrape must not fail with it. The
  // two gauges of one scrape share one read.
  let backlogRead: Promise<Awaited<ReturnType<typeof events.backlog>> | null> | null = null;
  const readBacklog = () =>
    (backlogRead ??= events
      .backlog()
      .catch(() => null)
      .finally(() => {
        backlogRead = null;
      }));
  new client.Gauge({
    name: 'banyan_events_undispatched',
    help: 'Events durable handlers have not finished: all pending, and those retrying after a failure',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const backlog = await readBacklog();
      if (!backlog) return;
      this.set({ state: 'pending' }, backlog.pending);
      this.set({ state: 'retrying' }, backlog.retrying);
    },
  });
  new client.Gauge({
    name: 'banyan_events_oldest_undispatched_seconds',
    help: 'Age of the oldest event durable handlers have not finished (0 when none)',
    registers: [registry],
    async collect() {
      const backlog = await readBacklog();
      if (backlog) this.set(backlog.oldestSeconds);
    },
  });
  http.addHook('onResponse', async (request, reply) => {
    httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: reply.statusCode },
      reply.elapsedTime / 1000,
    );
  });

  await http.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Banyan API', version: '1', description: 'Contact center for banks' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'banyan_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
  });
  await http.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  await http.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await http.register(
    async (api) => {
      await api.register(staffModule.routes);
      await api.register(auditRoutes({ audit }));
      await api.register(workforceRoutes());
      await api.register(routingRoutes({ routing, teamMembers: staffModule.service.listTeamMemberIds }));
      await api.register(calendarRoutes({ calendars }));
      await api.register(cannedAdminRoutes({ canned }));
      await api.register(
        conversationsRoutes({ conversations, reasons, canned, consults, live, attachments }),
      );
      await api.register(webchatRoutes({ webchat }));
      await api.register(
        customersRoutes({ customers, coreBanking, audit, timeline: conversations.listForCustomer }),
      );
      await api.register(webchatRealtimeRoutes({ events, webchat, conversations, live, ephemeral }));
      await api.register(conversationLiveRoutes({ conversations, live, consults }));
      await api.register(realtime);
      await api.register(
        casesRoutes({ cases, secrets, clock, publicUrl: config.publicUrl, bankName: 'Banyan Bank' }),
      );
      await api.register(
        analyticsRoutes({ analytics, audit, schedules: reportSchedules, units: businessUnits }),
      );
      await api.register(surveysRoutes({ surveys, webchat, branch }));
      await api.register(knowledgeRoutes({ knowledge }));
      await api.register(branchRoutes({ branch }));
      await api.register(branchRealtimeRoutes({ events, branch }));
      await api.register(
        notificationsRoutes({ notifications, mailbox, transcripts, verification, conversations, webchat }),
      );
      await api.register(
        emailRoutes({
          email: emailChannel,
          suppressions: emailSuppressions,
          replies: createEmailReplies({ conversations, clock, templates: emailTemplates }),
          templates: emailTemplates,
        }),
      );
      await api.register(
        smsRoutes({
          sms: smsChannel,
          gatewaySecret: config.smsGatewaySecret,
          clock,
          simulator: smsSimulator,
        }),
      );
      api.get('/openapi.json', { schema: { hide: true } }, async () => http.swagger());
    },
    { prefix: '/api/v1' },
  );

  http.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  http.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    try {
      await pool.query('SELECT 1');
      const applied = await appliedMigrationCount(pool);
      const expected = expectedMigrationCount();
      if (applied < expected) {
        return reply.code(503).send({ status: 'migrations_pending', applied, expected });
      }
      return { status: 'ready', migrations: applied };
    } catch {
      return reply.code(503).send(errorBody('SERVICE_UNAVAILABLE', request.locale, request.id));
    }
  });
  http.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });

  await http.register(webchatAssetRoutes({ widgetDistDir: config.widgetDistDir, webchat }));
  if (config.demoMode) await http.register(webchatDemoRoutes({ webchat, customers, clock }));
  await http.register(helpCenterRoutes({ knowledge, webchat }));

  // Browsers ask for /favicon.ico on pages that link no icon (the demo bank, the help center,
  // the API reference): a 404 there is a console error on every first visit.
  http.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
    reply.redirect('/favicon.svg', 301),
  );

  // The web app: static files with a single-page fallback for client-side routes. Files are looked
  // up when asked for, not listed at start: another process of the deployment may rebuild the web
  // app (`banyan start` builds when the sources changed) while this one serves it.
  const hasWeb = existsSync(config.webDistDir);
  if (hasWeb) await http.register(fastifyStatic, { root: config.webDistDir, index: 'index.html' });
  http.setNotFoundHandler((request, reply) => {
    const accept = request.headers.accept ?? '';
    if (
      hasWeb &&
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      accept.includes('text/html')
    ) {
      return reply.sendFile('index.html');
    }
    return reply.code(404).send(errorBody('NOT_FOUND', request.locale, request.id));
  });

  // Housekeeping, hourly: old events, ended sessions, stale sign-in throttles.
  jobs.define('banyan_maintenance', async () => {
    const now = clock.now().getTime();
    const pruned = await events.prune(new Date(now - config.outboxRetentionDays * 86_400_000));
    await pool.query('DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1', [
      new Date(now - 30 * 86_400_000),
    ]);
    await pool.query(
      'DELETE FROM login_throttle WHERE window_started_at < $1 AND (blocked_until IS NULL OR blocked_until < $2)',
      [new Date(now - 86_400_000), new Date(now)],
    );
    log.info({ pruned }, 'maintenance done');
  });

  // Every minute: messages left after hours become live contacts once their queue can serve, and
  // wrap-ups past their queue's wrap-up time give the agent's place back.
  jobs.define('conversations_minutely', async () => {
    const released = await conversations.releaseOffline();
    const freed = await conversations.expireWrapUps();
    if (released > 0 || freed > 0) log.info({ released, freed }, 'conversations housekeeping');
  });

  // Every minute: approved articles whose scheduled time has come go live.
  jobs.define('knowledge_minutely', async () => {
    const published = await knowledge.publishDue();
    if (published > 0) log.info({ published }, 'scheduled articles published');
  });

  // Every morning (06:05 UTC): articles past their review-by date are flagged to owners and editors.
  jobs.define('knowledge_daily', async () => {
    const flagged = await knowledge.flagOverdueReviews();
    if (flagged > 0) log.info({ flagged }, 'knowledge reviews overdue');
  });

  // Every minute: customer messages copied for hot topics in one batch (no handler per chat message).
  jobs.define('analytics_minutely', async () => {
    const { copied } = await analytics.syncMessages({ pace: true });
    if (copied > 0) log.info({ copied }, 'customer messages copied for hot topics');
    const reports = await reportSchedules.runDue();
    if (reports > 0) log.info({ reports }, 'scheduled reports queued');
  });

  // Mondays 07:00 (the server's zone): the weekly hot-topic report to each business unit.
  jobs.define('analytics_weekly', async () => {
    const queued = await businessUnits.sendWeeklyHotTopics();
    log.info({ queued }, 'weekly hot-topic reports queued');
  });

  // Daily 06:00 (the server's zone): the morning brief of yesterday's hot and hard topics to team leads.
  jobs.define('analytics_morning_brief', async () => {
    const queued = await morningBrief.sendMorningBrief();
    log.info({ queued }, 'morning briefs queued');
  });

  // Every five minutes: appointments not checked in 30 minutes after their slot are no-shows.
  jobs.define('branch_appointments', async () => {
    const missed = await branch.markMissedAppointments();
    if (missed > 0) log.info({ missed }, 'branch appointments missed');
  });

  let started = false;
  async function start() {
    if (started) return;
    started = true;
    await events.start();
    await ephemeral.start();
    // Every process ranks knowledge searches in its own index, built in the background.
    void knowledge.startIndex();
    if (config.runWorkers) {
      await jobs.start({
        crontab: [
          '17 * * * * banyan_maintenance',
          '* * * * * conversations_minutely',
          '* * * * * knowledge_minutely',
          '5 6 * * * knowledge_daily',
          '* * * * * analytics_minutely',
          '0 7 * * 1 analytics_weekly',
          '0 6 * * * analytics_morning_brief',
          '*/5 * * * * branch_appointments',
        ].join('\n'),
      });
      router.start();
      sla.startScanner();
      notifications.start();
      await startSms().catch((error) => log.error({ err: error }, 'SMS channel not started'));
      if (config.smtpInboundPort !== null) {
        // A port taken by another process must not keep the contact center from starting.
        await inboundSmtp
          .start()
          .catch((error) => log.error({ err: error }, 'inbound SMTP server not started'));
      }
      imapReaders.start();
    }
  }
  async function stop() {
    await http.close();
    await router.stop();
    sla.stopScanner();
    await jobs.stop();
    await notifications.stop();
    await stopSms();
    await inboundSmtp.stop();
    await imapReaders.stop();
    await mailParser.close();
    await ephemeral.stop();
    await knowledge.stopIndex();
    await events.stop();
  }

  return {
    http,
    db,
    pool,
    events,
    ephemeral,
    audit,
    jobs,
    clock,
    ids,
    staff: staffModule.service,
    auth: staffModule.auth,
    customers,
    coreBanking,
    routing,
    calendars,
    conversations,
    attachments,
    live,
    consults,
    reasons,
    canned,
    router,
    webchat,
    secrets,
    cases,
    sla,
    analytics,
    reportSchedules,
    businessUnits,
    morningBrief,
    surveys,
    knowledge,
    branch,
    notifications,
    mailbox,
    emailChannel,
    emailSuppressions,
    emailTemplates,
    inboundSmtp,
    imapReaders,
    smsChannel,
    smsSimulator,
    startSms,
    stopSms,
    start,
    stop,
  };
}

export type BanyanApp = Awaited<ReturnType<typeof buildApp>>;
export { AppError };
