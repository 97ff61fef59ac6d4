import { describe, expect, it } from 'vitest';
import { findMentions, isStillTyping, readMarkFor } from './live-model.ts';

describe('desk live logic', () => {
  it('finds @mentions of the people in the conversation, by display name, any case', () => {
    const people = [
      { id: 'a', name: 'Lan Nguyễn' },
      { id: 'b', name: '王芳' },
      { id: 'c', name: 'Emily' },
    ];
    expect(findMentions('@lan nguyễn can you approve? cc @王芳', people)).toEqual(['a', 'b']);
    expect(findMentions('Emily without the at sign', people)).toEqual([]);
    expect(findMentions('@Emily', [])).toEqual([]);
  });

  it('marks read only forward and only when the page is in view', () => {
    expect(readMarkFor(5, 3, true)).toBe(5);
    expect(readMarkFor(5, 5, true)).toBeNull();
    expect(readMarkFor(5, 3, false)).toBeNull();
    expect(readMarkFor(0, 0, true)).toBeNull();
  });

  it('lets a typing signal lapse at its time-to-live', () => {
    expect(isStillTyping(undefined, 0)).toBe(false);
    expect(isStillTyping(1000, 999)).toBe(true);
    expect(isStillTyping(1000, 1000)).toBe(false);
  });
});
