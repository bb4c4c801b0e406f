import { orderPaired } from './order-paired';

describe('orderPaired (包村 first in the whistle dialog)', () => {
  const list = [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }];

  it.each([
    [[], ['a', 'b', 'c', 'd']],
    [['c'], ['c', 'a', 'b', 'd']],
    [['d', 'b'], ['d', 'b', 'a', 'c']],
    [['x'], ['a', 'b', 'c', 'd']],
  ])('with %j paired lists %j', (paired, order) => {
    expect(orderPaired(list, paired).map((d) => d.id)).toEqual(order);
  });
});
