import path from 'node:path';

/** Banyan's whole configuration. This module is the only reader of process.env. */
export interface Config {
  host: string;
  port: number;
  /** Public base URL used in links and to decide on Secure cookies / HSTS. */
  publicUrl: string;
  /** External PostgreSQL; when absent Banyan starts an embedded one under dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  /** Extra `name=value` settings for the embedded PostgreSQL (e.g. pg_stat_statements to diagnose). */
  embeddedPgSettings: string[];
  demoMode: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  sessionTtlHours: number;
  /** argon2id memory cost in KiB (OWASP 2024: 19 MiB, t=2, p=1 minimum). */
  argon2MemoryKiB: number;
  argon2TimeCost: number;
  /** Mandatory MFA for admins (always off in demo mode so the demo sign-ins work). */
  requireAdminMfa: boolean;
  bodyLimitBytes: number;
  webDistDir: string;
  widgetDistDir: string;
  dbPoolSize: number;
  /** How long an agent's desk may be disconnected before their chats go back to the queue. */
  deskGraceSeconds: number;
  /** How long dispatched events stay in the outbox for realtime resume. */
  outboxRetentionDays: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** Run background workers (event dispatch, jobs) in this process. */
  runWorkers: boolean;
  /** Outbound SMTP relay (`smtp://user:pass@host:587`); none: mail goes to the local mailbox. */
  smtpUrl: string | null;
  /** The From of notifications: display name and address. */
  mailFromName: string;
  mailFromAddress: string;
  /** DKIM signing of outbound mail when all three are set (key file in PEM). */
  dkimDomain: string | null;
  dkimSelector: string | null;
  dkimKeyFile: string | null;
  /** The bank's time zone: quiet hours for customers whose own zone is unknown. */
  bankTimeZone: string;
  /**
   * Whether non-transactional SMS waits out the night (21:00–08:00 in the customer's zone). On by
   * default; `SMS_QUIET_HOURS=off` sends at once (the browser journeys, which run at any hour).
   */
  smsQuietHours: boolean;
  /** Built-in SMTP server for inbound mail (0 = a free port; null = off). 2525 by default. */
  smtpInboundPort: number | null;
  smtpInboundHost: string;
  /** Larger inbound mail is refused at SMTP time with 552. */
  smtpInboundMaxBytes: number;
  /** STARTTLS on the inbound server only when both PEM files are set. */
  smtpTlsCertFile: string | null;
  smtpTlsKeyFile: string | null;
  /** IMAP mailboxes read with IDLE (`BANYAN_IMAP_MAILBOXES`, JSON); each has its own reader loop. */
  imapMailboxes: ImapMailboxConfig[];
  /** Worker threads parsing inbound mail (0 = parse on the main thread; null = CPUs − 1, at most 4). */
  emailParseWorkers: number | null;
  /** Bound on the DNS time of one inbound mail's SPF/DKIM/DMARC check (then `temperror`). */
  mailAuthDnsTimeoutMs: number;
  /** SMPP SMSC (`smpp://host:2775`); none: the HTTP gateway, or the built-in simulator in the demo. */
  smppUrl: string | null;
  smppSystemId: string;
  smppPassword: string;
  /** submit_sm in flight without a response. */
  smppWindow: number;
  smppEnquireLinkSeconds: number;
  /** The sender ID customers see (alphanumeric ≤ 11, or a number). */
  smsSender: string;
  /** Vietnamese SMS without diacritics (GSM-7: 160 characters a part instead of 70). */
  smsStripDiacritics: boolean;
  /** Country of national-format phone numbers (ISO 3166 alpha-2). */
  smsDefaultCountry: string;
  /** A provider's HTTP API instead of SMPP: outbound POST URL and the shared HMAC secret. */
  smsGatewayUrl: string | null;
  smsGatewaySecret: string | null;
  /** Start the built-in SMSC simulator on 127.0.0.1 and bind to it (the demo; on with no SMSC in demo mode); port 0 = a free port. */
  smsSimulator: boolean;
  smsSimulatorPort: number;
}

