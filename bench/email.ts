/**
 * Email channel and outbound pipeline (issue #8), in this process on a fresh embedded PostgreSQL:
 *   npm run bench:email -- --inbound 200 --outbound 1000 --connections 4
 * Inbound: mails with a 1 MB PDF attachment delivered over SMTP (nodemailer, `--connections`
 * parallel sessions) to the built-in server, each parsed, deduplicated, filed as an email
 * conversation and routed; reported as mails per hour. Outbound: notifications queued in
 * transactions of 100 and sent by the pipeline worker (claims of 50, SKIP LOCKED) through an SMTP
 * relay (a Node smtp-server sink in this process); reported as emails per second, with every
 * Message-ID received exactly once. Every loop and wait is bounded.
 *
 * "Without blocking other mailboxes": while the bulk runs, a probe sends a small mail to a second
 * address (complaints@, another queue) every 500 ms on its own connection; its latency and the
 * event loop's delay are reported. Before the run, one 1 MB mail's cost is broken down (parse,
 * SPF/DKIM/DMARC, whole filing) so the expensive step is visible. Figures are printed against the
 * targets, with the machine's load average before and after.
 */
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { checkMailAuth } from '../apps/server/src/modules/channels/email/email.auth.ts';
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
    // Worker threads parsing mail; 0 parses on the main thread (to compare). Default: CPUs − 1.
    'parse-workers': { type: 'string' },
  },
});
const INBOUND = bounded(args.inbound, 1, 5000);
const OUTBOUND = bounded(args.outbound, 1, 20000);
const CONNECTIONS = bounded(args.connections, 1, 16);
const PARSE_WORKERS = args['parse-workers'] === undefined ? null : bounded(args['parse-workers'], 0, 16);
const DEADLINE_MS = 240_000;

// A 1 MB PDF (sniffed as application/pdf by the attachments service).
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1024 * 1024 - 9, 0x20)]);

const TARGET_PER_HOUR = 10_000;
const TARGET_PER_SECOND = 50;
const load = () =>
  loadavg()
    .map((l) => round(l, 2))
    .join(' / ');

