import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Session } from 'smpp';
import { ESM_RECEIPT, ESM_UDHI, encodeSms } from './sms.codec.ts';

/** One short message as the simulated network received it. */
export interface SimulatedSubmit {
  messageId: string;
  source: string;
  destination: string;
  dataCoding: number;
  esmClass: number;
  userRef: number | null;
  /** The decoded text of this part (UDH removed). */
  text: string;
  concat: { ref: number; total: number; seq: number } | null;
  at: number;
}

export interface SmscSimulatorOptions {
  host?: string;
  /** 0: a free port. */
  port?: number;
  systemId?: string;
  password?: string;
  /** Delay before the delivery receipt (deliver_sm with esm_class receipt). */
  receiptDelayMs?: number;
  /** Destinations (E.164 without +, as submitted) that get an UNDELIV receipt. */
  undeliverable?: string[];
}

/**
 * A small SMSC built from the `smpp` package's server side: binds (transceiver, with credentials),
 * answers enquire_link, accepts submit_sm and sends delivery receipts, sends customers' texts as
 * deliver_sm, and can throttle (ESME_RTHROTTLED), hold responses, drop connections or restart.
 * Used by the tests, the bench and the embedded demo (no SMSC configured). What it has "delivered
 * to handsets" survives a restart, like a real network: a resubmitted part (same destination, same
 * user_message_reference and concatenation header) is acknowledged with its first message id and not
 * delivered again — the SMSC-side de-duplication Banyan's retry relies on.
 */
