import { describe, expect, it } from 'vitest';
import { fillTemplate } from './conversations.canned.ts';

describe('fillTemplate', () => {
  it('fills known variables and leaves unknown ones visible', () => {
    expect(
      fillTemplate('Chào {customerName}, em là {agentName}. Mã {ticket}', {
        customerName: 'chị Hà',
        agentName: 'Lan',
      }),
    ).toBe('Chào chị Hà, em là Lan. Mã {ticket}');
  });
});
