/** Exact arithmetic, rounding and the float snapping the decimal rules rest on. */
import { describe, expect, it } from 'vitest';
import { decimalPlaces, parseDecimalLiteral, rat, roundTo, toDecimalString } from '../../src-main/checker/rational.std.js';
import { snapFloat } from '../../src-main/checker/expected.std.js';

describe('rational', () => {
  it('reduces and keeps the sign in the numerator', () => {
    expect(rat(6n, 8n)).toEqual({ n: 3n, d: 4n });
    expect(rat(3n, -6n)).toEqual({ n: -1n, d: 2n });
    expect(rat(0n, 5n)).toEqual({ n: 0n, d: 1n });
    expect(() => rat(1n, 0n)).toThrow(RangeError);
  });

  it('rounds half up (away from zero), half to even, or cuts off', () => {
    expect(roundTo(rat(225n, 100n), 1, 'half_up')).toEqual(rat(23n, 10n));
    expect(roundTo(rat(225n, 100n), 1, 'half_even')).toEqual(rat(22n, 10n));
    expect(roundTo(rat(235n, 100n), 1, 'half_even')).toEqual(rat(24n, 10n));
    expect(roundTo(rat(-225n, 100n), 1, 'half_up')).toEqual(rat(-23n, 10n));
    expect(roundTo(rat(2n, 3n), 2, 'trunc')).toEqual(rat(66n, 100n));
    expect(roundTo(rat(2n, 3n), 2, 'half_up')).toEqual(rat(67n, 100n));
  });

  it('knows which rationals terminate as decimals', () => {
    expect(decimalPlaces(rat(3n, 4n))).toBe(2);
    expect(decimalPlaces(rat(1n, 3n))).toBeUndefined();
    expect(decimalPlaces(rat(7n))).toBe(0);
    expect(decimalPlaces(rat(1n, 80n))).toBe(4);
  });

  it('reads the decimal literals that Number.prototype.toString writes', () => {
    expect(parseDecimalLiteral('0.1')?.value).toEqual(rat(1n, 10n));
    expect(parseDecimalLiteral('1e+21')?.value).toEqual(rat(10n ** 21n));
    expect(parseDecimalLiteral('1.5e-7')?.value).toEqual(rat(15n, 10n ** 8n));
    expect(parseDecimalLiteral('-12')?.value).toEqual(rat(-12n));
    expect(parseDecimalLiteral('1e99999')).toBeUndefined();
    expect(parseDecimalLiteral('abc')).toBeUndefined();
  });

  it('prints decimals with grouping and marks non-terminating ones', () => {
    expect(toDecimalString(rat(5003n, 4n), { group: true })).toBe('1,250.75');
    expect(toDecimalString(rat(1n, 3n), { maxPlaces: 4 })).toBe('0.3333…');
    expect(toDecimalString(rat(-1n, 2n), { minPlaces: 2 })).toBe('-0.50');
  });
});

describe('snapFloat: binary noise is removed, long values stay long', () => {
  it.each([
    [0.1 + 0.2, '3/10'],
    [3244047.0999999996, '32440471/10'],
    [12.0, '12'],
    [2.675, '107/40'],
    [1e21, '1000000000000000000000'],
  ])('%d → %s', (v, want) => {
    const r = snapFloat(v);
    expect(r === undefined ? undefined : r.d === 1n ? r.n.toString() : `${r.n.toString()}/${r.d.toString()}`).toBe(want);
  });

  it('keeps 1/3 and 14053029.666666666 as the long decimals they are', () => {
    expect(decimalPlaces(snapFloat(1 / 3) ?? rat(0n))).toBe(16);
    expect(decimalPlaces(snapFloat(14053029.666666666) ?? rat(0n))).toBe(9);
  });

  it('refuses non-finite floats', () => {
    expect(snapFloat(Number.NaN)).toBeUndefined();
    expect(snapFloat(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});
