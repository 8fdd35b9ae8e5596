// Style presets: one set of font sizes and line widths (in points) per purpose, so every figure of
// a paper (or of a talk) matches. Paper sizes follow common journal guidance: 7-9 pt text at print
// size, hairlines no thinner than 0.5 pt.

export interface FigureStyle {
  readonly name: 'paper' | 'talk';
  readonly font: string;
  /** Axis labels and titles. */
  readonly labelSize: number;
  readonly tickSize: number;
  readonly lineWidth: number;
  readonly axisWidth: number;
  readonly tickLength: number;
}

export const FIGURE_FONT = 'DejaVu Sans';

const PRESETS = {
  paper: { name: 'paper', font: FIGURE_FONT, labelSize: 8, tickSize: 7, lineWidth: 1, axisWidth: 0.6, tickLength: 3 },
  talk: { name: 'talk', font: FIGURE_FONT, labelSize: 14, tickSize: 12, lineWidth: 2.2, axisWidth: 1.1, tickLength: 5 },
} as const satisfies Record<FigureStyle['name'], FigureStyle>;

export type StyleName = FigureStyle['name'];
export const STYLE_NAMES = Object.keys(PRESETS) as StyleName[];

export function figureStyle(name: StyleName): FigureStyle {
  return PRESETS[name];
}
