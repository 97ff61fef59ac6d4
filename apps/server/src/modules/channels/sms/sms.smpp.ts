import smpp from 'smpp';
import type { Logger } from '../../../platform/logger.ts';

/** A PDU as the `smpp` package hands it over (fields by their SMPP 3.4 names). */
export type Pdu = Record<string, unknown> & {
  command: string;
  command_status: number;
  sequence_number: number;
  response(options?: Record<string, unknown>): unknown;
};

export interface SmppOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType?: string;
  /** In-flight submit_sm without a response (the window). */
  window: number;
  enquireLinkMs: number;
  /** Reconnect backoff: doubles from min to max (±20 % jitter). */
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** First pause after ESME_RTHROTTLED; doubles while the SMSC keeps throttling. */
  throttleMinMs: number;
  /** A submit_sm with no response after this is treated as lost (in doubt). */
  responseTimeoutMs: number;
}

export const SMPP_DEFAULTS = {
  window: 10,
  enquireLinkMs: 30_000,
  reconnectMinMs: 500,
  reconnectMaxMs: 30_000,
  throttleMinMs: 200,
  responseTimeoutMs: 30_000,
} as const;

/** A submit that may or may not have reached the SMSC (connection lost before its response). */
export class SmppInDoubtError extends Error {
  readonly code = 'SMPP_IN_DOUBT';
}
/** The SMSC refused the submit (command_status other than throttling). */
export class SmppRejectedError extends Error {
  readonly code: string;
  constructor(readonly status: number) {
    super(`submit_sm refused with status 0x${status.toString(16)}`);
    this.code = `SMPP_${status.toString(16).padStart(4, '0')}`;
  }
}

const THROTTLED = 0x58;
const MSGQFUL = 0x14;

interface Waiting {
  params: Record<string, unknown>;
  resolve(messageId: string): void;
  reject(error: Error): void;
  onSent?: () => void;
}

/**
 * An SMPP 3.4 ESME bound as transceiver: keeps the bind up (enquire_link, reconnect with exponential
 * backoff), sends submit_sm through a window of at most `window` in flight, pauses and resends on
 * ESME_RTHROTTLED / ESME_RMSGQFUL, and hands every deliver_sm (receipts and customers' texts) to
 * `onDeliver`, answering deliver_sm_resp only once it resolved (a crash before that makes the SMSC
 * deliver it again).
 */
