import { execFile, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../src/platform/free-port.mjs';

// Real mail servers from Debian for the peer tests (`npm run test:peers`; `.ci/run` installs them):
// each instance has its own config, state and mail under a temp dir and listens on a free
// 127.0.0.1 port, so the system's own Postfix/Dovecot (if any) is never touched.
const run = promisify(execFile);

/** Resolves once something accepts connections on the port. */
export async function waitForPort(port: number, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on 127.0.0.1:${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until nothing listens on the port any more (a stopped peer). */
async function waitForPortClosed(port: number, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (!open) return;
    if (Date.now() > until) throw new Error(`127.0.0.1:${port} still listens`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function userIds(name: string): Promise<{ uid: number; gid: number }> {
  const { stdout: uid } = await run('id', ['-u', name]);
  const { stdout: gid } = await run('id', ['-g', name]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

export const DOVECOT = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';
export const POSTFIX = process.env.POSTFIX_PATH ?? '/usr/sbin/postfix';

/**
 * A private Dovecot (IMAP only, passwd-file auth, maildir under a temp dir). Runs as root (as in
 * CI); the mail belongs to Debian's `dovecot` user.
 */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startDovecot(users: Record<string, string>) {
  if (!existsSync(DOVECOT)) throw new Error(`Dovecot is missing (${DOVECOT}): apt-get install dovecot-imapd`);
  const dir = mkdtempSync(path.join(tmpdir(), 'banyan-dovecot-'));
  chmodSync(dir, 0o755);
  const mail = path.join(dir, 'mail');
  mkdirSync(mail);
  mkdirSync(path.join(dir, 'state'));
  const owner = await userIds('dovecot');
  chownSync(mail, owner.uid, owner.gid);
  const port = await freePort();
  writeFileSync(
    path.join(dir, 'users'),
    Object.entries(users)
      .map(([u, p]) => `${u}:{PLAIN}${p}\n`)
      .join(''),
  );
  const conf = path.join(dir, 'dovecot.conf');
  const write = (p: number) =>
    writeFileSync(
      conf,
      `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = banyan-${path.basename(dir)}
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${mail}/%u
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${owner.uid} gid=${owner.gid} home=${mail}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${p}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
`,
    );
  write(port);

  async function start() {
    // Dovecot daemonizes with our pipes still open: no pipes, just wait for the parent to exit.
    await new Promise<void>((resolve, reject) => {
      const child = spawn(DOVECOT, ['-c', conf], { stdio: 'ignore' });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`dovecot exited with ${code}`))));
    });
    await waitForPort(port);
  }
  async function stop() {
    const pidFile = path.join(dir, 'run', 'master.pid');
    if (!existsSync(pidFile)) return;
    const pid = Number(readFileSync(pidFile, 'utf8').trim());
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return;
    }
    const until = Date.now() + 10_000;
    while (Date.now() < until && alive(pid)) await new Promise((r) => setTimeout(r, 50));
    // The master's exit does not end the sessions: an imap process outlives it until it notices,
    // sometimes for many seconds. A restarted server drops its connections, so end them here.
    for (;;) {
      const left = instanceProcesses();
      if (left.length === 0) return;
      for (const p of left) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // gone already
        }
      }
      if (Date.now() > until) throw new Error(`dovecot processes survive: ${left.join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  /** Every process of this instance: Dovecot titles them `dovecot-<instance_name>/<service>`. */
  function instanceProcesses(): number[] {
    const title = `dovecot-banyan-${path.basename(dir)}/`;
    const pids: number[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').startsWith(title)) pids.push(Number(entry));
      } catch {
        // exited while we looked
      }
    }
    return pids;
  }
  await start();

  return {
    port,
    dir,
    /** As an MDA would: the file goes to tmp/, then is renamed into new/ (the maildir protocol). */
    deliverToMaildir(user: string, raw: string, uniq: string) {
      const box = path.join(mail, user);
      for (const sub of ['', 'cur', 'new', 'tmp']) {
        const d = path.join(box, sub);
        if (!existsSync(d)) {
          mkdirSync(d);
          chownSync(d, owner.uid, owner.gid);
        }
      }
      const tmp = path.join(box, 'tmp', uniq);
      writeFileSync(tmp, raw);
      chownSync(tmp, owner.uid, owner.gid);
      // The rename makes the mail appear whole, never half-written.
      renameSync(tmp, path.join(box, 'new', `${uniq}.banyan`));
    },
    start,
    stop,
    log: () =>
      existsSync(path.join(dir, 'dovecot.log')) ? readFileSync(path.join(dir, 'dovecot.log'), 'utf8') : '',
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A private Postfix instance (its own config_directory, queue_directory and data_directory under a
 * temp dir) that accepts mail on a free 127.0.0.1 port and relays everything to `relayPort`.
 */
export async function startPostfix(options: { relayPort: number }) {
  if (!existsSync(POSTFIX)) throw new Error(`Postfix is missing (${POSTFIX}): apt-get install postfix`);
  const dir = mkdtempSync(path.join(tmpdir(), 'banyan-postfix-'));
  chmodSync(dir, 0o755);
  const config = path.join(dir, 'etc');
  const queue = path.join(dir, 'spool');
  const data = path.join(dir, 'lib');
  for (const d of [config, queue, data]) mkdirSync(d);
  const port = await freePort();
  const pf = await userIds('postfix');
  chownSync(data, pf.uid, pf.gid);
  const { stdout: daemonDir } = await run('postconf', ['-dh', 'daemon_directory']);
  const { stdout: shlibDir } = await run('postconf', ['-dh', 'shlib_directory']);
  const { stdout: metaDir } = await run('postconf', ['-dh', 'meta_directory']);
  writeFileSync(
    path.join(config, 'main.cf'),
    `compatibility_level = 3.6
queue_directory = ${queue}
data_directory = ${data}
daemon_directory = ${daemonDir.trim()}
shlib_directory = ${shlibDir.trim()}
meta_directory = ${metaDir.trim()}
mail_owner = postfix
setgid_group = postdrop
myhostname = relay.banyan.test
mydomain = banyan.test
myorigin = $myhostname
mydestination =
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_relay_restrictions = permit_mynetworks, reject
relayhost = [127.0.0.1]:${options.relayPort}
smtp_tls_security_level = none
smtpd_tls_security_level = none
smtp_dns_support_level = disabled
disable_dns_lookups = yes
maillog_file = ${dir}/postfix.log
maillog_file_prefixes = ${dir}
alias_maps =
alias_database =
local_recipient_maps =
smtputf8_enable = yes
`,
  );
  // master.cf: only what a relay needs; smtpd on our port instead of 25, no chroot.
  writeFileSync(
    path.join(config, 'master.cf'),
    `127.0.0.1:${port} inet n - n - - smtpd
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
`,
  );
  const env = { ...process.env, MAIL_CONFIG: config };
  const postfix = (args: string[]) => run(POSTFIX, ['-c', config, ...args], { env });
  await postfix(['set-permissions']).catch(() => undefined);
  await postfix(['check']);
  await postfix(['start']);
  await waitForPort(port);
  return {
    port,
    dir,
    log: () =>
      existsSync(path.join(dir, 'postfix.log')) ? readFileSync(path.join(dir, 'postfix.log'), 'utf8') : '',
    /** Stops the relay (its port closes) and keeps its queue and config, for an outage. */
    async stop() {
      await postfix(['stop']);
      await waitForPortClosed(port);
    },
    /** Starts it again on the same port after `stop`. */
    async start() {
      await postfix(['start']);
      await waitForPort(port);
    },
    async close() {
      await postfix(['stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
