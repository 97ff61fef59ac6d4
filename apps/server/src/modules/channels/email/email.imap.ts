import { sql } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import type { ImapMailboxConfig } from '../../../config.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Logger } from '../../../platform/logger.ts';
import type { EmailChannel } from './email.service.ts';

/** Reconnect delays: 1 s doubling to 5 min, ±20 % jitter. */
export function imapBackoffMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(300_000, 1000 * 2 ** Math.min(failures, 20));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export interface ImapReaderStatus {
  name: string;
  connected: boolean;
  lastUid: number;
  failures: number;
  lastError: string | null;
}

/**
 * One reader loop per configured IMAP mailbox, each with its own connection: a slow or broken
 * mailbox never holds up another. A loop connects, files every mail above the stored last UID
 * (oldest first, through the same `ingest` as SMTP), stores the new last UID after each filed mail,
 * then waits in IDLE for new mail; on any failure it reconnects with backoff.
 */
export function createImapReaders(deps: {
  db: Db;
  clock: Clock;
  log: Logger;
  email: EmailChannel;
  mailboxes: ImapMailboxConfig[];
  /** For tests: a shorter backoff. */
  backoffMs?: (failures: number) => number;
}) {
  const { db, clock, log, email, mailboxes } = deps;
  const backoff = deps.backoffMs ?? imapBackoffMs;
  const readers = mailboxes.map((m) => createReader(m));

  function createReader(box: ImapMailboxConfig) {
    const status: ImapReaderStatus = {
      name: box.name,
      connected: false,
      lastUid: 0,
      failures: 0,
      lastError: null,
    };
    let running = false;
    let client: ImapFlow | null = null;
    let loop: Promise<void> | null = null;
    let wake: (() => void) | null = null;
    const blog = log.child({ mailbox: box.name });

    async function loadState(): Promise<{ uidValidity: string; lastUid: number } | null> {
      const result = await db.execute(
        sql`SELECT uid_validity, last_uid FROM email_imap_state WHERE mailbox = ${box.name}`,
      );
      const row = result.rows[0] as { uid_validity: string; last_uid: string | number } | undefined;
      return row ? { uidValidity: row.uid_validity, lastUid: Number(row.last_uid) } : null;
    }

    async function saveState(uidValidity: string, lastUid: number): Promise<void> {
      await db.execute(sql`INSERT INTO email_imap_state (mailbox, uid_validity, last_uid, updated_at)
        VALUES (${box.name}, ${uidValidity}, ${lastUid}, ${clock.now()})
        ON CONFLICT (mailbox) DO UPDATE SET uid_validity = EXCLUDED.uid_validity,
          last_uid = EXCLUDED.last_uid, updated_at = EXCLUDED.updated_at`);
      status.lastUid = lastUid;
    }

    /** Files every mail above the resume point; returns when the folder is drained. */
    async function drain(c: ImapFlow): Promise<void> {
      const mailbox = c.mailbox;
      if (!mailbox) throw new Error('no mailbox selected');
      const uidValidity = String(mailbox.uidValidity);
      const state = await loadState();
      // A new UIDVALIDITY means the folder was rebuilt: its UIDs start over. Every mail is read
      // again; the Message-ID claim keeps the ones already filed from doubling.
      let lastUid = state && state.uidValidity === uidValidity ? state.lastUid : 0;
      if (!state || state.uidValidity !== uidValidity) await saveState(uidValidity, lastUid);
      status.lastUid = lastUid;
      for (;;) {
        if (!running) return;
        const uids = ((await c.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [])
          .filter((u) => u > lastUid)
          .sort((a, b) => a - b);
        if (uids.length === 0) return;
        // Small batches: the source of one batch is held in memory at a time.
        for (let i = 0; i < uids.length; i += 20) {
          const batch = uids.slice(i, i + 20);
          const sources = new Map<number, Buffer>();
          for await (const msg of c.fetch(batch.join(','), { uid: true, source: true }, { uid: true })) {
            if (msg.source) sources.set(msg.uid, msg.source);
          }
          for (const uid of batch) {
            if (!running) return;
            const raw = sources.get(uid);
            if (raw) await fileOne(raw, uid);
            lastUid = uid;
            await saveState(uidValidity, lastUid);
          }
        }
      }
    }

    async function fileOne(raw: Buffer, uid: number): Promise<void> {
      try {
        const result = await email.ingest({ raw, envelopeTo: [box.address] });
        blog.info(
          { uid, outcome: result.outcome, kind: result.kind, conversationId: result.conversationId },
          'imap email',
        );
      } catch (error) {
        // A mail Banyan can never file (no known address) is logged and passed over; anything
        // else (database down…) stops this pass before the UID moves, so it is read again.
        if (error instanceof AppError) {
          blog.warn({ uid, code: error.code }, 'imap email not filed');
          return;
        }
        throw error;
      }
    }

    async function session(): Promise<void> {
      const c = new ImapFlow({
        host: box.host,
        port: box.port,
        secure: box.tls,
        auth: { user: box.user, pass: box.password },
        logger: false,
        // IDLE is restarted by imapflow before servers drop it (RFC 2177: within 29 min).
        maxIdleTime: 5 * 60_000,
        connectionTimeout: 30_000,
        greetingTimeout: 15_000,
        socketTimeout: 10 * 60_000,
      });
      client = c;
      let newMail = true;
      const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
      c.on('error', (error: Error) => {
        status.lastError = error.message;
        blog.warn({ err: error }, 'imap connection error');
      });
      c.on('exists', () => {
        newMail = true;
        wake?.();
      });
      await c.connect();
      status.connected = true;
      status.failures = 0;
      status.lastError = null;
      const lock = await c.getMailboxLock(box.folder);
      try {
        while (running && c.usable) {
          if (newMail) {
            newMail = false;
            await drain(c);
            continue;
          }
          // IDLE until the server announces mail (EXISTS), the connection closes or we stop.
          await Promise.race([
            c.idle(),
            closed,
            new Promise<void>((resolve) => {
              wake = resolve;
            }),
          ]);
          wake = null;
        }
      } finally {
        lock.release();
        status.connected = false;
        if (c.usable) await c.logout().catch(() => undefined);
        else c.close();
      }
    }

    async function run(): Promise<void> {
      while (running) {
        try {
          await session();
          if (!running) return;
          throw new Error('imap connection closed');
        } catch (error) {
          status.connected = false;
          if (!running) return;
          status.failures += 1;
          status.lastError = (error as Error).message;
          const delay = backoff(status.failures);
          blog.warn({ err: error, retryInMs: delay }, 'imap mailbox reader failed');
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, delay);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
        }
      }
    }

    return {
      status,
      start() {
        if (running) return;
        running = true;
        loop = run();
      },
      async stop() {
        running = false;
        wake?.();
        const c = client;
        if (c?.usable) await c.logout().catch(() => c.close());
        else c?.close();
        await loop;
        loop = null;
      },
    };
  }

  return {
    start() {
      for (const r of readers) r.start();
    },
    async stop() {
      await Promise.all(readers.map((r) => r.stop()));
    },
    status(): ImapReaderStatus[] {
      return readers.map((r) => ({ ...r.status }));
    },
  };
}

export type ImapReaders = ReturnType<typeof createImapReaders>;
