import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Session } from 'smpp';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../platform/logger.ts';
import { createSmppClient, SMPP_DEFAULTS, type SmppClient } from './sms.smpp.ts';

/**
 * The keep-alive against an SMSC built from the `smpp` package's server side that binds and then
 * stops answering without closing the connection (a hung SMSC, a half-open TCP link).
 */
type Server = ReturnType<typeof smpp.createServer>;
let server: Server | null = null;
let client: SmppClient | null = null;
afterEach(async () => {
  await client?.stop();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = client = null;
});

const quiet = { info() {}, warn() {}, error() {}, debug() {} } as unknown as Logger;

async function smsc(answer: { bind: boolean; enquireLink: boolean }) {
  const binds: number[] = [];
  server = smpp.createServer({}, (session: Session) => {
    session.on('error', () => undefined);
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('bind_transceiver', (pdu: PDU) => {
      binds.push(Date.now());
      if (answer.bind) session.send(pdu.response());
    });
    session.on('enquire_link', (pdu: PDU) => {
      if (answer.enquireLink) session.send(pdu.response());
    });
  });
  await new Promise<void>((r) => (server as Server).listen(0, '127.0.0.1', r));
  return { port: ((server as Server).address() as AddressInfo).port, binds };
}

function connect(port: number) {
  client = createSmppClient({
    options: {
      ...SMPP_DEFAULTS,
      host: '127.0.0.1',
      port,
      systemId: 'banyan',
      password: 'x',
      enquireLinkMs: 50,
      responseTimeoutMs: 150,
      reconnectMinMs: 20,
      reconnectMaxMs: 40,
    },
    log: quiet,
    onDeliver: async () => undefined,
  });
  client.start();
  return client;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SMPP keep-alive', () => {
  it('stays on one bind while the SMSC answers enquire_link', async () => {
    const { port, binds } = await smsc({ bind: true, enquireLink: true });
    const c = connect(port);
    await c.waitBound(2000);
    await wait(600);
    expect(c.isBound()).toBe(true);
    expect(binds).toHaveLength(1);
    expect(c.stats.reconnects).toBe(0);
  });

  it('drops a link whose enquire_link goes unanswered and binds again', async () => {
    const { port, binds } = await smsc({ bind: true, enquireLink: false });
    const c = connect(port);
    await c.waitBound(2000);
    const deadline = Date.now() + 3000;
    while (binds.length < 2 && Date.now() < deadline) await wait(20);
    expect(binds.length).toBeGreaterThanOrEqual(2);
    expect(c.stats.reconnects).toBeGreaterThanOrEqual(1);
  });

  it('gives up on a bind that is never answered and tries again', async () => {
    const { port, binds } = await smsc({ bind: false, enquireLink: true });
    const c = connect(port);
    const deadline = Date.now() + 3000;
    while (binds.length < 2 && Date.now() < deadline) await wait(20);
    expect(binds.length).toBeGreaterThanOrEqual(2);
    expect(c.isBound()).toBe(false);
  });
});
