// A figure as a one-page PDF drawn with PDFKit: vector paths and rectangles, text as text in the
// embedded (subset) DejaVu Sans, math labels as positioned runs, and a map's body as its PNG.
// The page is the figure's size in points, so it drops into LaTeX at 100%.

import PDFDocument from 'pdfkit';
import type { Figure, FigureItem, FigureText } from '../../app/contract/index.js';
import { parseMathLabel, SCRIPT_SCALE, SUB_DROP, SUP_RISE } from '../../app/figure/math-label.js';
import { appVersion } from '../paths.js';
import type { FigureFonts } from './fonts.js';

const REGULAR = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';
const BASELINE = { alphabetic: 'alphabetic', middle: 'middle', top: 'hanging' } as const;

function drawText(doc: PDFKit.PDFDocument, item: FigureText): void {
  const runs = parseMathLabel(item.text).map((run) => {
    const size = run.shift === 'base' ? item.size : item.size * SCRIPT_SCALE;
    const rise = run.shift === 'sup' ? -SUP_RISE * item.size : run.shift === 'sub' ? SUB_DROP * item.size : 0;
    doc.font(item.bold === true ? BOLD : REGULAR).fontSize(size);
    return { ...run, size, rise, width: doc.widthOfString(run.text) };
  });
  const total = runs.reduce((sum, run) => sum + run.width, 0);
  let x = item.anchor === 'start' ? item.x : item.anchor === 'middle' ? item.x - total / 2 : item.x - total;
  doc.save();
  if (item.rotate !== undefined && item.rotate !== 0) doc.rotate(-item.rotate, { origin: [item.x, item.y] });
  doc.fillColor(item.color);
  for (const run of runs) {
    doc.font(item.bold === true ? BOLD : REGULAR).fontSize(run.size);
    doc.text(run.text, x, item.y + run.rise, { lineBreak: false, baseline: BASELINE[item.baseline] });
    x += run.width;
  }
  doc.restore();
}

function drawItem(doc: PDFKit.PDFDocument, item: FigureItem): void {
  switch (item.kind) {
    case 'path': {
      if (item.points.length < 4) return;
      doc.save().lineWidth(item.width).strokeColor(item.stroke).lineJoin('round');
      if (item.dash !== undefined && item.dash.length > 0) doc.dash(item.dash[0] as number, { space: item.dash[1] ?? item.dash[0] as number });
      doc.moveTo(item.points[0] as number, item.points[1] as number);
      for (let i = 2; i + 1 < item.points.length; i += 2) doc.lineTo(item.points[i] as number, item.points[i + 1] as number);
      doc.stroke().restore();
      return;
    }
    case 'rect':
      doc.save().rect(item.x, item.y, item.w, item.h);
      if (item.fill !== null && item.stroke !== null) doc.lineWidth(item.width).fillAndStroke(item.fill, item.stroke);
      else if (item.fill !== null) doc.fill(item.fill);
      else if (item.stroke !== null) doc.lineWidth(item.width).stroke(item.stroke);
      doc.restore();
      return;
    case 'text':
      drawText(doc, item);
      return;
    case 'image':
      doc.image(Buffer.from(item.png.buffer, item.png.byteOffset, item.png.byteLength), item.x, item.y, { width: item.w, height: item.h });
      return;
  }
}

export function figureToPdf(figure: Figure, fonts: FigureFonts): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: [figure.width, figure.height], margin: 0, autoFirstPage: true,
    info: { Title: figure.title, Creator: `MFG Workbench ${appVersion()}`, Producer: 'PDFKit' },
  });
  doc.registerFont(REGULAR, Buffer.from(fonts.regular));
  doc.registerFont(BOLD, Buffer.from(fonts.bold));
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
  if (figure.background !== null) doc.rect(0, 0, figure.width, figure.height).fill(figure.background);
  for (const item of figure.items) drawItem(doc, item);
  doc.end();
  return done;
}
