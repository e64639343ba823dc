/**
 * Shared helpers for the storage tests: temp database files, small hand-written templates, and a
 * made-up payload of any size (madeUpTemplates). The same workloads on real public corpora are in
 * tests/corpora/ (`npm run test:corpora`): `npm test` uses only what the repository holds or generates.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Template } from '../../src-main/template/template.types.js';

export interface TempDir {
  dir: string;
  file(name: string): string;
  remove(): void;
}

export function makeTempDir(prefix = 'imstudio-storage-'): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    file: (name) => path.join(dir, name),
    remove: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function coatTemplate(overrides: Partial<Template> = {}): Template {
  return {
    id: 'starter.percent.coat-sale',
    source: 'starter',
    original_problem: 'A coat costs $80 and is on sale for 25% off. What is the sale price?',
    generic_problem: 'A coat costs {price} and is on sale for {discount_percent} off. What is the sale price?',
    program:
      'def solution(price, discount_percent):\n    """Sale price after a percent discount."""\n    discount = price * discount_percent / 100\n    return round(price - discount, 2)\n',
    variables: { price: 80, discount_percent: 25 },
    original_answer: 60,
    answer_format: 'money',
    domains: {
      price: { kind: 'money', min: 20, max: 200, step: 5 },
      discount_percent: { kind: 'percent', min: 5, max: 50, step: 5 },
    },
    strand: 'percent',
    topic: 'percent',
    grade: { min: 6, max: 8 },
    difficulty: 1,
    ...overrides,
  };
}

const NAMES = ['Priya', 'Tomas', 'Ama', 'Kenji', 'Lucia', 'Omar', 'Ingrid', 'Wei', 'Zara', 'Mateo'];

/** Word problems written for these tests: eight scenes in the shape of grade-school problems. */
const SCENES: { text: (name: string, a: number, b: number, c: number) => string; params: [string, string, string]; body: string }[] = [
  {
    text: (n, a, b, c) => `${n}'s hens lay ${a} eggs every day. She uses ${b} of them for breakfast and sells the rest at the market for $${c} each. How much does she earn a day?`,
    params: ['eggs_per_day', 'eggs_eaten', 'price_per_egg'],
    body: 'eggs_sold = eggs_per_day - eggs_eaten\n    return eggs_sold * price_per_egg',
  },
  {
    text: (n, a, b) => `${n} bakes ${a} cookies for the school fair and packs them in bags of ${b}. How many bags can ${n} fill?`,
    params: ['cookies', 'per_bag', 'unused'],
    body: 'return cookies // per_bag',
  },
  {
    text: (_n, a, b) => `A train travels ${a * b} kilometers in ${b} hours. What is its average speed in kilometers per hour?`,
    params: ['distance_km', 'hours', 'unused'],
    body: 'return distance_km / hours',
  },
  {
    text: (n, a, b, c) => `${n} reads ${a} pages on Monday and ${b} pages on Tuesday of a ${a + b + c}-page novel. How many pages are left to read?`,
    params: ['monday', 'tuesday', 'total_pages'],
    body: 'return total_pages - monday - tuesday',
  },
  {
    text: (_n, a, b) => `A vegetable garden is ${a} meters long and ${b} meters wide. What is its area in square meters?`,
    params: ['length_m', 'width_m', 'unused'],
    body: 'return length_m * width_m',
  },
  {
    text: (n, a, b) => `${n} saves $${a} each week for ${b} weeks to buy a bicycle. How much money has ${n} saved?`,
    params: ['per_week', 'weeks', 'unused'],
    body: 'return per_week * weeks',
  },
  {
    text: (_n, a, b) => `A bakery sells ${a} muffins in the morning and ${b} muffins in the afternoon. How many muffins does it sell in a day?`,
    params: ['morning', 'afternoon', 'unused'],
    body: 'return morning + afternoon',
  },
  {
    text: (_n, a, b) => `There are ${a} students on a field trip and each bus holds ${b} students. How many buses are needed?`,
    params: ['students', 'per_bus', 'unused'],
    body: 'return -(-students // per_bus)',
  },
];

/**
 * `count` templates of made-up word problems (ids made.0000…, topics money / rates / counting in turn),
 * deterministic, with realistic sizes and a vocabulary a search can be tested on: template 0 is Priya's
 * hens (no other template before 80 shares both words), "cookies" is in every eighth.
 */
export function madeUpTemplates(count: number): Template[] {
  return Array.from({ length: count }, (_, index) => {
    const scene = SCENES[index % SCENES.length] ?? SCENES[0];
    if (scene === undefined) throw new Error('no scenes');
    const name = NAMES[Math.floor(index / SCENES.length) % NAMES.length] ?? 'Priya';
    const a = 12 + ((index * 7) % 80);
    const b = 2 + ((index * 3) % 9);
    const c = 1 + (index % 6);
    const [p, q, r] = scene.params;
    const text = scene.text(name, a, b, c);
    return {
      id: `made.${String(index).padStart(4, '0')}`,
      source: 'made-up',
      original_problem: text,
      generic_problem: text,
      program: `def solution(${p}, ${q}, ${r}):\n    """${text.replaceAll('"', "'")}"""\n    ${scene.body}\n`,
      variables: { [p]: a, [q]: b, [r]: c },
      original_answer: a,
      topic: index % 3 === 0 ? 'money' : index % 3 === 1 ? 'rates' : 'counting',
    };
  });
}
