// A free port to listen on: for the embedded PostgreSQL, and for test and bench servers. Plain
// JavaScript, so that `node e2e/run.mjs` can use it without a TypeScript loader (types in
// free-port.d.mts).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The kernel's range of ephemeral ports: the source ports of outgoing connections. */
function ephemeralLow() {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    if (low > 0) return low;
  } catch {
    // not Linux: the IANA range
  }
  return 49152;
}

const canListen = (port, host) =>
  new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });

const FROM = 10_000;

/**
 * A port free to listen on now, below the kernel's ephemeral range. A port from `listen(0)` is in
 * that range, and before a server listens on it for real (seconds later, for one that seeds its
 * database first) an outgoing connection can take it as its source port: EADDRINUSE, seen in CI
 * for the e2e server's SMTP port. The embedded PostgreSQL's port has the same gap, shorter.
 * Below the range only listeners take ports.
 */
export async function freePort(host = '127.0.0.1') {
  const to = ephemeralLow();
  if (to - FROM >= 1000)
    for (let attempt = 0; attempt < 100; attempt++) {
      const port = FROM + Math.floor(Math.random() * (to - FROM));
      if (await canListen(port, host)) return port;
    }
  // An unusual range (or a crowded one): what the kernel hands out.
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