export function createSmscSimulator(options: SmscSimulatorOptions = {}) {
  const host = options.host ?? '127.0.0.1';
  let port = options.port ?? 0;
  const receiptDelayMs = options.receiptDelayMs ?? 20;
  const prefix = randomBytes(3).toString('hex');
  let counter = 0;
  let server: ReturnType<typeof smpp.createServer> | null = null;
  const sessions = new Set<Session>();
  const bound = new Set<Session>();
  /** Every submit_sm received (resubmissions included), in order. */
  const submits: SimulatedSubmit[] = [];
  /** What reached handsets: one entry per distinct part. */
  const delivered = new Map<string, SimulatedSubmit>();
  const pendingReceipts: Record<string, unknown>[] = [];
  const undeliverable = new Set(options.undeliverable ?? []);
  let throttleNext = 0;
  let holdResponses = false;
  const held: { session: Session; pdu: PDU; messageId: string }[] = [];
  let bindCount = 0;

  const dedupeKey = (s: Omit<SimulatedSubmit, 'messageId' | 'at'>) =>
    [s.source, s.destination, s.userRef ?? `t:${s.text}`, s.concat?.ref ?? '-', s.concat?.seq ?? '-'].join(
      '|',
    );

  function stamp(at: Date): string {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${p(at.getUTCFullYear() % 100)}${p(at.getUTCMonth() + 1)}${p(at.getUTCDate())}${p(at.getUTCHours())}${p(at.getUTCMinutes())}`;
  }

  function sendToBound(params: Record<string, unknown>): boolean {
    const session = [...bound][0];
    if (!session) return false;
    return session.deliver_sm(params, () => undefined);
  }

  function flushReceipts(): void {
    while (pendingReceipts.length > 0 && bound.size > 0) {
      const params = pendingReceipts.shift() as Record<string, unknown>;
      if (!sendToBound(params)) {
        pendingReceipts.unshift(params);
        return;
      }
    }
  }

  function scheduleReceipt(submit: SimulatedSubmit): void {
    const failed = undeliverable.has(submit.destination);
    const now = new Date();
    const stat = failed ? 'UNDELIV' : 'DELIVRD';
    const params = {
      source_addr: submit.destination,
      destination_addr: submit.source,
      esm_class: ESM_RECEIPT,
      short_message: `id:${submit.messageId} sub:001 dlvrd:${failed ? '000' : '001'} submit date:${stamp(now)} done date:${stamp(now)} stat:${stat} err:${failed ? '001' : '000'} text:`,
      receipted_message_id: submit.messageId,
      message_state: failed ? 5 : 2,
    };
    setTimeout(() => {
      pendingReceipts.push(params);
      flushReceipts();
    }, receiptDelayMs).unref();
  }

  function onSession(session: Session): void {
    sessions.add(session);
    session.socket.on('close', () => {
      sessions.delete(session);
      bound.delete(session);
      // Responses held for a closed connection can never be sent.
      for (let i = held.length - 1; i >= 0; i--) if (held[i]?.session === session) held.splice(i, 1);
    });
    session.on('error', () => undefined);
    const bind = (pdu: PDU) => {
      const ok =
        (!options.systemId || pdu.system_id === options.systemId) &&
        (!options.password || pdu.password === options.password);
      if (!ok) {
        session.send(pdu.response({ command_status: 0x0e })); // ESME_RINVPASWD
        return;
      }
      session.send(pdu.response({ system_id: 'BANYANSIM' }));
      if (pdu.command === 'bind_transceiver' || pdu.command === 'bind_receiver') bound.add(session);
      bindCount++;
      flushReceipts();
    };
    session.on('bind_transceiver', bind);
    session.on('bind_transmitter', bind);
    session.on('bind_receiver', bind);
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: PDU) => {
      if (throttleNext > 0) {
        throttleNext--;
        session.send(pdu.response({ command_status: 0x58 })); // ESME_RTHROTTLED
        return;
      }
      const sm = pdu.short_message as { message?: unknown; udh?: Buffer[] } | string;
      const text = typeof sm === 'string' ? sm : String(sm?.message ?? '');
      const concatIe = typeof sm === 'object' ? sm.udh?.find((ie) => ie[0] === 0x00) : undefined;
      const base = {
        source: String(pdu.source_addr),
        destination: String(pdu.destination_addr),
        dataCoding: Number(pdu.data_coding),
        esmClass: Number(pdu.esm_class),
        userRef: typeof pdu.user_message_reference === 'number' ? pdu.user_message_reference : null,
        text,
        concat: concatIe
          ? { ref: concatIe[2] as number, total: concatIe[3] as number, seq: concatIe[4] as number }
          : null,
      };
      const key = dedupeKey(base);
      const seen = delivered.get(key);
      const messageId = seen?.messageId ?? `${prefix}${(++counter).toString(16).padStart(8, '0')}`;
      const submit: SimulatedSubmit = { ...base, messageId, at: Date.now() };
      submits.push(submit);
      if (!seen) {
        delivered.set(key, submit);
        scheduleReceipt(submit);
      }
      if (holdResponses) held.push({ session, pdu, messageId });
      else session.send(pdu.response({ message_id: messageId }));
    });
  }

  async function listen(): Promise<number> {
    server = smpp.createServer({}, onSession);
    await new Promise<void>((resolve, reject) => {
      server?.once('error', reject);
      server?.listen(port, host, () => resolve());
    });
    port = (server.address() as AddressInfo).port;
    return port;
  }

  async function close(): Promise<void> {
    const s = server;
    server = null;
    for (const session of sessions) session.destroy();
    sessions.clear();
    bound.clear();
    held.length = 0;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  return {
    start: listen,
    stop: close,
    /** Stops and listens again on the same port: sessions and held responses are lost, the network's memory is not. */
    async restart(): Promise<void> {
      await close();
      await listen();
    },
    get port() {
      return port;
    },
    get host() {
      return host;
    },
    /** Closes every connection without an unbind (a network failure). */
    dropConnections(): void {
      for (const session of sessions) session.destroy();
    },
    /** The next `n` submit_sm are refused with ESME_RTHROTTLED. */
    throttle(n: number): void {
      throttleNext = n;
    },
    /** Accept submit_sm but do not answer until `releaseResponses` (an SMSC about to crash). */
    holdResponses(on: boolean): void {
      holdResponses = on;
    },
    /** Answers the first `n` held submits (all when omitted). */
    releaseResponses(n?: number): void {
      for (const h of held.splice(0, n ?? held.length))
        h.session.send(h.pdu.response({ message_id: h.messageId }));
    },
    heldCount: () => held.length,
    /** Receipts for this destination (as submitted, no +) say UNDELIV. */
    markUndeliverable(destination: string): void {
      undeliverable.add(destination);
    },
    /** A customer's text to the bank (split and UCS-2 encoded as a handset would). */
    async sendMo(input: { from: string; to: string; text: string }): Promise<number> {
      const encoded = encodeSms(input.text, { concatRef: counter & 0xff });
      const statuses: number[] = [];
      for (const part of encoded.parts) {
        const status = await new Promise<number>((resolve, reject) => {
          const session = [...bound][0];
          if (!session) {
            reject(new Error('no ESME bound'));
            return;
          }
          session.deliver_sm(
            {
              source_addr: input.from.replace(/^\+/, ''),
              source_addr_ton: 1,
              source_addr_npi: 1,
              destination_addr: input.to.replace(/^\+/, ''),
              esm_class: encoded.parts.length > 1 ? ESM_UDHI : 0,
              data_coding: encoded.dataCoding,
              short_message: part,
            },
            (resp: { command_status: number }) => resolve(resp.command_status),
          );
        });
        statuses.push(status);
      }
      return statuses.find((s) => s !== 0) ?? 0;
    },
    submits,
    delivered: () => [...delivered.values()],
    isBound: () => bound.size > 0,
    bindCount: () => bindCount,
    pendingReceipts: () => pendingReceipts.length,
  };
}

export type SmscSimulator = ReturnType<typeof createSmscSimulator>;
