/**
 * InfinityMATH-shaped rows made up by us (the real file is 187 MB and not ours to ship): the eight
 * fields the dataset is described with, programs in its function-call style, bare variable names in
 * the generalized text. Used by import tests and the import benchmark.
 */
import fs from 'node:fs';

const ITEMS = ['apples', 'marbles', 'stickers', 'books', 'pencils', 'shells', 'stamps', 'cards'];

export function syntheticRow(i: number, padTo = 0): Record<string, unknown> {
  const item = ITEMS[i % ITEMS.length] ?? 'apples';
  const a = 10 + (i % 90);
  const b = 2 + (i % 7);
  const price = 1 + (i % 5);
  const program = [
    `def solution(num_${item}, num_boxes, price_per_box):`,
    `    """There are num_${item} ${item} and num_boxes boxes. Each box costs price_per_box dollars. What do the boxes and the ${item} in them cost together?"""`,
    `    # ${item} in each box`,
    `    per_box = num_${item} / num_boxes`,
    '    # cost of all boxes',
    '    boxes_cost = num_boxes * price_per_box',
    '    # the answer combines both figures',
    '    result = boxes_cost + per_box',
    '    return result',
  ].join('\n');
  const row: Record<string, unknown> = {
    source: i % 3 === 0 ? 'gsm8k' : i % 3 === 1 ? 'math' : 'aqua',
    original_problem: `There are ${a} ${item} and ${b} boxes. Each box costs ${price} dollars. What do the boxes and the ${item} in them cost together? (row ${i})`,
    generalized_problem: `There are num_${item} ${item} and num_boxes boxes. Each box costs price_per_box dollars. What do the boxes and the ${item} in them cost together? (row ${i})`,
    generated_program: program,
    variables: { [`num_${item}`]: a, num_boxes: b, price_per_box: price },
    ori_answer: i % 2 === 0 ? b * price + a / b : String(b * price + a / b),
    gen_answer: b * price + a / b,
    id: `synthetic-${i}`,
  };
  if (padTo > 0) {
    // Real rows carry long programs and texts; pad the program with comments to reach the real size.
    const size = JSON.stringify(row).length;
    if (size < padTo) row.generated_program = `${program}\n${'# notes on the solution path '.repeat(Math.ceil((padTo - size) / 30)).slice(0, padTo - size)}`;
  }
  return row;
}

/** Writes `rows` synthetic rows; `bad` maps a line number (1-based) to the raw text to put there instead. */
export function writeSyntheticFile(file: string, rows: number, opts: { bad?: Record<number, string>; padTo?: number } = {}): void {
  const fd = fs.openSync(file, 'w');
  try {
    let chunk: string[] = [];
    for (let line = 1; line <= rows; line++) {
      chunk.push(opts.bad?.[line] ?? JSON.stringify(syntheticRow(line, opts.padTo ?? 0)));
      if (chunk.length === 2000) {
        fs.writeSync(fd, `${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length > 0) fs.writeSync(fd, `${chunk.join('\n')}\n`);
  } finally {
    fs.closeSync(fd);
  }
}
