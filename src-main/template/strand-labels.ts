/** Display names of the curriculum strands the starter library is organised in. */
export const STRAND_LABELS: Readonly<Record<string, string>> = {
  'whole-numbers': 'Whole numbers & place value',
  operations: 'The four operations',
  fractions: 'Fractions',
  decimals: 'Decimals',
  percent: 'Percent',
  'ratio-rate': 'Ratio, rate & proportion',
  money: 'Money & financial literacy',
  time: 'Time & elapsed time',
  measurement: 'Measurement & units',
  'geometry-measure': 'Perimeter, area & volume',
  'angles-triangles': 'Angles, triangles & Pythagoras',
  coordinates: 'Coordinates & slope',
  integers: 'Integers & negatives',
  exponents: 'Exponents & scientific notation',
  'linear-equations': 'Linear equations & inequalities',
  systems: 'Systems of equations',
  quadratics: 'Quadratics',
  sequences: 'Sequences',
  probability: 'Probability & counting',
  statistics: 'Statistics',
};

export function strandLabel(strand: string): string {
  return STRAND_LABELS[strand] ?? strand.replace(/[-_]/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}
