/** Units: synonyms, plurals, conversions between units of one kind, and what counts as a unit at all. */
import { describe, expect, it } from 'vitest';
import { compareUnits, lookupUnit, readUnitText } from '../../src-main/checker/units.std.js';

describe('units', () => {
  it('treats spellings of one unit as the same', () => {
    for (const [a, b] of [['cm', 'centimetres'], ['km/h', 'kph'], ['km/h', 'kilometres per hour'], ['m^2', 'square meters'], ['l', 'litres'], ['h', 'hours'], ['ft', 'feet'], ['apples', 'apple'], ['boxes', 'box'], ['cups', 'cup']] as const) {
      expect(compareUnits(a, b), `${a} ~ ${b}`).toEqual({ relation: 'same' });
    }
  });

  it('converts exactly between units of one dimension', () => {
    expect(compareUnits('cm', 'm')).toEqual({ relation: 'convertible', factor: { n: 1n, d: 100n } });
    expect(compareUnits('h', 'min')).toEqual({ relation: 'convertible', factor: { n: 60n, d: 1n } });
    expect(compareUnits('m/s', 'km/h')).toEqual({ relation: 'convertible', factor: { n: 18n, d: 5n } });
    expect(lookupUnit('g/cm^3')?.dimension).toBe('mass/volume');
  });

  it('does not convert between different kinds or unknown words', () => {
    expect(compareUnits('cm', 'kg')).toEqual({ relation: 'different' });
    expect(compareUnits('°C', '°F')).toEqual({ relation: 'different' });
    expect(compareUnits('apples', 'pears')).toEqual({ relation: 'different' });
    expect(compareUnits('cm', 'apples')).toEqual({ relation: 'different' });
  });

  it('reads unit text after a number, but not algebra', () => {
    expect(readUnitText('cm')).toBe('cm');
    expect(readUnitText('Km / h')).toBe('km/h');
    expect(readUnitText('sq. ft.')).toBe('sq ft');
    expect(readUnitText('m^2')).toBe('m^2');
    expect(readUnitText('x')).toBeUndefined();
    expect(readUnitText('x + 1')).toBeUndefined();
    expect(readUnitText('cm 4')).toBeUndefined();
    expect(readUnitText('a b c d e')).toBeUndefined();
  });
});
