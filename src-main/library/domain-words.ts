/** A variable's domain in words, for the template detail ("whole number 2–40 in steps of 2"). */
import { fixedNumber, plainNumber } from '../template/format-value.js';
import type { Domain } from '../template/template.types.js';

const range = (min: string, max: string): string => `${min}–${max}`;

export function describeDomain(domain: Domain): string {
  switch (domain.kind) {
    case 'int': {
      const step = domain.step !== undefined && domain.step !== 1 ? ` in steps of ${plainNumber(domain.step)}` : '';
      return `whole number ${range(plainNumber(domain.min), plainNumber(domain.max))}${step}`;
    }
    case 'decimal':
      return `decimal ${range(plainNumber(domain.min), plainNumber(domain.max))} in steps of ${plainNumber(domain.step)}`;
    case 'money': {
      const money = (x: number): string => `${x < 0 ? '-' : ''}$${fixedNumber(Math.abs(x), 2)}`;
      const step = domain.step !== undefined ? ` in steps of ${money(domain.step)}` : '';
      return `money ${range(money(domain.min), money(domain.max))}${step}`;
    }
    case 'percent': {
      const step = domain.step !== undefined ? ` in steps of ${plainNumber(domain.step)}%` : '';
      return `percent ${range(`${plainNumber(domain.min)}%`, `${plainNumber(domain.max)}%`)}${step}`;
    }
    case 'year':
      return `year ${range(plainNumber(domain.min), plainNumber(domain.max))}`;
    case 'choice':
      return `one of ${domain.values.map((v) => (typeof v === 'string' ? `“${v}”` : plainNumber(v))).join(', ')}`;
    case 'list':
      return `a word from the list “${domain.list}”`;
    case 'fixed':
      return 'fixed (kept at its original value)';
  }
}
