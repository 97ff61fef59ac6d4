/**
 * 10,000 concurrent customer WebSockets on one server process (issue #3), and what they cost.
 *   npm run bench:sockets
 *   npm run bench:sockets -- --sockets 1000 --hold 5          # a quick try
 *   npm run bench:sockets -- --url http://127.0.0.1:3000 --database-url postgres://…
 *
 * Each customer socket needs a visitor session and a conversation: the bench makes them through the
 * widget API (`POST /widget/sessions`, `POST /widget/conversations`; a bench website, nobody
 * available, so each chat waits as a message for later), then opens every socket
 * (`/widget/realtime`), holds them all, and checks that every one still gets a push: each customer
 * sends one message and waits for it on its own socket. Memory is read from the server's `/metrics`
 * (Node RSS and heap) before, with all sockets open, and after they closed. The load generator (this
 * process) shares the machine's cores with the server.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type WebSocket from 'ws';
import {
  type CustomerPush,
  createChatFixture,
  embeddedDatabaseUrl,
  histogram,
  mapLimit,
  openCustomerSocket,
  request,
  type ServerMemory,
  serverMemory,
  startVisitorChat,
  type VisitorChat,
  waitFor,
  widgetHeaders,
} from './fixtures.ts';
import {
  assertNoPostgresLeft,
  type BanyanProcess,
  bounded,
  check,
  makeDataDir,
  measureMemory,
  percentile,
  printChecks,
  printMachine,
  printTable,
  removeDataDir,
  round,
  startBanyan,
  writeResults,
} from './lib.ts';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    'database-url': { type: 'string' },
    sockets: { type: 'string', default: '10000' },
    hold: { type: 'string', default: '30' },
  },
});
const SOCKETS = bounded(args.sockets, 1, 50_000);
const HOLD_S = bounded(args.hold, 0, 600);
const TARGET = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Customer extends VisitorChat {
  socket?: WebSocket;
  closedEarly?: boolean;
  pushedAt?: number;
  sentAt?: number;
}

async function openFileLimit(): Promise<number> {
  const limits = await readFile('/proc/self/limits', 'utf8').catch(() => '');
  return Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1] ?? Number.NaN);
}

/** Runs `work` over 0..n-1 with `limit` at once; returns the rate and the errors (counted by message). */
async function timed(
  label: string,
  n: number,
  limit: number,
  work: (i: number) => Promise<void>,
): Promise<{ seconds: number; perS: number; errors: Map<string, number> }> {
  const errors = new Map<string, number>();
  const t0 = performance.now();
  let done = 0;
  const progress = setInterval(
    () => process.stdout.write(`    ${done.toLocaleString('en-US')}/${n}\n`),
    10_000,
  );
  try {
    await mapLimit(
      Array.from({ length: n }, (_, i) => i),
      limit,
      async (i) => {
        try {
          await work(i);
        } catch (error) {
          const key = (error instanceof Error ? error.message : String(error))
            .replace(/\d+/g, 'N')
            .slice(0, 120);
          errors.set(key, (errors.get(key) ?? 0) + 1);
        }
        done++;
      },
    );
  } finally {
    clearInterval(progress);
  }
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(
    `  ${label}: ${n.toLocaleString('en-US')} in ${round(seconds, 1)} s (${round(n / seconds, 0)}/s), ` +
      `${[...errors.values()].reduce((a, b) => a + b, 0)} errors\n`,
  );
  for (const [e, count] of errors) process.stdout.write(`    ${count} × ${e}\n`);
  return { seconds, perS: n / seconds, errors };
}

async function vmRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN) / 1024;
}

