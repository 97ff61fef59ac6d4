import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth';
import { describe, expect, it } from 'vitest';
import { boundedResolver, checkMailAuth } from './email.auth.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const p = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

const message = Buffer.from(
  [
    'From: Anh Le <anh.le@example.vn>',
    'To: support@bank.example',
    'Subject: test',
    'Message-ID: <auth-1@example.vn>',
    'Date: Mon, 23 Nov 2026 04:00:00 +0000',
    '',
    'Hello',
    '',
  ].join('\r\n'),
);

async function signed(): Promise<Buffer> {
  // mailauth's typings want top-level signing fields; the code reads `signatureData`.
  const { signatures } = await dkimSign(message, {
    signatureData: [{ signingDomain: 'example.vn', selector: 's1', privateKey: pem }],
  } as unknown as Parameters<typeof dkimSign>[1]);
  return Buffer.concat([Buffer.from(signatures), message]);
}

const records: Record<string, string[][]> = {
  's1._domainkey.example.vn:TXT': [[`v=DKIM1; k=rsa; p=${p}`]],
  'example.vn:TXT': [['v=spf1 ip4:203.0.113.7 -all']],
  '_dmarc.example.vn:TXT': [['v=DMARC1; p=reject']],
};
const resolver = async (name: string, rrtype: string) => {
  const found = records[`${name}:${rrtype}`];
  if (found) return found;
  throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
};

describe('SPF / DKIM / DMARC of inbound mail', () => {
  it('passes a signed mail from an allowed address', async () => {
    expect(
      await checkMailAuth(
        await signed(),
        { ip: '203.0.113.7', helo: 'mx.example.vn', sender: 'anh.le@example.vn' },
        { timeoutMs: 2000, resolver },
      ),
    ).toEqual({ spf: 'pass', dkim: 'pass', dmarc: 'pass' });
  });

  it('fails a forged one: tampered body, wrong address', async () => {
    const forged = Buffer.from((await signed()).toString().replace('Hello', 'Send money'));
    expect(
      await checkMailAuth(
        forged,
        { ip: '198.51.100.9', helo: 'evil.example', sender: 'anh.le@example.vn' },
        { timeoutMs: 2000, resolver },
      ),
      // mailauth reports a body-hash mismatch as `neutral` ("body hash did not verify"): not a pass.
    ).toEqual({ spf: 'fail', dkim: 'neutral', dmarc: 'fail' });
  });

  it('records temperror, within the bound, when DNS never answers', async () => {
    const started = Date.now();
    const result = await checkMailAuth(
      await signed(),
      { ip: '203.0.113.7', helo: 'mx.example.vn', sender: 'anh.le@example.vn' },
      { timeoutMs: 300, resolver: () => new Promise(() => undefined) },
    );
    expect(Date.now() - started).toBeLessThan(2500);
    expect(result).toEqual({ spf: 'temperror', dkim: 'temperror', dmarc: 'temperror' });
  });

  it('shares one deadline between all the lookups of a mail', async () => {
    const slow = boundedResolver(() => new Promise((r) => setTimeout(() => r([['x']]), 1000)), 100);
    await expect(slow('a.example', 'TXT')).rejects.toMatchObject({ code: 'ETIMEOUT' });
    await expect(slow('b.example', 'TXT')).rejects.toMatchObject({ code: 'ETIMEOUT' });
  });
});
