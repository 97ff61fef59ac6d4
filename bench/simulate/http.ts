/**
 * The simulator's HTTP and WebSocket client: keep-alive connections, JSON, the staff session
 * cookie and CSRF header. Every request has a timeout. Traffic goes only to the server's URL,
 * which the caller gives (loopback for a server the simulator starts).
 */
import http from 'node:http';
import WebSocket from 'ws';

const agent = new http.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64 });

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Bind the client side to this loopback address (a customer's own address). */
  localAddress?: string;
  timeoutMs?: number;
}

/** One JSON request; resolves with the parsed body (null for 204), rejects with HttpError on ≥ 400. */
export function request<T = unknown>(
  baseUrl: string,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const url = new URL(path, baseUrl);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise<T>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? (payload === undefined ? 'GET' : 'POST'),
        agent,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        headers: {
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          let body: unknown = null;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            body = text;
          }
          if (status >= 400) {
            const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
            reject(
              new HttpError(
                status,
                error?.code ?? null,
                `${options.method ?? (payload === undefined ? 'GET' : 'POST')} ${url.pathname} answered ${status} ${error?.code ?? ''}: ${error?.message ?? text.slice(0, 200)}`,
              ),
            );
          } else resolve(body as T);
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`${url.pathname}: no answer in ${options.timeoutMs ?? 30_000} ms`)),
    );
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** A signed-in staff user: the session cookie and the CSRF token for mutations. */
export interface StaffSession {
  userId: string;
  username: string;
  cookie: string;
  csrfToken: string;
}

export async function signIn(baseUrl: string, username: string, password: string): Promise<StaffSession> {
  const url = new URL('/api/v1/auth/login', baseUrl);
  const response = await new Promise<{ status: number; cookies: string[]; body: string }>(
    (resolve, reject) => {
      const req = http.request(
        url,
        { method: 'POST', agent, headers: { 'content-type': 'application/json' }, timeout: 30_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              cookies: res.headers['set-cookie'] ?? [],
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('timeout', () => req.destroy(new Error('sign-in: no answer in 30 s')));
      req.on('error', reject);
      req.end(JSON.stringify({ username, password }));
    },
  );
  if (response.status !== 200)
    throw new Error(`sign-in as ${username} answered ${response.status}: ${response.body.slice(0, 200)}`);
  const cookie = response.cookies.find((c) => c.startsWith('banyan_session='))?.split(';')[0];
  if (!cookie) throw new Error(`sign-in as ${username} set no session cookie`);
  const body = JSON.parse(response.body) as { csrfToken: string; user?: { id: string } };
  const me = await request<{ id: string }>(baseUrl, '/api/v1/me', { headers: { cookie } });
  return { userId: me.id, username, cookie, csrfToken: body.csrfToken };
}

/** A request as a signed-in staff user (CSRF header on every mutation). */
export function staffRequest<T = unknown>(
  baseUrl: string,
  session: StaffSession,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  return request<T>(baseUrl, path, {
    ...options,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...options.headers },
  });
}

export interface ServerEvent {
  seq?: number;
  type: string;
  data?: unknown;
}

/** The staff WebSocket `/api/v1/realtime`; resolves once the server says it is caught up (`ready`). */
export function openStaffSocket(
  baseUrl: string,
  session: StaffSession,
  onEvent: (event: ServerEvent, receivedAt: number) => void,
): Promise<WebSocket> {
  const url = new URL('/api/v1/realtime', baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(url, { headers: { cookie: session.cookie } });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`staff socket of ${session.username}: not ready in 30 s`));
    }, 30_000);
    socket.on('message', (raw) => {
      const receivedAt = Date.now();
      let event: ServerEvent;
      try {
        event = JSON.parse(String(raw)) as ServerEvent;
      } catch {
        return;
      }
      if (event.type === 'ready') {
        clearTimeout(timer);
        resolve(socket);
      } else onEvent(event, receivedAt);
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`staff socket of ${session.username} closed (${code}) before it was ready`));
    });
  });
}

export function closeSockets(): void {
  agent.destroy();
}
