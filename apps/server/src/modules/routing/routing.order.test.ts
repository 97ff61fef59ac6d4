import { describe, expect, it } from 'vitest';
import {
  basePriority,
  type CandidateAgent,
  chooseAgent,
  effectivePriority,
  matchContacts,
  orderContacts,
} from './routing.order.ts';

const at = (s: number) => new Date(Date.UTC(2026, 2, 2, 1, 0, s));

describe('order of service', () => {
  it('gives VIP tiers, complaints and callbacks their priority', () => {
    expect(basePriority({ vipTier: 'platinum' })).toBe(30);
    expect(basePriority({ vipTier: 'gold', isComplaint: true })).toBe(40);
    expect(basePriority({ isCallback: true })).toBe(15);
    expect(basePriority({ vipTier: 'unknown-tier' })).toBe(0);
  });

  it('ages a waiting contact one point per aging step', () => {
    expect(effectivePriority(0, at(0), at(59), 60)).toBe(0);
    expect(effectivePriority(0, at(0), at(60), 60)).toBe(1);
    expect(effectivePriority(10, at(0), at(0), 60)).toBe(10);
  });

  it('serves higher effective priority first, then the longest wait', () => {
    const now = at(0 + 600);
    const items = [
      { id: 'mass-new', priority: 0, enqueuedAt: at(590) },
      { id: 'gold-new', priority: 20, enqueuedAt: at(595) },
      { id: 'mass-old', priority: 0, enqueuedAt: at(0) }, // waited 10 min = 10 aging points
      { id: 'mass-older', priority: 0, enqueuedAt: at(-1) },
    ];
    expect(orderContacts(items, now, 60).map((i) => i.id)).toEqual([
      'gold-new',
      'mass-older',
      'mass-old',
      'mass-new',
    ]);
    // With fast aging, a long wait outranks a VIP who just arrived.
    expect(orderContacts(items, now, 20).map((i) => i.id)).toEqual([
      'mass-older',
      'mass-old',
      'gold-new',
      'mass-new',
    ]);
  });
});

describe('agent choice', () => {
  const vi = 'skill-vi';
  const cards = 'skill-cards';
  const agents: CandidateAgent[] = [
    { userId: 'an', skills: { [vi]: 3, [cards]: 2 }, idleSince: at(10) },
    { userId: 'binh', skills: { [vi]: 5, [cards]: 4 }, idleSince: at(30) },
    { userId: 'chi', skills: { [vi]: 5, [cards]: 4 }, idleSince: at(20) },
    { userId: 'dung', skills: { [cards]: 5 }, idleSince: at(0) },
  ];

  it('picks the best-skilled eligible agent, then the longest idle', () => {
    const required = [
      { skillId: vi, minProficiency: 3 },
      { skillId: cards, minProficiency: 2 },
    ];
    expect(chooseAgent(agents, required)?.userId).toBe('chi');
  });

  it('never picks an agent below a minimum proficiency', () => {
    expect(chooseAgent(agents, [{ skillId: vi, minProficiency: 6 }])).toBeNull();
    expect(chooseAgent(agents, [{ skillId: cards, minProficiency: 5 }])?.userId).toBe('dung');
  });

  it('with no required skills, takes the longest idle', () => {
    expect(chooseAgent(agents, [])?.userId).toBe('dung');
  });
});

describe('matching a batch of contacts to locked agents', () => {
  const now = at(1000);
  const agent = (userId: string, score: number, idle: number, spare = 1) => ({
    userId,
    score,
    idleSince: at(idle),
    spare,
  });
  const contact = (id: string, extra: Partial<{ declined_by: string[]; sticky: string }> = {}) => ({
    id,
    declined_by: extra.declined_by ?? [],
    sticky_agent_id: extra.sticky ?? null,
    sticky_until: extra.sticky ? at(2000) : null,
  });
  const pairs = (m: Array<{ item: { id: string }; agentId: string }>) =>
    m.map((x) => `${x.item.id}>${x.agentId}`);

  it('gives each contact in order the best-skilled, longest-idle agent, one each before seconds', () => {
    const agents = [
      agent('idle-short', 5, 900, 2),
      agent('expert', 9, 950, 2),
      agent('idle-long', 5, 100, 2),
    ];
    const matches = matchContacts(
      [contact('c1'), contact('c2'), contact('c3'), contact('c4')],
      agents,
      now,
      10,
    );
    // The expert twice (nobody else scores 9), then equal scores by idle time.
    expect(pairs(matches)).toEqual(['c1>expert', 'c2>expert', 'c3>idle-long', 'c4>idle-short']);
  });

  it('never exceeds an agent’s free places nor the batch size', () => {
    const matches = matchContacts(
      [contact('c1'), contact('c2'), contact('c3')],
      [agent('a', 5, 0, 1), agent('b', 5, 1, 1)],
      now,
      10,
    );
    expect(pairs(matches)).toEqual(['c1>a', 'c2>b']);
    expect(matchContacts([contact('c1'), contact('c2')], [agent('a', 5, 0, 3)], now, 1)).toHaveLength(1);
  });

  it('skips agents who declined a contact, and goes on past a contact only declined agents could take', () => {
    const agents = [agent('a', 5, 0), agent('b', 5, 1)];
    expect(
      pairs(matchContacts([contact('c1', { declined_by: ['a'] }), contact('c2')], agents, now, 10)),
    ).toEqual(['c1>b', 'c2>a']);
    expect(
      pairs(
        matchContacts([contact('c1', { declined_by: ['a'] }), contact('c2')], [agent('a', 5, 0)], now, 10),
      ),
    ).toEqual(['c2>a']);
  });

  it('prefers the sticky agent within the window, whatever their rank', () => {
    const agents = [agent('a', 9, 0), agent('last-agent', 1, 999)];
    expect(pairs(matchContacts([contact('c1', { sticky: 'last-agent' })], agents, now, 10))).toEqual([
      'c1>last-agent',
    ]);
    const expired = { ...contact('c2', { sticky: 'last-agent' }), sticky_until: at(10) };
    expect(pairs(matchContacts([expired], agents, now, 10))).toEqual(['c2>a']);
  });
});
