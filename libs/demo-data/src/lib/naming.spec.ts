import { chineseNumeral, gridName, placeName, sequenceLabel, zoneName } from './naming';

describe('naming', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [23, '二十三'],
    [99, '九十九'],
    [100, '100'],
    [0, '0'],
  ])('chineseNumeral(%d) is %s', (n, expected) => {
    expect(chineseNumeral(n)).toBe(expected);
  });

  it.each([
    ['老街社区居委会', '老街社区'],
    ['新兴村委会', '新兴村'],
    ['陈家营村委会（大）', '陈家营村（大）'],
    ['联合村委会大', '联合村大'],
    ['官塘社区居民委员会', '官塘社区'],
    ['大圩村民委员会', '大圩村'],
  ])('placeName(%s) is %s', (official, expected) => {
    expect(placeName(official)).toBe(expected);
  });

  it('names zones and grids', () => {
    expect(zoneName(10)).toBe('第十片区');
    expect(gridName('老街社区居委会', 1)).toBe('老街社区第1网格');
  });

  it.each([
    [1, 10, 2, '01'],
    [10, 10, 2, '10'],
    [7, 400, 3, '007'],
    [7, 10_000, 3, '00007'],
  ])('sequenceLabel(%d of %d, at least %d digits) is %s', (n, count, digits, expected) => {
    expect(sequenceLabel(n, count, digits)).toBe(expected);
  });
});