async function main() {
  printMachine();
  const loadBefore = load();
  process.stdout.write(`load average (1/5/15 min) before: ${loadBefore}\n`);
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
        emailParseWorkers: PARSE_WORKERS,
      },
    );
    const running = await buildApp({ config, pool, log: quiet });
    app = running;
    const port = await app.inboundSmtp.start();
    const queueId = await app.routing.createQueue(null, {
      code: 'email',
      name: 'Email',
      channels: ['email'],
    });
    await app.emailChannel.addAddress({ address: 'support@bank.example', queueId, displayName: 'Support' });
    const complaintsQueue = await app.routing.createQueue(null, {
      code: 'email_complaints',
      name: 'Complaints',
      channels: ['email'],
    });
    await app.emailChannel.addAddress({
      address: 'complaints@bank.example',
      queueId: complaintsQueue,
      displayName: 'Complaints',
    });

    // Where one 1 MB mail's time goes (5 rounds each, in this process, before the run).
    const sample = await new Promise<Buffer>((resolve, reject) =>
      nodemailer.createTransport({ streamTransport: true, buffer: true }).sendMail(
        {
          from: 'probe@example.vn',
          to: 'support@bank.example',
          subject: 'Sao kê',
          text: 'Gửi sao kê.',
          attachments: [{ filename: 'statement.pdf', content: PDF }],
        },
        (error, info) => (error ? reject(error) : resolve(info.message as Buffer)),
      ),
    );
    const timeIt = async (rounds: number, f: (i: number) => Promise<unknown>) => {
      const t0 = performance.now();
      for (let i = 0; i < rounds; i++) await f(i);
      return round((performance.now() - t0) / rounds, 1);
    };
    const breakdown = {
      rawBytes: sample.length,
      parseMs: await timeIt(5, () => simpleParser(sample, { skipHtmlToText: false })),
      mailAuthMs: await timeIt(5, () =>
        checkMailAuth(
          sample,
          { ip: '127.0.0.1', helo: 'bench', sender: 'probe@example.vn' },
          { timeoutMs: 3000 },
        ),
      ),
      ingestMs: await timeIt(5, (i) =>
        running.emailChannel.ingest({
          raw: Buffer.concat([Buffer.from(`Message-ID: <breakdown-${i}@example.vn>\r\n`), sample]),
          envelopeTo: ['support@bank.example'],
        }),
      ),
    };

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
    // The other mailbox: one small mail every 500 ms on its own connection while the bulk runs.
    const probeTransport = nodemailer.createTransport({ host: '127.0.0.1', port, ignoreTLS: true });
    const probeLatencies: number[] = [];
    let probing = true;
    const probe = (async () => {
      for (let i = 0; probing && i < 10_000; i++) {
        const t0 = performance.now();
        await probeTransport
          .sendMail({
            from: `probe${i}@example.vn`,
            to: 'complaints@bank.example',
            subject: `Khiếu nại ${i}`,
            text: 'Thẻ bị trừ tiền hai lần.',
            messageId: `<probe-${i}@example.vn>`,
          })
          .then(() => probeLatencies.push(performance.now() - t0))
          .catch(() => undefined);
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
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
    loopDelay.disable();
    probing = false;
    await probe;
    probeTransport.close();
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
      probe: {
        mails: probeLatencies.length,
        p50Ms: round(percentile(probeLatencies, 50)),
        p95Ms: round(percentile(probeLatencies, 95)),
        maxMs: round(Math.max(0, ...probeLatencies)),
      },
      eventLoopDelay: {
        p99Ms: round(loopDelay.percentile(99) / 1e6),
        maxMs: round(loopDelay.max / 1e6),
      },
      breakdown,
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
    printTable('one 1 MB mail, where the time goes (mean of 5, ms)', [
      {
        'raw bytes': breakdown.rawBytes,
        'parse (mailparser)': breakdown.parseMs,
        'SPF/DKIM/DMARC (mailauth)': breakdown.mailAuthMs,
        'whole filing (ingest)': breakdown.ingestMs,
      },
    ]);
    printTable('the other mailbox (complaints@, one small mail per 500 ms) during the bulk', [
      {
        mails: inbound.probe.mails,
        'p50 ms': inbound.probe.p50Ms,
        'p95 ms': inbound.probe.p95Ms,
        'max ms': inbound.probe.maxMs,
        'event loop delay p99 ms': inbound.eventLoopDelay.p99Ms,
        'event loop delay max ms': inbound.eventLoopDelay.maxMs,
      },
    ]);
    const loadAfter = load();
    printTable('against the targets', [
      {
        target: `ingest ${TARGET_PER_HOUR.toLocaleString('en')} mails/hour, 1 MB attachments`,
        measured: `${inbound.perHour.toLocaleString('en')} mails/hour (${inbound.mails} mails, ${CONNECTIONS} connections)`,
        verdict: inbound.perHour >= TARGET_PER_HOUR && inbound.failed === 0 ? 'PASS' : 'MISS',
      },
      {
        target: `${TARGET_PER_SECOND} outbound emails/s through the relay`,
        measured: `${outbound.perSecond} emails/s (${outbound.sent} sent, ${outbound.distinctMessageIds} distinct Message-IDs)`,
        verdict:
          outbound.perSecond >= TARGET_PER_SECOND && outbound.distinctMessageIds === outbound.sent
            ? 'PASS'
            : 'MISS',
      },
    ]);
    process.stdout.write(`load average (1/5/15 min) before: ${loadBefore}, after: ${loadAfter}\n`);
    process.stdout.write(`parse workers: ${PARSE_WORKERS ?? 'auto (CPUs − 1, at most 4)'}\n`);
    await writeResults('email', {
      connections: CONNECTIONS,
      parseWorkers: PARSE_WORKERS ?? 'auto',
      load: { before: loadBefore, after: loadAfter },
      inbound,
      outbound,
    });
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