export interface ImapMailboxConfig {
  /** Stable name: the key of its resume point (last UID) in `email_imap_state`. */
  name: string;
  host: string;
  port: number;
  /** Implicit TLS (993); otherwise STARTTLS when the server offers it. */
  tls: boolean;
  user: string;
  /** From the environment variable named by `passwordEnv` (never in the JSON itself). */
  password: string;
  folder: string;
  /** The bank's address this mailbox receives for (`support@bank.example`): its queue. */
  address: string;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  };

  const host = env.HOST || '127.0.0.1';
  const port = int('PORT', 3000, 0, 65535);
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const listenHost = overrides.host ?? host;
  const publicUrl =
    env.PUBLIC_URL ||
    `http://${listenHost === '0.0.0.0' ? 'localhost' : listenHost}:${overrides.port ?? port}`;
  try {
    new URL(publicUrl);
  } catch {
    problems.push(`PUBLIC_URL must be an absolute URL (got "${publicUrl}")`);
  }
  const demoMode = bool('BANYAN_DEMO', databaseUrl === null);
  const embeddedPgSettings = (env.BANYAN_EMBEDDED_PG_SETTINGS ?? '').split(/[\s,]+/).filter(Boolean);
  for (const setting of embeddedPgSettings) {
    if (!/^[a-z][a-z0-9_.]*=[^\s=]+$/.test(setting)) {
      problems.push(`BANYAN_EMBEDDED_PG_SETTINGS takes name=value pairs (got "${setting}")`);
    }
  }

  const config: Config = {
    host,
    port,
    publicUrl,
    databaseUrl,
    dataDir: path.resolve(env.BANYAN_DATA_DIR || 'data'),
    embeddedPgSettings,
    demoMode,
    logLevel,
    sessionTtlHours: int('SESSION_TTL_HOURS', 12, 1, 24 * 30),
    argon2MemoryKiB: int('ARGON2_MEMORY_KIB', 19456, 1024, 1024 * 1024),
    argon2TimeCost: int('ARGON2_TIME_COST', 2, 1, 20),
    requireAdminMfa: bool('REQUIRE_ADMIN_MFA', !demoMode),
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1024 * 1024, 1024, 100 * 1024 * 1024),
    webDistDir: path.resolve(env.BANYAN_WEB_DIST || 'dist/web'),
    widgetDistDir: path.resolve(env.BANYAN_WIDGET_DIST || 'dist/widget'),
    dbPoolSize: int('DB_POOL_SIZE', 20, 2, 500),
    runWorkers: bool('BANYAN_WORKERS', true),
    trustProxy: bool('TRUST_PROXY', false),
    deskGraceSeconds: int('DESK_GRACE_SECONDS', 60, 15, 3600),
    outboxRetentionDays: int('OUTBOX_RETENTION_DAYS', 7, 1, 3650),
    smtpUrl: env.BANYAN_SMTP_URL || null,
    mailFromName: env.BANYAN_MAIL_FROM_NAME || 'Banyan Bank',
    mailFromAddress: env.BANYAN_MAIL_FROM || 'no-reply@bank.example',
    dkimDomain: env.BANYAN_DKIM_DOMAIN || null,
    dkimSelector: env.BANYAN_DKIM_SELECTOR || null,
    dkimKeyFile: env.BANYAN_DKIM_KEY_FILE || null,
    bankTimeZone: env.BANYAN_TIME_ZONE || 'Asia/Ho_Chi_Minh',
    smsQuietHours: env.SMS_QUIET_HOURS !== 'off',
    smtpInboundPort:
      env.BANYAN_SMTP_INBOUND_PORT === 'off' ? null : int('BANYAN_SMTP_INBOUND_PORT', 2525, 0, 65535),
    smtpInboundHost: env.BANYAN_SMTP_INBOUND_HOST || '127.0.0.1',
    smtpInboundMaxBytes: int('BANYAN_SMTP_MAX_BYTES', 25 * 1024 * 1024, 1024, 200 * 1024 * 1024),
    smtpTlsCertFile: env.BANYAN_SMTP_TLS_CERT || null,
    smtpTlsKeyFile: env.BANYAN_SMTP_TLS_KEY || null,
    imapMailboxes: parseImapMailboxes(env, problems),
    emailParseWorkers: env.BANYAN_EMAIL_PARSE_WORKERS ? int('BANYAN_EMAIL_PARSE_WORKERS', 1, 0, 16) : null,
    mailAuthDnsTimeoutMs: int('BANYAN_MAIL_AUTH_DNS_TIMEOUT_MS', 3000, 100, 60_000),
    smppUrl: env.BANYAN_SMPP_URL || null,
    smppSystemId: env.BANYAN_SMPP_SYSTEM_ID || 'banyan',
    smppPassword: env.BANYAN_SMPP_PASSWORD || '',
    smppWindow: int('BANYAN_SMPP_WINDOW', 10, 1, 500),
    smppEnquireLinkSeconds: int('BANYAN_SMPP_ENQUIRE_LINK_SECONDS', 30, 5, 3600),
    smsSender: env.BANYAN_SMS_SENDER || 'BanyanBank',
    smsStripDiacritics: bool('BANYAN_SMS_STRIP_DIACRITICS', false),
    smsDefaultCountry: env.BANYAN_SMS_DEFAULT_COUNTRY || 'VN',
    smsGatewayUrl: env.BANYAN_SMS_GATEWAY_URL || null,
    smsGatewaySecret: env.BANYAN_SMS_GATEWAY_SECRET || null,
    smsSimulator: false,
    smsSimulatorPort: int('BANYAN_SMS_SIMULATOR_PORT', 0, 0, 65535),
    ...overrides,
  };
  // The demo's SMSC: on in demo mode unless a real SMSC or gateway is configured.
  config.smsSimulator =
    overrides.smsSimulator ??
    bool('BANYAN_SMS_SIMULATOR', config.demoMode && !config.smppUrl && !config.smsGatewayUrl);
  if (config.smtpUrl && !/^smtps?:\/\//.test(config.smtpUrl)) {
    problems.push('BANYAN_SMTP_URL must start with smtp:// or smtps://');
  }
  if (config.smppUrl && !/^smpp:\/\/[^/:]+(:\d+)?\/?$/.test(config.smppUrl)) {
    problems.push('BANYAN_SMPP_URL must look like smpp://host:2775');
  }
  if (!/^[A-Z]{2}$/.test(config.smsDefaultCountry)) {
    problems.push('BANYAN_SMS_DEFAULT_COUNTRY must be an ISO 3166 alpha-2 code such as VN');
  }
  if (config.smsGatewayUrl && (!/^https?:\/\//.test(config.smsGatewayUrl) || !config.smsGatewaySecret)) {
    problems.push('BANYAN_SMS_GATEWAY_URL must be an http(s) URL and needs BANYAN_SMS_GATEWAY_SECRET');
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: config.bankTimeZone });
  } catch {
    problems.push(`BANYAN_TIME_ZONE must be an IANA time zone (got "${config.bankTimeZone}")`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * `BANYAN_IMAP_MAILBOXES='[{"name":"support","host":"imap.bank.example","port":993,"tls":true,
 * "user":"support","passwordEnv":"BANYAN_IMAP_SUPPORT_PASSWORD","folder":"INBOX",
 * "address":"support@bank.example"}]'`: the secret stays in its own variable (or secret store).
 */
function parseImapMailboxes(env: Env, problems: string[]): ImapMailboxConfig[] {
  const raw = env.BANYAN_IMAP_MAILBOXES;
  if (!raw) return [];
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    problems.push('BANYAN_IMAP_MAILBOXES must be a JSON array');
    return [];
  }
  if (!Array.isArray(list)) {
    problems.push('BANYAN_IMAP_MAILBOXES must be a JSON array');
    return [];
  }
  const out: ImapMailboxConfig[] = [];
  for (const [i, item] of list.entries()) {
    const m = (item ?? {}) as Record<string, unknown>;
    const str = (k: string) => (typeof m[k] === 'string' && m[k] ? (m[k] as string) : null);
    const name = str('name');
    const host = str('host');
    const user = str('user');
    const address = str('address');
    const passwordEnv = str('passwordEnv');
    const port = m.port === undefined ? (m.tls === false ? 143 : 993) : Number(m.port);
    if (!name || !/^[a-z0-9_-]{1,64}$/i.test(name) || !host || !user || !address || !passwordEnv) {
      problems.push(
        `BANYAN_IMAP_MAILBOXES[${i}] needs name (letters, digits, - or _), host, user, address and passwordEnv`,
      );
      continue;
    }
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      problems.push(`BANYAN_IMAP_MAILBOXES[${i}].port must be a port number`);
      continue;
    }
    const password = env[passwordEnv];
    if (!password) {
      problems.push(`BANYAN_IMAP_MAILBOXES[${i}]: ${passwordEnv} is not set`);
      continue;
    }
    if (out.some((o) => o.name === name)) {
      problems.push(`BANYAN_IMAP_MAILBOXES: the name "${name}" is used twice`);
      continue;
    }
    out.push({
      name,
      host,
      port,
      tls: m.tls !== false,
      user,
      password,
      folder: str('folder') ?? 'INBOX',
      address: address.toLowerCase(),
    });
  }
  return out;
}
