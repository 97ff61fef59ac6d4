import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded demo on 127.0.0.1:3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      databaseUrl: null,
      demoMode: true,
      requireAdminMfa: false,
    });
    expect(config.publicUrl).toBe('http://127.0.0.1:3000');
  });

  it('turns demo mode off and admin MFA on with an external database', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db.internal/banyan' });
    expect(config).toMatchObject({ demoMode: false, requireAdminMfa: true });
  });

  it('starts the built-in SMSC simulator only in the demo with no SMSC or SMS gateway', () => {
    expect(loadConfig({}).smsSimulator).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://db.internal/banyan' }).smsSimulator).toBe(false);
    expect(loadConfig({ BANYAN_SMPP_URL: 'smpp://smsc.bank:2775' }).smsSimulator).toBe(false);
    expect(loadConfig({ BANYAN_SMS_SIMULATOR: 'false' }).smsSimulator).toBe(false);
    expect(() => loadConfig({ BANYAN_SMPP_URL: 'http://smsc' })).toThrow(/BANYAN_SMPP_URL/);
    expect(() => loadConfig({ BANYAN_SMS_GATEWAY_URL: 'https://gw' })).toThrow(/BANYAN_SMS_GATEWAY_SECRET/);
  });

  it('reports every problem at once with a clear message', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toHaveLength(3);
      expect((error as Error).message).toContain(
        'PORT must be an integer between 0 and 65535 (got "eighty")',
      );
    }
  });

  it('passes extra settings to the embedded PostgreSQL, name=value only', () => {
    expect(loadConfig({}).embeddedPgSettings).toEqual([]);
    expect(
      loadConfig({
        BANYAN_EMBEDDED_PG_SETTINGS:
          'shared_preload_libraries=pg_stat_statements, pg_stat_statements.track=all',
      }).embeddedPgSettings,
    ).toEqual(['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all']);
    expect(() => loadConfig({ BANYAN_EMBEDDED_PG_SETTINGS: 'work_mem' })).toThrow(
      'BANYAN_EMBEDDED_PG_SETTINGS takes name=value pairs (got "work_mem")',
    );
  });

  it('lets CLI flags override the port in the printed URL', () => {
    expect(loadConfig({}, { port: 3100 }).publicUrl).toBe('http://127.0.0.1:3100');
  });
});
