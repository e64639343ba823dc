/** Chart colours read from the page's CSS variables, re-read when the OS switches light/dark. */
import { useEffect, useState } from 'react';
import type { ChartPalette } from './chart-types.js';

function readPalette(): ChartPalette {
  const style = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--fg', '#1b1f2a'),
    muted: v('--fg-muted', '#5b6475'),
    line: v('--line', '#d9dee8'),
    accent: v('--accent', '#3552d8'),
    success: v('--success', '#16803c'),
    surface: v('--surface-2', '#f1f3f8'),
    heat: [v('--heat-low', '#c9d4ff'), v('--heat-high', '#3552d8')],
  };
}

export function useChartPalette(): ChartPalette {
  const [palette, setPalette] = useState(readPalette);
  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const update = (): void => setPalette(readPalette());
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return palette;
}
