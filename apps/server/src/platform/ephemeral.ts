import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from './logger.ts';

export const EPHEMERAL_CHANNEL = 'banyan_ephemeral';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; ephemeral signals are tiny. */
const MAX_PAYLOAD = 7000;

/**
 * A signal worth nothing a few seconds later ("customer is typing"): never stored, never replayed.
 * `users` are the staff it goes to (their open desks); `conversation` sends it to that
 * conversation's widget sockets as well.
 */
export interface EphemeralMessage {
  type: string;
  data: Record<string, unknown>;
  users?: string[];
  conversation?: string;
}

type Listener = (message: EphemeralMessage) => void;

/**
 * Ephemeral pub/sub across processes, outside the outbox: `publish` hands the message to this
 * process's listeners at once and sends it to the other processes with PostgreSQL NOTIFY on its own
 * channel (delivered to every LISTENing process, kept nowhere). A process ignores its own echo.
 * When the LISTEN connection is down, other processes' signals are lost — acceptable for typing,
 * which the next keystroke repeats.
 */
export function createEphemeral(deps: { pool: pg.Pool; log: Logger }) {
  const { pool, log } = deps;
  const origin = randomUUID();
  const listeners = new Set<Listener>();
  let client: pg.PoolClient | null = null;
  let running = false;

  function deliver(message: EphemeralMessage): void {
    for (const listener of listeners) {
      try {
        listener(message);
      } catch (error) {
        log.error({ err: error, type: message.type }, 'ephemeral listener failed');
      }
    }
  }

  async function publish(message: EphemeralMessage): Promise<void> {
    deliver(message);
    if (!running) return;
    const payload = JSON.stringify({ o: origin, m: message });
    if (payload.length > MAX_PAYLOAD) {
      log.warn({ type: message.type }, 'ephemeral message too large for other processes');
      return;
    }
    await pool.query('SELECT pg_notify($1, $2)', [EPHEMERAL_CHANNEL, payload]);
  }

  function subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  async function listen(): Promise<void> {
    const connection = await pool.connect();
    connection.on('notification', (notification) => {
      if (notification.channel !== EPHEMERAL_CHANNEL || !notification.payload) return;
      try {
        const { o, m } = JSON.parse(notification.payload) as { o: string; m: EphemeralMessage };
        if (o !== origin && m && typeof m.type === 'string') deliver(m);
      } catch {
        log.warn('ephemeral notification unreadable');
      }
    });
    connection.on('error', (error) => {
      log.warn({ err: error }, 'ephemeral listener connection lost; reconnecting');
      connection.removeAllListeners('notification');
      connection.release(true);
      if (client === connection) client = null;
      const retry = () => {
        if (!running || client) return;
        listen().catch(() => setTimeout(retry, 1000).unref());
      };
      setTimeout(retry, 1000).unref();
    });
    await connection.query(`LISTEN ${EPHEMERAL_CHANNEL}`);
    client = connection;
  }

  async function start(): Promise<void> {
    if (running) return;
    running = true;
    await listen();
  }

  async function stop(): Promise<void> {
    running = false;
    const connection = client;
    client = null;
    if (connection) {
      // Destroyed rather than returned: a LISTEN connection is not a normal pooled one.
      connection.removeAllListeners('notification');
      connection.removeAllListeners('error');
      connection.on('error', () => undefined);
      connection.release(true);
    }
  }

  return { publish, subscribe, start, stop };
}

export type Ephemeral = ReturnType<typeof createEphemeral>;
