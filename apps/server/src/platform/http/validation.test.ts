import { describe, expect, it } from 'vitest';
import { LazyCompiles, validatorCompiler } from './validation.js';

describe('LazyCompiles', () => {
  it('compiles a function on its first call, once, and no longer counts it as pending', () => {
    const lazy = new LazyCompiles();
    let compiled = 0;
    const double = lazy.defer(() => {
      compiled++;
      return (n: number) => n * 2;
    });
    expect(compiled).toBe(0);
    expect(lazy.pending).toBe(1);
    expect(double(2)).toBe(4);
    expect(double(5)).toBe(10);
    expect(compiled).toBe(1);
    expect(lazy.pending).toBe(0);
    expect(lazy.compileAll()).toBe(0);
  });

  it('compileAll compiles what is pending and throws what a compile throws', () => {
    const lazy = new LazyCompiles();
    const compile = validatorCompiler(lazy);
    const good = compile({
      schema: { type: 'object', properties: { n: { type: 'integer' } } },
      httpPart: 'body',
    } as never);
    compile({ schema: { type: 'no-such-type' }, httpPart: 'body' } as never);
    expect(lazy.pending).toBe(2);
    // Building the route did not compile the broken schema; forcing every pending one does.
    expect(() => lazy.compileAll()).toThrow(/no-such-type|type must be/);
    expect(good({ n: 1 })).toEqual({ value: { n: 1 } });
    expect(good({ n: 'x' })).toMatchObject({
      error: { validation: [expect.objectContaining({ keyword: 'type' })] },
    });
  });
});
