// A supervisor sets how many chats (or calls…) an agent takes at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestContext, type Session, signInAs, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const put = (session: Session, userId: string, payload: unknown) =>
  ctx.app.http.inject({
    method: 'PUT',
    url: `/api/v1/supervisor/agents/${userId}/capacity`,
    payload: payload as object,
    headers: as(session),
  });

describe('agent capacity', () => {
  it('lets the team’s supervisor and an administrator set it, audited; nobody else', async () => {
    const team = await ctx.app.staff.createTeam(null, { name: 'Cards team' });
    const otherTeam = await ctx.app.staff.createTeam(null, { name: 'Loans team' });
    const lead = await signInAs(ctx, { username: 'cap.lead', roles: ['supervisor'], teamIds: [team.id] });
    const otherLead = await signInAs(ctx, {
      username: 'cap.other',
      roles: ['supervisor'],
      teamIds: [otherTeam.id],
    });
    const member = await signInAs(ctx, { username: 'cap.agent', roles: ['agent'], teamIds: [team.id] });
    const admin = await signInAs(ctx, { username: 'cap.admin', roles: ['admin'] });

    const set = await put(lead, member.userId, { channel: 'chat', capacity: 4 });
    expect(set.statusCode).toBe(200);
    expect(set.json().channels).toContainEqual({ channel: 'chat', capacity: 4, load: 0 });
    const { rows } = await ctx.pool.query(
      `SELECT actor_name, details FROM audit_log WHERE action = 'routing.capacity_changed' AND target_id = $1`,
      [member.userId],
    );
    expect(rows).toEqual([{ actor_name: 'cap.lead', details: { channel: 'chat', capacity: 4 } }]);
    expect((await put(admin, member.userId, { channel: 'voice', capacity: 1 })).statusCode).toBe(200);

    expect((await put(otherLead, member.userId, { channel: 'chat', capacity: 9 })).statusCode).toBe(403);
    expect((await put(member, member.userId, { channel: 'chat', capacity: 9 })).statusCode).toBe(403);
    const bad = await put(lead, member.userId, { channel: 'fax', capacity: 99 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
    expect((await put(admin, crypto.randomUUID(), { channel: 'chat', capacity: 1 })).json().error.code).toBe(
      'STAFF_USER_NOT_FOUND',
    );
    const capacity = await ctx.pool.query(
      `SELECT capacity FROM routing_agent_channels WHERE user_id = $1 AND channel = 'chat'`,
      [member.userId],
    );
    expect(capacity.rows).toEqual([{ capacity: 4 }]);
  });
});
