/**
 * SMS channel (issue #8) against the in-process SMSC simulator (the `smpp` package's server side)
 * with delivery receipts:
 *   npm run bench:sms -- --messages 6000 --rate 200 --window 10 --pipeline 2000
 * 1. SMPP: `--messages` submit_sm offered at `--rate` per second through a window of `--window`
 *    (the SMPP client alone): throughput, p50/p99 submit→submit_sm_resp, receipts matched to the
 *    message ids the SMSC returned (target 100 %).
 * 2. Pipeline: `--pipeline` notifications queued, sent by the worker (claims of 50) through the SMS
 *    channel — each part persisted before submit — and receipts correlated back to the
 *    notifications (`delivered`) in a fresh embedded PostgreSQL: SMS/s and receipts matched.
 * Machine load: load average and this process's CPU. Every loop and wait is bounded.
 */
import os from 'node:os';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { createSmscSimulator } from '../apps/server/src/modules/channels/sms/sms.simulator.ts';
import { createSmppClient, SMPP_DEFAULTS } from '../apps/server/src/modules/channels/sms/sms.smpp.ts';
import { createPool } from '../apps/server/src/platform/db.ts';
import { startEmbeddedPostgres } from '../apps/server/src/platform/embedded-pg.ts';
import { createLogger } from '../apps/server/src/platform/logger.ts';
import { migrateAll } from '../apps/server/src/runtime.ts';
import {
  bounded,
  check,
  makeDataDir,
  percentile,
  printChecks,
  printMachine,
  printTable,
  removeDataDir,
  round,
  writeResults,
} from './lib.ts';

const { values: args } = parseArgs({
  options: {
    messages: { type: 'string', default: '6000' },
    rate: { type: 'string', default: '200' },
    window: { type: 'string', default: '10' },
    pipeline: { type: 'string', default: '2000' },
  },
});
const MESSAGES = bounded(args.messages, 1, 200_000);
const RATE = bounded(args.rate, 1, 10_000);
const WINDOW = bounded(args.window, 1, 500);
const PIPELINE = bounded(args.pipeline, 0, 50_000);
const DEADLINE_MS = 300_000;

const quiet = createLogger({ level: 'warn', destination: new Writable({ write: (_c, _e, done) => done() }) });

function load() {
  const cpu = process.cpuUsage();
  const at = performance.now();
  return () => {
    const used = process.cpuUsage(cpu);
    const wall = (performance.now() - at) / 1000;
    return {
      loadAverage1m: round(os.loadavg()[0] ?? 0, 2),
      processCpuPercent: round(((used.user + used.system) / 1e6 / wall) * 100, 1),
    };
  };
}

