import { describe, expect, it } from 'vitest';
import { overflowBody } from './overflow.ts';

describe('overflowBody', () => {
  it('sends the rules in the order they fire, each with only the fields of its action', () => {
    expect(
      overflowBody([
        { afterSeconds: '300', action: 'move', dropSkillIds: ['s1'], toQueueId: 'q2' },
        { afterSeconds: 60, action: 'widen', dropSkillIds: ['s1', 's2'], toQueueId: 'q9' },
      ]),
    ).toEqual([
      { afterSeconds: 60, action: 'widen', dropSkillIds: ['s1', 's2'] },
      { afterSeconds: 300, action: 'move', toQueueId: 'q2' },
    ]);
    expect(overflowBody([])).toEqual([]);
  });
});
