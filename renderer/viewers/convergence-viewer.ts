// Convergence history on a log scale: the residual (and its HJB and Fokker-Planck parts) per outer
// iteration of the shown solution, the tolerance it aimed for, and, while a newer solve runs, its
// iterations so far in grey.

import { formatNumber } from '../model/format.js';
import { linearScale, logScale, nearestIndex } from '../model/scales.js';
import { linearTicks, logRange, logTicks } from '../model/ticks.js';
import type { AppState } from '../state/store.js';
import type { HistoryPoint } from '../state/view-slice.js';
import { historyPoint } from '../data/shown.js';
import { drawFrame, drawLegendRows, drawMessage, legendHeight, drawSeries, drawXAxis, drawYAxis, INK, TITLE_FONT, type SeriesStyle } from './axes.js';
import { CanvasViewer, inside, type Box } from './canvas-viewer.js';

const STYLES = {
  residual: { color: INK.series[0], width: 2 },
  hjb: { color: INK.series[1], width: 1.25, dash: [5, 3] },
  fp: { color: INK.series[2], width: 1.25, dash: [2, 2] },
  live: { color: INK.live, width: 2 },
  tolerance: { color: INK.axis, width: 1, dash: [8, 4] },
} satisfies Record<string, SeriesStyle>;

export class ConvergenceViewer extends CanvasViewer {
  private live: readonly HistoryPoint[] = [];

  protected needsRedraw(state: AppState, previous: AppState): boolean {
    return state.shown !== previous.shown || state.solve.liveHistory !== previous.solve.liveHistory || state.solve.phase !== previous.solve.phase;
  }

  /** The legend sits between the title and the plot, `legendSpace` tall. */
  private box(legendSpace = this.legendSpace): Box {
    const top = 20 + legendSpace + 4;
    return { left: 62, top, width: Math.max(10, this.cssWidth - 62 - 12), height: Math.max(10, this.cssHeight - top - 34) };
  }

  private legendSpace = 14;

  private series(state: AppState): { shown: readonly HistoryPoint[]; live: readonly HistoryPoint[] } {
    if (state.solve.phase === 'solving' && state.solve.liveHistory !== undefined) {
      if (this.live.length !== state.solve.liveHistory.length) this.live = state.solve.liveHistory.map(historyPoint);
    } else {
      this.live = [];
    }
    return { shown: state.shown?.history ?? [], live: this.live };
  }

  protected draw(state: AppState): void {
    const { shown, live } = this.series(state);
    this.elements.canvas.dataset.solution = state.shown?.key ?? '';
    this.elements.canvas.dataset.iterations = String(shown.length);
    this.elements.canvas.dataset.liveIterations = String(live.length);
    this.ctx.font = TITLE_FONT;
    this.ctx.fillStyle = INK.text;
    this.ctx.textAlign = 'left';
    this.ctx.textBaseline = 'alphabetic';
    this.ctx.fillText('Convergence', 62, 13);
    const tolerance = state.shown?.spec.solver.tolerance ?? state.parameters.spec.solver.tolerance;
    const values = [...shown, ...live].flatMap((p) => [p.residual, p.residual_hjb, p.residual_fp]).filter((v): v is number => v !== null);
    const yRange = logRange([...values, tolerance]);
    if (shown.length === 0 && live.length === 0 || yRange === undefined) {
      drawMessage(this.ctx, this.cssWidth, this.cssHeight, state.shown === null ? 'No solution yet' : 'No iterations recorded');
      return;
    }
    const legend = [
      { label: 'residual', style: STYLES.residual },
      { label: 'HJB', style: STYLES.hjb },
      { label: 'Fokker-Planck', style: STYLES.fp },
      { label: 'tolerance', style: STYLES.tolerance },
      { label: 'solving…', style: STYLES.live, hidden: live.length === 0 },
    ];
    const legendWidth = this.cssWidth - 62 - 12;
    this.legendSpace = legendHeight(this.ctx, legendWidth, legend);
    drawLegendRows(this.ctx, 62, 20, legendWidth, legend);
    const box = this.box();
    const lastIteration = Math.max(1, ...shown.map((p) => p.iteration), ...live.map((p) => p.iteration));
    const x = linearScale([0, lastIteration], [box.left, box.left + box.width]);
    const y = logScale(yRange, [box.top + box.height, box.top]);
    drawXAxis(this.ctx, box, x, linearTicks(0, lastIteration, Math.max(2, Math.floor(box.width / 60))).filter((t) => Number.isInteger(t.value)), 'iteration');
    drawYAxis(this.ctx, box, y, logTicks(yRange[0], yRange[1], Math.max(2, Math.floor(box.height / 24))), 'residual');
    drawFrame(this.ctx, box);
    drawSeries(this.ctx, box, [0, lastIteration], [tolerance, tolerance], x, y, STYLES.tolerance);
    const its = shown.map((p) => p.iteration);
    const num = (v: number | null): number => v ?? Number.NaN;
    drawSeries(this.ctx, box, its, shown.map((p) => num(p.residual_hjb)), x, y, STYLES.hjb);
    drawSeries(this.ctx, box, its, shown.map((p) => num(p.residual_fp)), x, y, STYLES.fp);
    drawSeries(this.ctx, box, its, shown.map((p) => num(p.residual)), x, y, STYLES.residual);
    if (live.length > 0) drawSeries(this.ctx, box, live.map((p) => p.iteration), live.map((p) => num(p.residual)), x, y, STYLES.live);
  }

  protected describePoint(px: number, py: number, state: AppState): string {
    const box = this.box();
    const { shown } = this.series(state);
    if (!inside(box, px, py) || shown.length === 0) return '';
    const last = Math.max(1, ...shown.map((p) => p.iteration));
    const iteration = nearestIndex(linearScale([0, last], [box.left, box.left + box.width]).invert(px), 0, last, last + 1);
    const point = shown.find((p) => p.iteration === iteration);
    if (point === undefined) return '';
    return `iteration ${point.iteration} (${point.phase.replace('_', ' ')}): residual ${formatNumber(point.residual, 3)}, HJB ${formatNumber(point.residual_hjb, 3)}, FP ${formatNumber(point.residual_fp, 3)}`;
  }
}
