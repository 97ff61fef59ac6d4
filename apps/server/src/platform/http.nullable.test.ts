import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { Nullable } from '../../../../packages/contracts/src/common.ts';
import { createHttp } from './http.ts';
import { createLogger } from './logger.ts';

describe('request validation of nullable fields', () => {
  it('keeps null apart from 0, "" and false, and still coerces what matches no type', async () => {
    const app = await createHttp({
      log: createLogger({ level: 'silent' }),
      bodyLimit: 1024,
      secure: false,
      trustProxy: false,
      authenticator: { authenticate: async () => null, isCsrfValid: () => true },
    });
    const Body = Type.Object({
      n: Nullable(Type.Integer({ minimum: 0, maximum: 23 })),
      s: Nullable(Type.String({ maxLength: 5 })),
      b: Nullable(Type.Boolean()),
    });
    app.post('/echo', { schema: { body: Body } }, async (request) => request.body);
    const echo = async (body: unknown) => {
      const response = await app.inject({ method: 'POST', url: '/echo', payload: body as object });
      return { status: response.statusCode, body: response.json() };
    };
    expect(await echo({ n: null, s: null, b: null })).toEqual({
      status: 200,
      body: { n: null, s: null, b: null },
    });
    expect(await echo({ n: 0, s: '', b: false })).toEqual({ status: 200, body: { n: 0, s: '', b: false } });
    expect(await echo({ n: '7', s: 5, b: 'true' })).toEqual({ status: 200, body: { n: 7, s: '5', b: true } });
    expect((await echo({ n: 24, s: null, b: null })).status).toBe(400);
    expect((await echo({ n: null, s: 'longer', b: null })).status).toBe(400);
    await app.close();
  });
});
