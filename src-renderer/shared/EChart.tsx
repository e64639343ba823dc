/** A small React wrapper around one ECharts instance: created once, options replaced, resized with its box. */
import { useEffect, useRef, useState } from 'react';
import type { ECharts } from 'echarts/core';
import type { ChartOption } from './chart-types.js';
import { createChart } from './echarts-setup.js';

interface Props {
  option: ChartOption;
  height: number;
  testId: string;
}

export function EChart({ option, height, testId }: Props) {
  const element = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<ECharts | null>(null);
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    const el = element.current;
    if (el === null) return;
    const instance = createChart(el);
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(el);
    setChart(instance);
    return () => {
      resize.disconnect();
      instance.dispose();
    };
  }, []);

  useEffect(() => {
    if (chart === null) return;
    setDrawn(false);
    // Listening starts here, not at init (an empty chart reports 'finished' too), and before
    // setOption, which renders synchronously: without animation, 'finished' fires inside it.
    const done = (): void => setDrawn(true);
    chart.on('finished', done);
    chart.setOption(option, { notMerge: true });
    return () => {
      chart.off('finished', done);
    };
  }, [chart, option]);

  // data-drawn lets tests wait for the chart instead of sleeping.
  return <div ref={element} className="chart" style={{ height }} data-testid={testId} data-drawn={drawn ? 'yes' : 'no'} />;
}