export function createSmppClient(deps: {
  options: SmppOptions;
  log: Logger;
  onDeliver: (pdu: Pdu) => Promise<void>;
}) {
  const { options, log, onDeliver } = deps;
  let session: ReturnType<typeof smpp.connect> | null = null;
  let bound = false;
  let stopped = true;
  let reconnectDelay = options.reconnectMinMs;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let throttleDelay = 0;
  let throttledUntil = 0;
  let throttleTimer: NodeJS.Timeout | null = null;
  const queue: Waiting[] = [];
  const inFlight = new Map<number, { waiting: Waiting; timer: NodeJS.Timeout }>();
  const boundWaiters: (() => void)[] = [];
  const stats = { binds: 0, submits: 0, throttled: 0, reconnects: 0 };

  function connect(): void {
    const s = smpp.connect({ host: options.host, port: options.port });
    session = s;
    // A bind or an enquire_link unanswered in time means the link is dead even when TCP still looks
    // open (a hung SMSC, a half-open connection after a firewall dropped it): close it, and the close
    // handler reconnects. Without this, every submit would time out in doubt on a link never renewed.
    let silence: NodeJS.Timeout | null = null;
    const expectAnswer = (what: string) => {
      silence = setTimeout(() => {
        log.warn({ waitedMs: options.responseTimeoutMs, what }, 'smpp link silent, reconnecting');
        s.destroy();
      }, options.responseTimeoutMs);
      silence.unref();
    };
    const answered = () => {
      if (silence) clearTimeout(silence);
      silence = null;
    };
    s.on('connect', () => {
      expectAnswer('bind_resp');
      s.bind_transceiver(
        {
          system_id: options.systemId,
          password: options.password,
          system_type: options.systemType ?? '',
          interface_version: 0x34,
        },
        (pdu: Pdu) => {
          answered();
          if (pdu.command_status !== 0) {
            log.warn({ status: pdu.command_status }, 'smpp bind refused');
            s.destroy();
            return;
          }
          bound = true;
          stats.binds++;
          reconnectDelay = options.reconnectMinMs;
          log.info({ host: options.host, port: options.port }, 'smpp bound');
          for (const wake of boundWaiters.splice(0)) wake();
          pump();
        },
      );
    });
    const keepAlive = setInterval(() => {
      if (!bound || silence) return;
      expectAnswer('enquire_link_resp');
      s.enquire_link({}, answered);
    }, options.enquireLinkMs);
    keepAlive.unref();
    s.on('enquire_link', (pdu: Pdu) => s.send(pdu.response()));
    s.on('unbind', (pdu: Pdu) => {
      s.send(pdu.response());
      s.close();
    });
    s.on('deliver_sm', (pdu: Pdu) => {
      onDeliver(pdu).then(
        () => s.send(pdu.response()),
        (error: unknown) => {
          log.error({ err: error }, 'smpp deliver_sm not handled');
          // ESME_RX_T_APPN: a temporary error, the SMSC delivers it again later.
          s.send(pdu.response({ command_status: 0x64 }));
        },
      );
    });
    s.on('error', (error: Error) => log.warn({ code: (error as { code?: string }).code }, 'smpp error'));
    s.on('close', () => {
      clearInterval(keepAlive);
      answered();
      if (session !== s) return;
      bound = false;
      session = null;
      // Everything in flight is in doubt: the SMSC may have taken it. The caller resubmits it with
      // the same identity once bound again.
      for (const [seq, entry] of inFlight) {
        clearTimeout(entry.timer);
        entry.waiting.reject(new SmppInDoubtError('connection lost before submit_sm_resp'));
        inFlight.delete(seq);
      }
      if (stopped) return;
      stats.reconnects++;
      const delay = Math.round(reconnectDelay * (0.8 + 0.4 * Math.random()));
      reconnectDelay = Math.min(reconnectDelay * 2, options.reconnectMaxMs);
      log.warn({ delayMs: delay }, 'smpp connection lost, reconnecting');
      reconnectTimer = setTimeout(connect, delay);
    });
  }

  function pump(): void {
    if (!bound || !session) return;
    const now = Date.now();
    if (throttledUntil > now) {
      if (!throttleTimer)
        throttleTimer = setTimeout(() => {
          throttleTimer = null;
          pump();
        }, throttledUntil - now);
      return;
    }
    while (bound && session && inFlight.size < options.window && queue.length > 0) {
      const waiting = queue.shift() as Waiting;
      const s = session;
      const pdu = new smpp.PDU('submit_sm', waiting.params);
      let seq = 0;
      const sent = s.send(pdu, (resp: Pdu) => {
        const entry = inFlight.get(seq);
        if (!entry) return;
        clearTimeout(entry.timer);
        inFlight.delete(seq);
        if (resp.command_status === THROTTLED || resp.command_status === MSGQFUL) {
          // The SMSC did not take it: resend the same PDU after a pause that grows while throttled.
          stats.throttled++;
          throttleDelay = throttleDelay ? Math.min(throttleDelay * 2, 10_000) : options.throttleMinMs;
          throttledUntil = Date.now() + throttleDelay;
          queue.unshift(waiting);
        } else if (resp.command_status !== 0) {
          waiting.reject(new SmppRejectedError(resp.command_status));
        } else {
          throttleDelay = 0;
          stats.submits++;
          waiting.resolve(String(resp.message_id));
        }
        pump();
      });
      if (!sent) {
        queue.unshift(waiting);
        return;
      }
      seq = pdu.sequence_number as number;
      const timer = setTimeout(() => {
        if (!inFlight.delete(seq)) return;
        waiting.reject(new SmppInDoubtError('no submit_sm_resp in time'));
        pump();
      }, options.responseTimeoutMs);
      inFlight.set(seq, { waiting, timer });
      waiting.onSent?.();
    }
  }

  return {
    start(): void {
      if (!stopped) return;
      stopped = false;
      connect();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      if (throttleTimer) clearTimeout(throttleTimer);
      const s = session;
      if (!s) return;
      await new Promise<void>((resolve) => {
        const done = setTimeout(() => {
          s.destroy();
          resolve();
        }, 1000);
        if (bound)
          s.unbind(() => {
            clearTimeout(done);
            s.close(() => resolve());
          });
        else {
          clearTimeout(done);
          s.destroy();
          resolve();
        }
      });
      session = null;
      bound = false;
      for (const w of queue.splice(0)) w.reject(new Error('SMPP client stopped'));
    },
    isBound: () => bound,
    /** The SMSC's port when it was only known after start (the demo's simulator on a free port). */
    setPort(port: number): void {
      options.port = port;
    },
    /** Resolves once bound (at once when bound), or rejects after `timeoutMs`. */
    waitBound(timeoutMs: number): Promise<void> {
      if (bound) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          const i = boundWaiters.indexOf(wake);
          if (i >= 0) boundWaiters.splice(i, 1);
          reject(Object.assign(new Error('SMSC not bound'), { code: 'SMPP_NOT_BOUND' }));
        }, timeoutMs);
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        boundWaiters.push(wake);
      });
    },
    /**
     * Submits one PDU through the window; resolves with the SMSC's message id. `onSent` runs when it
     * leaves (for latency figures).
     */
    submit(params: Record<string, unknown>, onSent?: () => void): Promise<string> {
      return new Promise((resolve, reject) => {
        queue.push({ params, resolve, reject, onSent });
        pump();
      });
    },
    inFlight: () => inFlight.size,
    stats,
  };
}

export type SmppClient = ReturnType<typeof createSmppClient>;
