import { csvLine, parseCsv } from './csv';

describe('parseCsv', () => {
  it.each([
    ['plain rows with CRLF', 'a,b\r\nc,d\r\n', [['a', 'b'], ['c', 'd']]],
    ['a last line without a break, and a BOM', '\ufeffa,b\nc,d', [['a', 'b'], ['c', 'd']]],
    ['quoted commas, doubled quotes and line breaks', '"x, y","say ""hi""","two\nlines"\n', [['x, y', 'say "hi"', 'two\nlines']]],
    ['empty cells', ',,\n', [['', '', '']]],
  ])('reads %s', (_what, text, rows) => {
    expect(parseCsv(text)).toEqual({ rows, error: null });
  });

  it('reports an unclosed quote with its line', () => {
    expect(parseCsv('a,b\n"open,c\n').error).toBe('a quote opened on line 2 is never closed');
  });

  it('writes what it reads', () => {
    const cells = ['王芳', 'a,b', 'say "hi"', ' padded', '', 42];
    expect(parseCsv(csvLine(cells)).rows).toEqual([cells.map(String)]);
  });
});