async function smppOnly(rate: number) {
  const smsc = createSmscSimulator({ receiptDelayMs: 5 });
  const port = await smsc.start();
  const receipts = new Set<string>();
  const client = createSmppClient({
    options: { ...SMPP_DEFAULTS, host: '127.0.0.1', port, systemId: 'bench', password: '', window: WINDOW },
    log: quiet,
    onDeliver: async (pdu) => {
      const id = pdu.receipted_message_id;
      if (typeof id === 'string') receipts.add(id);
    },
  });
  client.start();
  await client.waitBound(10_000);
  const measure = load();
  const latencies: number[] = [];
  const accepted = new Set<string>();
  let failed = 0;
  const start = performance.now();
  const submits: Promise<void>[] = [];
  // Offered at a steady rate (an open loop): message i leaves at start + i / RATE.
  for (let i = 0; i < MESSAGES && performance.now() - start < DEADLINE_MS; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    let sentAt = 0;
    submits.push(
      client
        .submit(
          {
            source_addr: 'BanyanBank',
            source_addr_ton: 5,
            destination_addr: `849${String(10_000_000 + i)}`,
            dest_addr_ton: 1,
            dest_addr_npi: 1,
            data_coding: 0,
            registered_delivery: 1,
            short_message: Buffer.from(`Banyan Bank: your request CS-${i} is now resolved.`),
          },
          () => {
            sentAt = performance.now();
          },
        )
        .then(
          (id) => {
            latencies.push(performance.now() - sentAt);
            accepted.add(id);
          },
          () => {
            failed++;
          },
        ),
    );
  }
  await Promise.all(submits);
  const seconds = (performance.now() - start) / 1000;
  const deadline = performance.now() + 30_000;
  while ([...accepted].some((id) => !receipts.has(id)) && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  const matched = [...accepted].filter((id) => receipts.has(id)).length;
  const machineLoad = measure();
  await client.stop();
  await smsc.stop();
  return {
    offered: MESSAGES,
    accepted: accepted.size,
    failed,
    seconds: round(seconds, 2),
    perSecond: round(accepted.size / seconds, 1),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    receiptsMatchedPercent: accepted.size ? round((matched / accepted.size) * 100, 2) : 0,
    ...machineLoad,
  };
}

async function pipeline() {
  const smsc = createSmscSimulator({ receiptDelayMs: 5 });
  const smscPort = await smsc.start();
  const dataDir = await makeDataDir();
  const embedded = await startEmbeddedPostgres({ dataDir, log: quiet, database: 'bench' });
  const pool = createPool(embedded.url, 20);
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  try {
    await migrateAll(pool, quiet);
    const config = loadConfig(
      {},
      {
        databaseUrl: embedded.url,
        demoMode: false,
        runWorkers: false,
        smtpInboundPort: null,
        smppUrl: `smpp://127.0.0.1:${smscPort}`,
        smppWindow: WINDOW,
        webDistDir: '/nonexistent',
      },
    );
    app = await buildApp({ config, pool, log: quiet });
    await app.startSms();
    const customerIds: string[] = [];
    for (let i = 0; i < Math.min(PIPELINE, 200); i++) {
      const c = await app.customers.createCustomer({
        customerNo: `B${String(i).padStart(6, '0')}`,
        fullName: `Khách hàng ${i}`,
        preferredLanguage: 'en',
        phones: [`+8491${String(1_000_000 + i)}`],
      });
      customerIds.push(c.id);
    }
    for (let s = 0; s < PIPELINE; s += 100) {
      await app.db.transaction(async (tx) => {
        for (let i = s; i < Math.min(PIPELINE, s + 100); i++) {
          await app?.notifications.queueNotification(tx, {
            customerId: customerIds[i % customerIds.length] as string,
            purpose: 'transactional',
            templateKey: 'case_updated',
            params: { name: `KH ${i}`, caseNo: `CS-${i}`, status: 'resolved' },
            idempotencyKey: `bench:${i}`,
            preferredChannel: 'sms',
          });
        }
      });
    }
    const measure = load();
    const start = performance.now();
    let sent = 0;
    while (sent < PIPELINE && performance.now() - start < DEADLINE_MS) {
      const r = await app.notifications.processDue(50);
      sent += r.sent;
      if (r.attempted === 0) break;
    }
    const seconds = (performance.now() - start) / 1000;
    const deadline = performance.now() + 60_000;
    let delivered = 0;
    while (performance.now() < deadline) {
      const r = await pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM notifications WHERE status = 'delivered'",
      );
      delivered = r.rows[0]?.n ?? 0;
      if (delivered >= sent) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const settledSeconds = (performance.now() - start) / 1000;
    const submits = smsc.submits.length;
    return {
      queued: PIPELINE,
      sent,
      submits,
      seconds: round(seconds, 2),
      perSecond: round(sent / seconds, 1),
      delivered,
      receiptsMatchedPercent: sent ? round((delivered / sent) * 100, 2) : 0,
      allDeliveredAfterSeconds: round(settledSeconds, 2),
      ...measure(),
    };
  } finally {
    await app?.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
    await embedded.stop();
    await removeDataDir(dataDir);
    await smsc.stop();
  }
}

async function main() {
  printMachine();
  process.stdout.write(
    `load average before: ${os
      .loadavg()
      .map((l) => round(l, 2))
      .join(' ')}\n`,
  );
  const smpp = await smppOnly(RATE);
  // The same messages offered as fast as the window allows: the client's capacity with window 10.
  const capacity = await smppOnly(1_000_000);
  printTable(`SMPP client → SMSC simulator (window ${WINDOW}, offered ${RATE}/s)`, [
    {
      offered: smpp.offered,
      accepted: smpp.accepted,
      failed: smpp.failed,
      seconds: smpp.seconds,
      'submit_sm/s': smpp.perSecond,
      'p50 ms': smpp.p50Ms,
      'p99 ms': smpp.p99Ms,
      'receipts matched %': smpp.receiptsMatchedPercent,
      'load 1m': smpp.loadAverage1m,
      'process CPU %': smpp.processCpuPercent,
    },
  ]);
  printTable(`SMPP capacity: the same messages offered at once (window ${WINDOW})`, [
    {
      accepted: capacity.accepted,
      seconds: capacity.seconds,
      'submit_sm/s': capacity.perSecond,
      'p50 ms': capacity.p50Ms,
      'p99 ms': capacity.p99Ms,
      'receipts matched %': capacity.receiptsMatchedPercent,
      'load 1m': capacity.loadAverage1m,
      'process CPU %': capacity.processCpuPercent,
    },
  ]);
  const full = PIPELINE > 0 ? await pipeline() : null;
  if (full)
    printTable('notifications pipeline → SMS channel → SMPP, receipts back to notifications', [
      {
        queued: full.queued,
        sent: full.sent,
        submit_sm: full.submits,
        seconds: full.seconds,
        'SMS/s': full.perSecond,
        delivered: full.delivered,
        'receipts matched %': full.receiptsMatchedPercent,
        'load 1m': full.loadAverage1m,
        'process CPU %': full.processCpuPercent,
      },
    ]);
  const checks = [
    // Kept up with the offered rate: everything accepted, the last response within 1 s of the last offer.
    check(
      `offered ${RATE} submit_sm/s, backlog at the end`,
      smpp.accepted < smpp.offered
        ? Number.POSITIVE_INFINITY
        : round(smpp.seconds - (smpp.offered - 1) / RATE, 2),
      'max',
      1,
      's',
    ),
    check(`submit_sm per second, window ${WINDOW} (capacity)`, capacity.perSecond, 'min', 200, '/s'),
    check('SMPP receipts matched', smpp.receiptsMatchedPercent, 'min', 100, '%'),
  ];
  if (full) {
    checks.push(check('pipeline SMS per second', full.perSecond, 'min', 200, '/s'));
    checks.push(check('pipeline receipts matched', full.receiptsMatchedPercent, 'min', 100, '%'));
  }
  printChecks(checks);
  await writeResults('sms', {
    messages: MESSAGES,
    rate: RATE,
    window: WINDOW,
    smpp,
    capacity,
    pipeline: full,
  });
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
