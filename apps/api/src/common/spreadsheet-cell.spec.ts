import { spreadsheetCell } from './spreadsheet-cell';

describe('spreadsheetCell (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1+cmd|/C calc!A0', `'+1+cmd|/C calc!A0`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['-3', `'-3`], // text that looks like a number is text: it stays text
  ])('text %j that a spreadsheet would read as a formula gets a leading quote', (text, expected) => {
    expect(spreadsheetCell(text)).toBe(expected);
  });

  it.each(['第一片区', 'grid001', 'a=b', ' =1', "'quoted", ''])('ordinary text %j is left alone', (text) => {
    expect(spreadsheetCell(text)).toBe(text);
  });

  it.each([-3, -0.5, 0, 12.5, true, null])('a number, flag or empty cell (%j) stays as it is', (value) => {
    expect(spreadsheetCell(value)).toBe(value);
  });
});
