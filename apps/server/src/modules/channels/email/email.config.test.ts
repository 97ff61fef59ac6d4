import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../../../config.ts';
import { imapBackoffMs } from './email.imap.ts';

const mailbox = {
  name: 'support',
  host: 'imap.bank.example',
  user: 'support',
  passwordEnv: 'IMAP_PW',
  address: 'Support@Bank.example',
};

describe('IMAP mailboxes in the configuration', () => {
  it('reads mailboxes with the secret from its own variable, defaults filled in', () => {
    const config = loadConfig({ BANYAN_IMAP_MAILBOXES: JSON.stringify([mailbox]), IMAP_PW: 's3cret' });
    expect(config.imapMailboxes).toEqual([
      {
        name: 'support',
        host: 'imap.bank.example',
        port: 993,
        tls: true,
        user: 'support',
        password: 's3cret',
        folder: 'INBOX',
        address: 'support@bank.example',
      },
    ]);
    expect(loadConfig({}).imapMailboxes).toEqual([]);
    const plain = loadConfig({
      BANYAN_IMAP_MAILBOXES: JSON.stringify([{ ...mailbox, tls: false, folder: 'Banyan' }]),
      IMAP_PW: 'x',
    });
    expect(plain.imapMailboxes[0]).toMatchObject({ port: 143, tls: false, folder: 'Banyan' });
  });

  it('names every problem: bad JSON, missing fields, unset secret, bad port, a name used twice', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ BANYAN_IMAP_MAILBOXES: '{not json' })).toEqual([
      'BANYAN_IMAP_MAILBOXES must be a JSON array',
    ]);
    expect(
      problems({ BANYAN_IMAP_MAILBOXES: JSON.stringify([{ ...mailbox, host: '' }]), IMAP_PW: 'x' }),
    ).toEqual([
      'BANYAN_IMAP_MAILBOXES[0] needs name (letters, digits, - or _), host, user, address and passwordEnv',
    ]);
    expect(problems({ BANYAN_IMAP_MAILBOXES: JSON.stringify([mailbox]) })).toEqual([
      'BANYAN_IMAP_MAILBOXES[0]: IMAP_PW is not set',
    ]);
    expect(
      problems({ BANYAN_IMAP_MAILBOXES: JSON.stringify([{ ...mailbox, port: 70000 }]), IMAP_PW: 'x' }),
    ).toEqual(['BANYAN_IMAP_MAILBOXES[0].port must be a port number']);
    expect(problems({ BANYAN_IMAP_MAILBOXES: JSON.stringify([mailbox, mailbox]), IMAP_PW: 'x' })).toEqual([
      'BANYAN_IMAP_MAILBOXES: the name "support" is used twice',
    ]);
  });

  it('backs off from 1 s doubling to 5 min, with jitter', () => {
    expect(imapBackoffMs(0, () => 0.5)).toBe(1000);
    expect(imapBackoffMs(3, () => 0.5)).toBe(8000);
    expect(imapBackoffMs(30, () => 0.5)).toBe(300_000);
    expect(imapBackoffMs(1, () => 0)).toBe(1600);
    expect(imapBackoffMs(1, () => 1)).toBe(2400);
  });
});
