import { describe, expect, it } from 'vitest';
import { FigureSchema, type Figure } from '../contract/index.js';
import { encodePng } from './png.js';
import { axesItems, colorbarItems, seriesItems } from './plot.js';
import { figureStyle } from './style.js';
import { figureToSvg } from './svg-writer.js';

const style = figureStyle('paper');
const box = { x: 40, y: 10, w: 150, h: 100 };
const x = { domain: [0, 1] as const, ticks: [{ value: 0, label: '0' }, { value: 0.5, label: '0.5' }, { value: 1, label: '1' }], label: 'x' };
const y = { domain: [0, 2] as const, ticks: [{ value: 0, label: '0' }, { value: 2, label: '2' }], label: 'm(t,x)' };

function plotFigure(): Figure {
  return {
    width: 252, height: 156, background: '#ffffff', title: 'Density & <profile>',
    items: [...axesItems(box, x, y, style), ...seriesItems(box, x, y, [{ xs: [0, 0.5, Number.NaN, 1], ys: [0, 1, 1, 2], color: '#1c64f2' }], style),
      { kind: 'text', x: 10, y: 10, text: '\\nu = 0.1, x^2', size: 8, color: '#000000', anchor: 'start', baseline: 'alphabetic' }],
  };
}

describe('SVG writer', () => {
  it('writes axes and labels as text, lines as paths, and no image for a plot', () => {
    const svg = figureToSvg(plotFigure());
    expect(FigureSchema.safeParse(plotFigure()).success).toBe(true);
    expect(svg).toContain('width="252pt" height="156pt" viewBox="0 0 252 156"');
    expect(svg).toContain('<title>Density &amp; &lt;profile&gt;</title>');
    expect(svg).toMatch(/<text [^>]*text-anchor="middle"[^>]*>0\.5<\/text>/);
    expect(svg).toMatch(/<text [^>]*transform="rotate\(-90 [^"]+\)"[^>]*>m\(t,x\)<\/text>/);
    expect(svg).toContain('<tspan>ν = 0.1, x</tspan><tspan dy="-3.04" font-size="5.6">2</tspan>');
    expect(svg).not.toContain('<image');
    // The NaN breaks the series into two paths of 2 points each (one of them too short to draw).
    expect(svg.match(/stroke="#1c64f2"/g)?.length).toBe(1);
  });

  it('embeds fonts as @font-face data and the map body as one PNG image', () => {
    const png = encodePng(new Uint8Array(4 * 4 * 4).fill(128), 4, 4);
    const figure: Figure = {
      ...plotFigure(), background: null,
      items: [{ kind: 'image', x: 40, y: 10, w: 150, h: 100, png, pixelated: true }, ...colorbarItems({ x: 200, y: 10, w: 8, h: 100 }, ['#000000', '#ffffff'], y, style)],
    };
    const svg = figureToSvg(figure, { fonts: [{ family: 'DejaVu Sans', bold: false, data: new Uint8Array([1, 2, 3]) }], pixelWidth: 1050, pixelHeight: 650 });
    expect(svg).toContain("@font-face{font-family:'DejaVu Sans';font-weight:normal;src:url(data:font/ttf;base64,AQID) format('truetype');}");
    expect(svg).toContain('width="1050" height="650"');
    expect(svg.match(/<image /g)?.length).toBe(1);
    expect(svg).toContain('image-rendering="pixelated"');
    expect(svg).not.toContain('<rect width="100%"');
    // The colorbar is vector: one band per colour plus its frame.
    expect(svg.match(/<rect [^>]*fill="#(000000|ffffff)"/g)?.length).toBe(2);
  });
});
