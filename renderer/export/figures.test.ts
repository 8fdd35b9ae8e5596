// The vector figures of the 1D views, built from synthetic fields: what they contain (text, paths,
// the one raster of a map) and that they fit the requested size; then written as SVG.

import { describe, expect, it } from 'vitest';
import { defaultSpec, FigureSchema, ok, type Figure, type FieldRequest, type FieldSlice } from '../../app/contract/index.js';
import { readPngInfo } from '../../app/figure/png.js';
import { figureStyle } from '../../app/figure/style.js';
import { figureToSvg } from '../../app/figure/svg-writer.js';
import { SliceCache } from '../data/slice-cache.js';
import { createAppStore } from '../state/store.js';
import { VECTOR_FIGURES, type FigureRequest } from './figures.js';

const NX = 20;
const LEVELS = 11;

function slice(request: FieldRequest): FieldSlice {
  const values = new Float64Array(LEVELS * NX).map((_, i) => (request.field === 'm' ? 1 + Math.sin(i / 7) : (i % NX) / NX));
  return { field: request.field, levels: [0, LEVELS], shape: [LEVELS, NX], values };
}

async function data() {
  const store = createAppStore();
  const cache = new SliceCache(async (request) => ok(slice(request)));
  const source = { kind: 'run' as const, runId: 'run-1' };
  await cache.load({ source, field: 'm' });
  await cache.load({ source, field: 'u' });
  store.setState({
    shown: {
      key: 'run:run-1', source, title: 'test', spec: defaultSpec(), status: 'converged', message: '', iterations: 3, seconds: 1,
      grid: { dimension: 1, points: [NX], lower: [0], upper: [1], spacing: [1 / NX], cell_centres: true, time_levels: LEVELS, stored_levels: LEVELS, store_every: 1 },
      times: new Float64Array(LEVELS).map((_, i) => i / (LEVELS - 1)),
      history: [1, 2, 3].map((iteration) => ({ iteration, phase: 'newton', residual: 10 ** -(3 * iteration), residual_hjb: 10 ** -(3 * iteration + 1), residual_fp: null })),
    },
  });
  return { state: store.getState(), cache };
}

const request: FigureRequest = { level: 5, widthPt: 252, heightPt: 156, style: figureStyle('paper'), transparent: false };
const texts = (figure: Figure): string[] => figure.items.flatMap((item) => (item.kind === 'text' ? [item.text] : []));
const count = (figure: Figure, kind: string): number => figure.items.filter((item) => item.kind === kind).length;

describe('vector figures of the 1D views', () => {
  it('draws a space-time map as one image at grid resolution, vector axes and a vector colorbar', async () => {
    const figure = VECTOR_FIGURES['heatmap-m']?.(await data(), request);
    if (figure === undefined || typeof figure === 'string') throw new Error(`no figure: ${String(figure)}`);
    expect(FigureSchema.safeParse(figure).success).toBe(true);
    expect(count(figure, 'image')).toBe(1);
    const image = figure.items.find((item) => item.kind === 'image');
    expect(image?.kind === 'image' && readPngInfo(image.png)).toMatchObject({ width: NX, height: LEVELS });
    expect(texts(figure)).toEqual(expect.arrayContaining(['x', 't', 'Density m(t,x)', '0.5']));
    expect(count(figure, 'rect')).toBeGreaterThan(64);
    for (const item of figure.items) {
      if (item.kind === 'text' || item.kind === 'image') {
        expect(item.x).toBeGreaterThanOrEqual(0);
        expect(item.x).toBeLessThanOrEqual(request.widthPt);
      }
    }
  });

  it('draws the slice, mass and convergence as vector plots without images', async () => {
    const input = await data();
    for (const id of ['slice', 'mass', 'convergence']) {
      const figure = VECTOR_FIGURES[id]?.(input, { ...request, transparent: true });
      if (figure === undefined || typeof figure === 'string') throw new Error(`no figure for ${id}: ${String(figure)}`);
      expect(count(figure, 'image')).toBe(0);
      expect(count(figure, 'path')).toBeGreaterThan(4);
      expect(figure.background).toBeNull();
      expect(figureToSvg(figure)).not.toContain('<image');
    }
    const slice = VECTOR_FIGURES.slice?.(input, request) as Figure;
    expect(texts(slice)).toEqual(expect.arrayContaining(['m(t,x)', 'u(t,x)', 'At t = 0.5']));
  });

  it('says why when there is nothing to draw', () => {
    const empty = { state: createAppStore().getState(), cache: new SliceCache(async (r) => ok(slice(r))) };
    expect(VECTOR_FIGURES['heatmap-u']?.(empty, request)).toBe('this view has no finite values to draw yet');
    expect(VECTOR_FIGURES.convergence?.(empty, request)).toBe('no iterations recorded');
  });
});
