/** Shared by the authoring tests: a GSM8K problem, programs for it (good, broken, wrong) and model replies. */
export const NATALIA = {
  problem:
    'Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether in April and May?',
  answer: '72',
};

export const GOOD_PROGRAM = `def solution(friends):
    """Clips Natalia sold in April and May together."""
    april = friends  # clips sold in April, one per friend
    may = april / 2  # half as many clips in May
    total = april + may  # clips sold in both months
    return total
`;

/** Missing colon after the def: a SyntaxError in the sandbox. */
export const SYNTAX_ERROR_PROGRAM = GOOD_PROGRAM.replace('def solution(friends):', 'def solution(friends)');

/** Doubles May instead of halving it: runs, but gives 144. */
export const WRONG_PROGRAM = GOOD_PROGRAM.replace('may = april / 2', 'may = april * 2').replace('half as many', 'twice as many');

export const RANGES_JSON = '```json\n{"ranges": {"friends": {"min": 2, "max": 100, "step": 2}}, "criteria": ["answer > 0"]}\n```';

/** A reply as a chatty model writes it: prose, a fenced program, the ranges. */
export function reply(program: string): string {
  return `Sure! Here is the program.\n\n\`\`\`python\n${program}\`\`\`\n\nAnd the ranges:\n${RANGES_JSON}\n`;
}
