import { describe, expect, it } from 'vitest';
import { checkFileName, figureSize, suggestFileName, videoPlan, WIDTH_PRESETS } from './sizes.js';

describe('figure sizes', () => {
  it('gives pixels = inches x DPI, points = inches x 72', () => {
    const size = figureSize({ widthInches: WIDTH_PRESETS.single, heightInches: 2.17, dpi: 300 });
    expect(size).toMatchObject({ ok: true, value: { widthPx: 1050, heightPx: 651, widthPt: 252, scale: 300 / 96 } });
    expect(figureSize({ widthInches: WIDTH_PRESETS.double, heightInches: 4, dpi: 600 })).toMatchObject({ value: { widthPx: 4320, heightPx: 2400 } });
  });

  it('refuses absurd sizes and says what was received', () => {
    expect(figureSize({ widthInches: 3.5, heightInches: 2, dpi: 5000 })).toEqual({ ok: false, error: 'expected the resolution between 36 and 1200 DPI, received 5000 DPI' });
    expect(figureSize({ widthInches: -1, heightInches: 2, dpi: 300 })).toMatchObject({ ok: false, error: expect.stringContaining('received -1 in') });
    expect(figureSize({ widthInches: Number.NaN, heightInches: 2, dpi: 300 })).toMatchObject({ ok: false, error: 'expected the width as a number, received NaN' });
    expect(figureSize({ widthInches: 40, heightInches: 40, dpi: 1200 })).toMatchObject({ ok: false, error: expect.stringContaining('48000 x 48000') });
  });
});

describe('video plans', () => {
  it('rounds sizes down to even numbers and lists the levels', () => {
    expect(videoPlan({ width: 641, height: 481, fps: 24, firstLevel: 2, lastLevel: 5, levels: 10 }))
      .toEqual({ ok: true, value: { width: 640, height: 480, fps: 24, levels: [2, 3, 4, 5] } });
  });

  it('refuses bad ranges and sizes', () => {
    expect(videoPlan({ width: 100000, height: 480, fps: 24, firstLevel: 0, lastLevel: 1, levels: 2 })).toMatchObject({ ok: false, error: 'expected the width between 16 and 4096 px, received 100000 px' });
    expect(videoPlan({ width: 640, height: 480, fps: 24, firstLevel: 3, lastLevel: 1, levels: 5 })).toMatchObject({ ok: false, error: 'expected a time range of levels 0 <= first <= last <= 4, received 3 to 1' });
    expect(videoPlan({ width: 640, height: 480, fps: 0, firstLevel: 0, lastLevel: 1, levels: 5 })).toMatchObject({ ok: false });
    expect(videoPlan({ width: 640, height: 480, fps: 10, firstLevel: 0, lastLevel: 0, levels: 0 })).toMatchObject({ ok: false, error: expect.stringContaining('show a solution first') });
  });
});

describe('file names', () => {
  it('adds the extension and refuses folders', () => {
    expect(checkFileName('figure', 'pdf')).toEqual({ ok: true, value: 'figure.pdf' });
    expect(checkFileName('Figure.PDF', 'pdf')).toEqual({ ok: true, value: 'Figure.PDF' });
    expect(checkFileName('../x', 'png')).toMatchObject({ ok: false, error: expect.stringContaining('without folders') });
    expect(checkFileName('  ', 'png')).toMatchObject({ ok: false });
  });

  it('suggests names from titles', () => {
    expect(suggestFileName('Density heatmap', 'svg')).toBe('density-heatmap.svg');
    expect(suggestFileName('∂∂', 'gif')).toBe('figure.gif');
  });
});
