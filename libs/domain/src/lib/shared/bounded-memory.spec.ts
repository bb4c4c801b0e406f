import { BoundedMemory } from './bounded-memory';

describe('BoundedMemory', () => {
  it('answers what it remembered, and forgets everything once full', () => {
    const memory = new BoundedMemory<string, number>(3);
    expect(memory.remember('a', 1)).toBe(1);
    memory.remember('b', 2);
    memory.remember('c', 3);
    expect([memory.get('a'), memory.get('c'), memory.size]).toEqual([1, 3, 3]);
    memory.remember('d', 4);
    expect([memory.get('a'), memory.get('d'), memory.size]).toEqual([undefined, 4, 1]);
  });
});
