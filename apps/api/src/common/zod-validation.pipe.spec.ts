import { z } from 'zod';
import { AppError } from './app-error';
import { findUnsafeInput, MAX_INPUT_DEPTH, ZodValidationPipe } from './zod-validation.pipe';

const deep = (levels: number): unknown => (levels === 0 ? 'x' : { a: deep(levels - 1) });

describe('input no schema should have to judge', () => {
  it.each([
    ['a NUL character', { description: 'a\u0000b' }, 'description'],
    ['a lone high surrogate', { a: { b: '\uD800' } }, 'a.b'],
    ['a lone low surrogate', { list: ['ok', 'x\uDC00'] }, 'list.1'],
    ['a NUL in a field name', { 'bad\u0000key': 1 }, 'bad\u0000key'],
    ['nesting deeper than the limit', deep(MAX_INPUT_DEPTH + 1), 'a'.repeat(MAX_INPUT_DEPTH).split('').join('.')],
  ])('finds %s', (_what, value, path) => {
    expect(findUnsafeInput(value)?.path).toBe(path);
  });

  it.each([
    ['plain Chinese and emoji', { description: '门口垃圾没人清 😀 𠜎' }],
    ['RTL and zero-width characters (text, not broken text)', { description: '\u202Eabc\u200B' }],
    ['SQL and HTML fragments', { q: "'; DROP TABLE cases; -- <script>" }],
    ['nesting up to the limit', deep(MAX_INPUT_DEPTH - 1)],
    ['numbers, booleans and null', { a: 1, b: false, c: null }],
  ])('lets %s through to the schema', (_what, value) => {
    expect(findUnsafeInput(value)).toBeNull();
  });

  it('answers 400 naming the field, before the schema runs', () => {
    const pipe = new ZodValidationPipe(z.object({ description: z.string() }));
    try {
      pipe.transform({ description: 'nul\u0000' });
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).fields).toEqual({ description: 'contains a NUL character or invalid Unicode' });
    }
  });
});
