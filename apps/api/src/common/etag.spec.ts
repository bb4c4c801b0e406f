import { etagMatches } from './etag';

describe('etagMatches', () => {
  it.each<[string | undefined, boolean]>([
    [undefined, false],
    ['', false],
    ['W/"a-1"', true],
    ['"a-1"', true],
    ['W/"a-2", W/"a-1"', true],
    [' W/"a-2" ,W/"a-1" ', true],
    ['*', true],
    ['W/"a-2"', false],
    ['W/"a-1x"', false],
  ])('If-None-Match %j → %s', (header, expected) => {
    expect(etagMatches(header, 'W/"a-1"')).toBe(expected);
  });
});
