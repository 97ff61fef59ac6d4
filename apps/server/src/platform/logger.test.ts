import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger({ level: 'info', destination }), lines };
}

describe('logger redaction', () => {
  it('masks card numbers in messages and fields, and censors credentials', () => {
    const { log, lines } = capture();
    log.info(
      {
        note: 'pan 4111 1111 1111 1111',
        nested: { text: '4111111111111111' },
        password: 'hunter2',
        token: 'abc',
      },
      'customer said 5500000000000004',
    );
    const out = lines.join('');
    expect(out).not.toContain('4111 1111 1111 1111');
    expect(out).not.toContain('4111111111111111');
    expect(out).not.toContain('5500000000000004');
    expect(out).toContain('4111 11** **** 1111');
    expect(out).toContain('550000******0004');
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('"abc"');
    expect(out).toContain('[redacted]');
  });

  it('hides the cookie and authorization headers of a request', () => {
    const { log, lines } = capture();
    log.info(
      { req: { headers: { cookie: 'banyan_session=secret', authorization: 'Bearer t0k' } } },
      'request',
    );
    expect(lines.join('')).not.toContain('secret');
    expect(lines.join('')).not.toContain('t0k');
  });
});
