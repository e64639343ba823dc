/**
 * MathLive on demand (about 800 kB; only expression answers need it). Fonts come from KaTeX's
 * stylesheet, which the app already bundles under the same family names, so MathLive must not fetch
 * its own; keyboard sounds are off.
 */
import type { MathfieldElement } from 'mathlive';

let loading: Promise<typeof MathfieldElement> | null = null;

export function loadMathfield(): Promise<typeof MathfieldElement> {
  loading ??= import('mathlive').then(({ MathfieldElement: Element }) => {
    Element.fontsDirectory = null;
    Element.soundsDirectory = null;
    return Element;
  });
  return loading;
}