async function main(): Promise<void> {
  printMachine();
  const fileLimit = await openFileLimit();
  process.stdout.write(
    `sockets: ${SOCKETS.toLocaleString('en-US')} customer WebSockets, held ${HOLD_S} s; open files limit (ulimit -n) ${fileLimit}\n`,
  );
  if (fileLimit < SOCKETS + 1000) {
    process.stdout.write(
      `  warning: each socket is a file descriptor in this process and in the server: raise it with \`ulimit -n ${SOCKETS * 2}\`\n`,
    );
  }
  let server: BanyanProcess | null = null;
  let dataDir: string | null = null;
  let baseUrl: string;
  let databaseUrl: string;
  if (args.url) {
    baseUrl = args.url.replace(/\/$/, '');
    databaseUrl = args['database-url'] ?? process.env.DATABASE_URL ?? '';
    if (!databaseUrl) throw new Error('--url needs --database-url (or DATABASE_URL) for the fixtures');
  } else {
    dataDir = await makeDataDir();
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    server = await startBanyan({ dataDir, env: { TRUST_PROXY: 'true' }, nodeArgs });
    baseUrl = server.url;
    databaseUrl = await embeddedDatabaseUrl(dataDir);
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const customers: Customer[] = [];
  const memory: Record<string, ServerMemory & { vmRssMiB?: number }> = {};
  const snapshot = async (when: string) => {
    memory[when] = {
      ...(await serverMemory(baseUrl)),
      ...(server ? { vmRssMiB: await vmRss(server.pid) } : {}),
    };
  };
  const phases: Record<string, { seconds: number; perS: number; errors: number }> = {};
  const summarise = (r: Awaited<ReturnType<typeof timed>>) => ({
    seconds: round(r.seconds, 1),
    perS: round(r.perS, 0),
    errors: [...r.errors.values()].reduce((a, b) => a + b, 0),
  });
  let open = 0;
  let openAfterHold = 0;
  let pushed = 0;
  const pushLatencies: number[] = [];
  let withPostgres: { rssMiB: number; pssMiB: number } | null = null;
  try {
    const fixture = await createChatFixture(pool, {
      tag: `sockets${Date.now().toString(36)}`,
      agents: 0,
      chatCapacity: 1,
    });
    process.stdout.write(`\n1. ${SOCKETS.toLocaleString('en-US')} visitor sessions and chats (widget API)\n`);
    phases.chats = summarise(
      await timed('session + start chat', SOCKETS, 16, async (i) => {
        customers[i] = await startVisitorChat(baseUrl, fixture, i + 1);
      }),
    );
    await sleep(2000);
    await snapshot('before sockets');

    process.stdout.write(`\n2. ${SOCKETS.toLocaleString('en-US')} customer sockets\n`);
    const onPush = (customer: Customer) => (push: CustomerPush, at: number) => {
      if (push.type === 'message' && push.message?.clientId === `s-${customer.n}` && !customer.pushedAt) {
        customer.pushedAt = at;
      }
    };
    phases.connect = summarise(
      await timed('connect until ready', SOCKETS, 64, async (i) => {
        const customer = customers[i];
        if (!customer) throw new Error('no chat');
        customer.socket = await openCustomerSocket(
          baseUrl,
          customer,
          fixture.origin,
          onPush(customer),
          60_000,
        );
        customer.socket.on('close', () => {
          customer.closedEarly = true;
        });
      }),
    );
    open = customers.filter((c) => c.socket && !c.closedEarly).length;
    await sleep(2000);
    await snapshot('sockets open');
    process.stdout.write(`  holding ${open.toLocaleString('en-US')} open sockets for ${HOLD_S} s…\n`);
    await sleep(HOLD_S * 1000);
    openAfterHold = customers.filter((c) => c.socket && !c.closedEarly).length;
    await snapshot(`after ${HOLD_S} s`);

    process.stdout.write('\n3. a push to every socket: each customer sends a message and waits for it\n');
    phases.push = summarise(
      await timed('POST /widget/conversations/:id/messages', SOCKETS, 32, async (i) => {
        const customer = customers[i];
        if (!customer?.socket) throw new Error('no socket');
        customer.sentAt = performance.now();
        const answer = await request(
          baseUrl,
          'POST',
          `/api/v1/widget/conversations/${customer.conversationId}/messages`,
          {
            headers: widgetHeaders(fixture.origin, customer.address, customer.visitorToken),
            body: { clientId: `s-${customer.n}`, body: `Are you there? (${customer.n})` },
          },
        );
        if (answer.status !== 201) throw new Error(`HTTP ${answer.status}`);
      }),
    );
    await waitFor(
      'every push',
      () => customers.every((c) => !c.socket || c.closedEarly || c.pushedAt),
      15_000,
      250,
    ).catch(() => undefined);
    for (const c of customers) {
      if (c.pushedAt && c.sentAt) {
        pushed++;
        pushLatencies.push(c.pushedAt - c.sentAt);
      }
    }
    await snapshot('after pushes');
    if (server) {
      const m = await measureMemory(server);
      withPostgres = { rssMiB: m.rssMiB, pssMiB: m.pssMiB };
    }
    for (const c of customers) c.socket?.close();
    await sleep(3000);
    await snapshot('sockets closed');
  } finally {
    for (const c of customers) c?.socket?.terminate();
    await pool.end().catch(() => undefined);
    if (server) await server.stop();
    if (dataDir) await removeDataDir(dataDir);
  }
  if (dataDir) await assertNoPostgresLeft([dataDir]);

  printTable(
    'Server memory (Node process: /metrics; VmRSS from /proc when the bench started it)',
    Object.entries(memory).map(([when, m]) => ({
      when,
      'RSS MiB': round(m.rssMiB, 0),
      ...(m.vmRssMiB === undefined ? {} : { 'VmRSS MiB': round(m.vmRssMiB, 0) }),
      'heap used MiB': round(m.heapUsedMiB, 0),
      'heap total MiB': round(m.heapTotalMiB, 0),
      'external MiB': round(m.externalMiB, 0),
    })),
  );
  const before = memory['before sockets'] as ServerMemory;
  const held = memory[`after ${HOLD_S} s`] as ServerMemory;
  const perSocketKiB = ((held.rssMiB - before.rssMiB) * 1024) / Math.max(1, open);
  const heapPerSocketKiB = ((held.heapUsedMiB - before.heapUsedMiB) * 1024) / Math.max(1, open);
  process.stdout.write(
    `\n  per socket: ${round(perSocketKiB, 1)} KiB of RSS, ${round(heapPerSocketKiB, 1)} KiB of heap ` +
      `(growth from 'before sockets' to 'after ${HOLD_S} s' ÷ ${open.toLocaleString('en-US')})\n`,
  );
  if (withPostgres) {
    process.stdout.write(
      `  with its PostgreSQL, all sockets open: RSS sum ${round(withPostgres.rssMiB, 0)} MiB, PSS ${round(withPostgres.pssMiB, 0)} MiB\n`,
    );
  }
  process.stdout.write(
    `  sockets: ${open.toLocaleString('en-US')} open, ${openAfterHold.toLocaleString('en-US')} still open after ${HOLD_S} s; ` +
      `pushes received: ${pushed.toLocaleString('en-US')} (p50 ${round(percentile(pushLatencies, 50), 1)} ms, ` +
      `p99 ${round(percentile(pushLatencies, 99), 1)} ms from POST to the socket)\n`,
  );
  process.stdout.write(`${histogram(pushLatencies).join('\n')}\n`);

  const checks = [
    check('concurrent customer sockets on one process', openAfterHold, 'min', Math.min(TARGET, SOCKETS), ''),
    check('sockets that got their push', pushed, 'min', Math.min(TARGET, SOCKETS), ''),
    check(
      'errors (chats, connects, messages)',
      Object.values(phases).reduce((t, p) => t + p.errors, 0),
      'max',
      0,
      '',
    ),
  ];
  printChecks(checks);
  await writeResults('sockets', {
    sockets: SOCKETS,
    holdS: HOLD_S,
    openFileLimit: fileLimit,
    phases,
    open,
    openAfterHold,
    pushed,
    pushP50Ms: round(percentile(pushLatencies, 50), 1),
    pushP99Ms: round(percentile(pushLatencies, 99), 1),
    perSocketKiB: round(perSocketKiB, 1),
    heapPerSocketKiB: round(heapPerSocketKiB, 1),
    memory,
    ...(withPostgres ? { withPostgres } : {}),
    checks,
  });
}

main().catch((error) => {
  process.stderr.write(`bench:sockets failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exit(1);
});
