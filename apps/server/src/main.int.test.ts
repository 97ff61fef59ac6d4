import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../test/harness.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../../bin/banyan.mjs');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const banyan = (...args: string[]) =>
  run(process.execPath, [BIN, ...args], {
    env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'error' },
  });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.drop());

describe('the banyan CLI', () => {
  it('has --help on every command', async () => {
    const top = await banyan('--help');
    for (const command of ['start', 'migrate', 'seed', 'user', 'token', 'audit'])
      expect(top.stdout).toContain(command);
    for (const args of [
      ['start'],
      ['migrate'],
      ['seed'],
      ['user', 'create'],
      ['user', 'reset-password'],
      ['user', 'disable'],
      ['token', 'create'],
      ['token', 'revoke'],
      ['audit', 'verify'],
    ]) {
      const help = await banyan(...args, '--help');
      expect(help.stdout, args.join(' ')).toMatch(/^Usage: banyan/);
    }
  }, 60_000);

  it('migrates, creates a user, resets the password, creates and revokes a token, disables the user', async () => {
    expect((await banyan('migrate')).stdout).toContain('migrations applied');
    const created = await banyan(
      'user',
      'create',
      '--username',
      'ops.admin',
      '--name',
      'Ops Admin',
      '--password',
      'Very-Long-Pass-1',
      '--role',
      'admin',
      'auditor',
    );
    expect(created.stdout).toMatch(/created user ops\.admin/);
    const weak = await banyan(
      'user',
      'create',
      '--username',
      'weak',
      '--name',
      'W',
      '--password',
      'short',
      '--role',
      'agent',
    ).catch((e) => e);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('STAFF_PASSWORD_TOO_SHORT');
    expect(
      (await banyan('user', 'reset-password', '--username', 'ops.admin', '--password', 'Another-Long-Pass-2'))
        .stdout,
    ).toContain('password reset');
    const token = await banyan(
      'token',
      'create',
      '--username',
      'ops.admin',
      '--name',
      'monitoring',
      '--scope',
      'audit.read',
      '--days',
      '30',
    );
    const [, id, secret] = token.stdout.match(/token (\S+) \(shown once\):\n(byn_\S+)/) ?? [];
    expect(secret).toMatch(/^byn_/);
    expect((await banyan('token', 'revoke', '--id', id as string)).stdout).toContain('revoked');
    // The last admin cannot be disabled; add another admin first.
    await banyan(
      'user',
      'create',
      '--username',
      'second.admin',
      '--name',
      'Second',
      '--password',
      'Very-Long-Pass-3',
      '--role',
      'admin',
    );
    expect((await banyan('user', 'disable', '--username', 'ops.admin')).stdout).toContain(
      'disabled ops.admin',
    );
    const verify = await banyan('audit', 'verify');
    expect(verify.stdout).toMatch(/audit chain intact/);
    const missing = await banyan('user', 'disable', '--username', 'nobody').catch((e) => e);
    expect(missing.stderr).toContain('no user named nobody');
  }, 240_000);
});
