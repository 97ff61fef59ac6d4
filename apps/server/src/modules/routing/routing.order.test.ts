import { describe, expect, it } from 'vitest';
import {
  basePriority,
  type CandidateAgent,
  chooseAgent,
  effectivePriority,
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
