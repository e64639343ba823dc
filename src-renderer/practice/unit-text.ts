/** A unit as shown beside the answer box: `cm^2` → `cm²`, `m^3` → `m³`. */
const SUPERSCRIPTS: Record<string, string> = { '2': '²', '3': '³' };

export function unitText(unit: string): string {
  return unit.replace(/\^\{?([23])\}?/g, (_, digit: string) => SUPERSCRIPTS[digit] ?? `^${digit}`);
}
