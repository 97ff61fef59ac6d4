import { promises as dns } from 'node:dns';
import { authenticate, type DNSResolver } from 'mailauth';

/** One word per mechanism, as in Authentication-Results (RFC 8601). */
export type AuthWord =
  | 'pass'
  | 'fail'
  | 'softfail'
  | 'neutral'
  | 'none'
  | 'temperror'
  | 'permerror'
  | 'policy';

export interface MailAuthResult {
  spf: AuthWord;
  dkim: AuthWord;
  dmarc: AuthWord;
}

export interface MailAuthPeer {
  /** The SMTP client's address; none for IMAP (then read from the newest Received header). */
  ip?: string;
  helo?: string;
  /** MAIL FROM. */
  sender?: string;
}

const WORDS: AuthWord[] = ['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy'];

function word(value: unknown): AuthWord {
  if (value === 'temperr') return 'temperror';
  return WORDS.includes(value as AuthWord) ? (value as AuthWord) : 'none';
}

const TEMPERROR: MailAuthResult = { spf: 'temperror', dkim: 'temperror', dmarc: 'temperror' };

/**
 * A resolver whose lookups all share one deadline: past it, every lookup fails with a DNS time-out
 * (mailauth records that as `temperror`). An offline machine costs at most `timeoutMs` per mail.
 */
export function boundedResolver(resolver: DNSResolver, timeoutMs: number): DNSResolver {
  const deadline = Date.now() + timeoutMs;
  return (name, rrtype) => {
    const left = deadline - Date.now();
    const timeout = () => Object.assign(new Error(`DNS time-out for ${name}`), { code: 'ETIMEOUT' });
    if (left <= 0) return Promise.reject(timeout());
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      resolver(name, rrtype),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(timeout()), left);
      }),
    ]).finally(() => clearTimeout(timer));
  };
}

const systemResolver: DNSResolver = (name, rrtype) =>
  dns.resolve(name, rrtype) as unknown as Promise<string[][] | string[]>;

/**
 * SPF, DKIM and DMARC of an inbound mail with `mailauth`. Never throws and never takes much longer
 * than `timeoutMs`: DNS failures and time-outs are `temperror`, as RFC 7208/6376/7489 say.
 */
export async function checkMailAuth(
  raw: Buffer,
  peer: MailAuthPeer,
  options: { timeoutMs: number; resolver?: DNSResolver },
): Promise<MailAuthResult> {
  const resolver = boundedResolver(options.resolver ?? systemResolver, options.timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  try {
    const result = await Promise.race([
      authenticate(raw, {
        ip: peer.ip,
        helo: peer.helo,
        sender: peer.sender,
        trustReceived: !peer.ip,
        resolver,
        mta: 'banyan',
        disableArc: true,
        disableBimi: true,
      }),
      new Promise<null>((resolve) => {
        // The DNS deadline plus a margin for the hashing of a large mail.
        timer = setTimeout(() => resolve(null), options.timeoutMs + 2000);
      }),
    ]);
    if (!result) return TEMPERROR;
    const dkimResults = (result.dkim?.results ?? []).map((r) => word(r.status?.result));
    const dkim: AuthWord = dkimResults.includes('pass') ? 'pass' : (dkimResults[0] ?? 'none');
    const spf = result.spf ? word(result.spf.status?.result) : 'none';
    const dmarc = result.dmarc ? word(result.dmarc.status?.result) : 'none';
    return { spf, dkim, dmarc };
  } catch {
    return TEMPERROR;
  } finally {
    clearTimeout(timer);
  }
}
