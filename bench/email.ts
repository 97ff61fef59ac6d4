/**
 * Email channel and outbound pipeline (issue #8), in this process on a fresh embedded PostgreSQL:
 *   npm run bench:email -- --inbound 200 --outbound 1000 --connections 4
 * Inbound: mails with a 1 MB PDF attachment delivered over SMTP (nodemailer, `--connections`
 * parallel sessions) to the built-in server, each parsed, deduplicated, filed as an email
 * conversation and routed; reported as mails per hour. Outbound: notifications queued in
 * transactions of 100 and sent by the pipeline worker (claims of 50, SKIP LOCKED) through an SMTP
 * relay (a Node smtp-server sink in this process); reported as emails per second, with every
 * Message-ID received exactly once. Every loop and wait is bounded.
 */
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { createPool } from '../apps/server/src/platform/db.ts';
import { startEmbeddedPostgres } from '../apps/server/src/platform/embedded-pg.ts';
import { createLogger } from '../apps/server/src/platform/logger.ts';
import { migrateAll } from '../apps/server/src/runtime.ts';
import { startSmtpSink } from '../apps/server/test/smtp-sink.ts';
import {
  assertNoPostgresLeft,
  bounded,
  makeDataDir,
  percentile,
  printMachine,
  printTable,
  removeDataDir,
  round,
  writeResults,
} from './lib.ts';

const { values: args } = parseArgs({
  options: {
    inbound: { type: 'string', default: '200' },
    outbound: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '4' },
  },
});
const INBOUND = bounded(args.inbound, 1, 5000);
const OUTBOUND = bounded(args.outbound, 1, 20000);
const CONNECTIONS = bounded(args.connections, 1, 16);
const DEADLINE_MS = 240_000;

// A 1 MB PDF (sniffed as application/pdf by the attachments service).
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024 - 9, 0x20)]);

async function main() {
  printMachine();
  const dataDir = await makeDataDir();
  const quiet = createLogger({
    level: 'warn',
    destination: new Writable({ write: (_c, _e, done) => done() }),
  });
  const embedded = await startEmbeddedPostgres({ dataDir, log: quiet, database: 'bench' });
  const pool = createPool(embedded.url, 20);
  const sink = await startSmtpSink();
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    await migrateAll(pool, quiet);
    const config = loadConfig(
      {},
      {
        databaseUrl: embedded.url,
        demoMode: false,
        runWorkers: false,
        smtpInboundPort: 0,
        smtpUrl: sink.url,
        webDistDir: '/nonexistent',
      },
    );
    app = await buildApp({ config, pool, log: quiet });
    const port = await app.inboundSmtp.start();
    const queueId = await app.routing.createQueue(null, {
      code: 'email',
      name: 'Email',
      channels: ['email'],
    });
    await app.emailChannel.addAddress({ address: 'support@bank.example', queueId, displayName: 'Support' });

    // Inbound
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      pool: true,
      maxConnections: CONNECTIONS,
      maxMessages: Number.POSITIVE_INFINITY,
      ignoreTLS: true,
    });
    const latencies: number[] = [];
    let failed = 0;
    const inboundStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < INBOUND && performance.now() - inboundStart < DEADLINE_MS) {
          const i = next++;
          const t0 = performance.now();
          try {
            await transport.sendMail({
              from: `customer${i}@example.vn`,
              to: 'support@bank.example',
              subject: `Sao kê tháng ${i}`,
              text: `Gửi ngân hàng sao kê số ${i}.`,
              messageId: `<bench-${i}@example.vn>`,
              attachments: [{ filename: `statement-${i}.pdf`, content: PDF }],
            });
            latencies.push(performance.now() - t0);
          } catch {
            failed++;
          }
        }
      }),
    );
    const inboundSeconds = (performance.now() - inboundStart) / 1000;
    transport.close();
    const filed = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM conversation_messages WHERE kind = 'attachment'",
    );
    const inbound = {
      mails: latencies.length,
      failed,
      attachmentsStored: filed.rows[0]?.n ?? 0,
      seconds: round(inboundSeconds, 2),
      perHour: Math.round((latencies.length / inboundSeconds) * 3600),
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
    };

    // Outbound
    const customerIds: string[] = [];
    for (let i = 0; i < Math.min(OUTBOUND, 200); i++) {
      const c = await app.customers.createCustomer({
        customerNo: `B${String(i).padStart(6, '0')}`,
        fullName: `Khách hàng ${i}`,
        preferredLanguage: (['vi', 'zh-CN', 'en'] as const)[i % 3],
        emails: [`b${i}@example.vn`],
      });
      customerIds.push(c.id);
    }
    for (let start = 0; start < OUTBOUND; start += 100) {
      await app.db.transaction(async (tx) => {
        for (let i = start; i < Math.min(OUTBOUND, start + 100); i++) {
          await app?.notifications.queueNotification(tx, {
            customerId: customerIds[i % customerIds.length] as string,
            purpose: 'service',
            templateKey: 'case_updated',
            params: { name: `KH ${i}`, caseNo: `CS-${i}`, status: 'open' },
            idempotencyKey: `bench:${i}`,
          });
        }
      });
    }
    const outboundStart = performance.now();
    let sent = 0;
    while (sent < OUTBOUND && performance.now() - outboundStart < DEADLINE_MS) {
      const r = await app.notifications.processDue(50);
      sent += r.sent;
      if (r.attempted === 0) break;
    }
    const outboundSeconds = (performance.now() - outboundStart) / 1000;
    const ids = sink.received.map((m) => m.parsed.messageId);
    const outbound = {
      queued: OUTBOUND,
      sent,
      received: ids.length,
      distinctMessageIds: new Set(ids).size,
      seconds: round(outboundSeconds, 2),
      perSecond: round(sent / outboundSeconds, 1),
    };

    printTable('inbound SMTP, 1 MB attachment each', [
      {
        mails: inbound.mails,
        failed: inbound.failed,
        'attachments stored': inbound.attachmentsStored,
        seconds: inbound.seconds,
        'mails/hour': inbound.perHour,
        'p50 ms': inbound.p50Ms,
        'p95 ms': inbound.p95Ms,
      },
    ]);
    printTable('outbound through the SMTP relay', [
      {
        queued: outbound.queued,
        sent: outbound.sent,
        'received by relay': outbound.received,
        'distinct Message-IDs': outbound.distinctMessageIds,
        seconds: outbound.seconds,
        'emails/s': outbound.perSecond,
      },
    ]);
    await writeResults('email', { connections: CONNECTIONS, inbound, outbound });
  } finally {
    await app?.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await sink.close();
    await embedded.stop();
    await removeDataDir(dataDir);
  }
  await assertNoPostgresLeft([dataDir]);
}

await main();
