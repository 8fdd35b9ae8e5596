// "Export…": a figure (PNG at a DPI and physical width, SVG, PDF) or an animation (MP4, GIF) of
// one view, with a progress bar and Cancel. The result line says where the file went and which
// encoder made it; it carries data attributes that the journeys read.

import { useEffect, useId, useRef, useState, type ReactElement } from 'react';
import type { AppError } from '../../app/contract/index.js';
import { DEFAULT_ASPECT, suggestFileName, WIDTH_PRESETS, type ExportFormat } from '../../app/figure/sizes.js';
import { STYLE_NAMES, type StyleName } from '../../app/figure/style.js';
import { useApp, useWorkbench } from '../components/workbench.js';
import { runExport, type ExportOutcome, type ExportProgress, type ExportRequest } from '../export/run-export.js';
import { VECTOR_FIGURES } from '../export/figures.js';
import { frameSources } from '../viewers/frame-source.js';

const FORMATS: readonly { id: ExportFormat; label: string }[] = [
  { id: 'png', label: 'PNG image' }, { id: 'svg', label: 'SVG (vector)' }, { id: 'pdf', label: 'PDF (vector)' },
  { id: 'mp4', label: 'MP4 video (H.264)' }, { id: 'gif', label: 'GIF animation' },
];

type Status = { state: 'idle' } | { state: 'running'; progress: ExportProgress } | { state: 'done'; outcome: ExportOutcome } | { state: 'error'; error: AppError };

const isVideo = (format: ExportFormat): boolean => format === 'mp4' || format === 'gif';

function describeOutcome(outcome: ExportOutcome): string {
  const size = outcome.bytes >= 1e6 ? `${(outcome.bytes / 1e6).toFixed(1)} MB` : `${Math.max(1, Math.round(outcome.bytes / 1e3))} kB`;
  const rate = outcome.frames > 1 ? `, ${outcome.frames} frames in ${outcome.seconds.toFixed(1)} s (${(outcome.frames / outcome.seconds).toFixed(1)} frames/s)` : '';
  const encoder = outcome.encoder === undefined ? '' : ` Encoded with ${outcome.encoder === 'webcodecs' ? 'WebCodecs (in the browser)' : 'ffmpeg (in the main process)'}${outcome.fallbackReason === undefined ? '' : ` because ${outcome.fallbackReason}`}.`;
  return `Saved ${outcome.path} (${size}${rate}).${encoder}`;
}

/** A labelled control (label and control are siblings, so the label names only the control). */
function Field({ label, children }: { label: string; children: (id: string) => ReactElement }) {
  const id = useId();
  return (
    <div className="export-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

function NumberField({ label, value, onChange, step = 'any', min }: { label: string; value: number; onChange: (v: number) => void; step?: string; min?: number }) {
  return (
    <Field label={label}>
      {(id) => <input id={id} type="number" value={Number.isFinite(value) ? value : ''} step={step} min={min} onChange={(event) => onChange(event.target.valueAsNumber)} />}
    </Field>
  );
}

function useExportForm(levels: number, cursorLevel: number) {
  const [viewId, setViewId] = useState('heatmap-m');
  const [format, setFormat] = useState<ExportFormat>('png');
  const [fileName, setFileName] = useState('');
  const [folder, setFolder] = useState('');
  const [widthInches, setWidthInches] = useState<number>(WIDTH_PRESETS.single);
  const [heightInches, setHeightInches] = useState<number>(Math.round(WIDTH_PRESETS.single * DEFAULT_ASPECT * 100) / 100);
  const [dpi, setDpi] = useState(300);
  const [transparent, setTransparent] = useState(false);
  const [style, setStyle] = useState<StyleName>('paper');
  const [firstLevel, setFirstLevel] = useState(0);
  const [lastLevel, setLastLevel] = useState(Math.max(0, levels - 1));
  const [fps, setFps] = useState(24);
  const [widthPx, setWidthPx] = useState(1280);
  const [heightPx, setHeightPx] = useState(720);
  const [quality, setQuality] = useState<ExportRequest['quality']>('high');
  const [encoder, setEncoder] = useState<ExportRequest['encoder']>('auto');
  useEffect(() => setLastLevel(Math.max(0, levels - 1)), [levels]);
  const request: ExportRequest = {
    viewId, format, fileName, folder, level: cursorLevel, widthInches, heightInches, dpi, transparent, style,
    firstLevel, lastLevel, fps, widthPx, heightPx, quality, encoder,
  };
  const set = { setViewId, setFormat, setFileName, setFolder, setWidthInches, setHeightInches, setDpi, setTransparent, setStyle, setFirstLevel, setLastLevel, setFps, setWidthPx, setHeightPx, setQuality, setEncoder };
  return { request, set };
}

type Form = ReturnType<typeof useExportForm>;

/** Size, resolution and look of a still figure (PNG, SVG, PDF). */
function FigureFields({ request, set }: Form) {
  return (
    <>
      <Field label="Width preset">
        {(id) => (<select id={id} value={request.widthInches === WIDTH_PRESETS.single ? 'single' : request.widthInches === WIDTH_PRESETS.double ? 'double' : 'custom'}
            onChange={(e) => {
              const inches = e.target.value === 'double' ? WIDTH_PRESETS.double : WIDTH_PRESETS.single;
              if (e.target.value === 'custom') return;
              set.setWidthInches(inches);
              set.setHeightInches(Math.round(inches * DEFAULT_ASPECT * 100) / 100);
            }}>
            <option value="single">Single column (3.5 in)</option>
            <option value="double">Double column (7.2 in)</option>
            <option value="custom">Custom</option>
          </select>)}
      </Field>
      <NumberField label="Width (in)" value={request.widthInches} onChange={set.setWidthInches} />
      <NumberField label="Height (in)" value={request.heightInches} onChange={set.setHeightInches} />
      {request.format === 'png' && <NumberField label="Resolution (DPI)" value={request.dpi} onChange={set.setDpi} step="1" />}
      <Field label="Style">
        {(id) => (<select id={id} value={request.style} onChange={(e) => set.setStyle(e.target.value as StyleName)}>
            {STYLE_NAMES.map((name) => <option key={name} value={name}>{name === 'paper' ? 'Paper (8 pt)' : 'Talk (14 pt)'}</option>)}
          </select>)}
      </Field>
      <label className="export-check"><input type="checkbox" checked={request.transparent} onChange={(e) => set.setTransparent(e.target.checked)} /> Transparent background</label>
    </>
  );
}

/** Time range, frame rate, size, quality and encoder of an animation (MP4, GIF). */
function VideoFields({ request, set }: Form) {
  return (
    <>
      <NumberField label="First level" value={request.firstLevel} onChange={set.setFirstLevel} step="1" min={0} />
      <NumberField label="Last level" value={request.lastLevel} onChange={set.setLastLevel} step="1" min={0} />
      <NumberField label="Frames per second" value={request.fps} onChange={set.setFps} />
      <NumberField label="Width (px)" value={request.widthPx} onChange={set.setWidthPx} step="2" />
      <NumberField label="Height (px)" value={request.heightPx} onChange={set.setHeightPx} step="2" />
      <Field label="Quality">
        {(id) => (<select id={id} value={request.quality} onChange={(e) => set.setQuality(e.target.value as ExportRequest['quality'])}>
            <option value="high">High</option><option value="medium">Medium</option><option value="low">Low (smaller file)</option>
          </select>)}
      </Field>
      {request.format === 'mp4' && <Field label="Encoder">
        {(id) => (<select id={id} value={request.encoder} onChange={(e) => set.setEncoder(e.target.value as ExportRequest['encoder'])}>
            <option value="auto">Automatic (WebCodecs if it can, else ffmpeg)</option><option value="ffmpeg">ffmpeg</option>
          </select>)}
      </Field>}
    </>
  );
}

export function ExportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { store, session } = useWorkbench();
  const dialog = useRef<HTMLDialogElement>(null);
  const abort = useRef<AbortController | null>(null);
  const levels = useApp((s) => s.shown?.times.length ?? 0);
  const cursorLevel = useApp((s) => s.cursor.level);
  const { request, set } = useExportForm(levels, cursorLevel);
  const [status, setStatus] = useState<Status>({ state: 'idle' });
  const [defaultFolder, setDefaultFolder] = useState('');
  const sources = open ? frameSources() : [];
  const title = sources.find((s) => s.id === request.viewId)?.title ?? request.viewId;
  const fileName = request.fileName === '' ? suggestFileName(title, request.format) : request.fileName;

  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
    if (open && session !== null) {
      void session.services.export.capabilities().then((found) => { if (found.ok) setDefaultFolder(found.value.defaultFolder); });
    }
  }, [open, session]);

  const start = async (): Promise<void> => {
    if (session === null) return;
    const controller = new AbortController();
    abort.current = controller;
    setStatus({ state: 'running', progress: { done: 0, total: 0 } });
    const result = await runExport({ services: session.services, store, cache: session.cache }, { ...request, fileName },
      (progress) => setStatus({ state: 'running', progress }), controller.signal);
    abort.current = null;
    setStatus(result.ok ? { state: 'done', outcome: result.value } : { state: 'error', error: result.error });
  };
  const running = status.state === 'running';
  const video = isVideo(request.format);
  const vectorMissing = (request.format === 'svg' || request.format === 'pdf') && VECTOR_FIGURES[request.viewId] === undefined;

  return (
    <dialog ref={dialog} className="confirm-dialog export-dialog" aria-labelledby="export-title" onCancel={(event) => { event.preventDefault(); if (!running) onClose(); }}>
      <h2 id="export-title">Export</h2>
      <div className="export-grid">
        <Field label="View">
          {(id) => (<select id={id} value={request.viewId} onChange={(e) => set.setViewId(e.target.value)}>
            {sources.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
          </select>)}
        </Field>
        <Field label="Format">
          {(id) => (<select id={id} value={request.format} onChange={(e) => set.setFormat(e.target.value as ExportFormat)}>
            {FORMATS.map((f) => <option key={f.id} value={f.id}>{f.label}</option>)}
          </select>)}
        </Field>
        <Field label="File name">
          {(id) => (<input id={id} type="text" value={request.fileName} placeholder={fileName} onChange={(e) => set.setFileName(e.target.value)} />)}
        </Field>
        <Field label="Folder">
          {(id) => (<input id={id} type="text" value={request.folder ?? ''} placeholder={defaultFolder} onChange={(e) => set.setFolder(e.target.value)} />)}
        </Field>
        {video ? <VideoFields request={request} set={set} /> : <FigureFields request={request} set={set} />}
      </div>
      {vectorMissing && <p className="muted">This view has no vector figure: export it as PNG, MP4 or GIF.</p>}
      <div className="export-status" data-state={status.state} data-path={status.state === 'done' ? status.outcome.path : ''}
        data-encoder={status.state === 'done' ? status.outcome.encoder ?? '' : ''} data-error-code={status.state === 'error' ? status.error.code : ''} role="status">
        {status.state === 'running' && <><progress value={status.progress.done} max={Math.max(1, status.progress.total)} aria-label="Export progress" /> {status.progress.total > 0 ? `${status.progress.done} / ${status.progress.total} frames` : 'Preparing…'}</>}
        {status.state === 'done' && describeOutcome(status.outcome)}
        {status.state === 'error' && <span className="error-text">{status.error.message}</span>}
      </div>
      <div className="dialog-actions">
        {running
          ? <button type="button" onClick={() => abort.current?.abort()}>Cancel export</button>
          : <button type="button" onClick={onClose}>Close</button>}
        <button type="button" className="primary" disabled={running || session === null} onClick={() => void start()}>Export</button>
      </div>
    </dialog>
  );
}

export function ExportButton() {
  const [open, setOpen] = useState(false);
  const hasSolution = useApp((s) => s.shown !== null);
  return (
    <>
      <button type="button" disabled={!hasSolution} onClick={() => setOpen(true)} title="Export a figure (PNG, SVG, PDF) or an animation (MP4, GIF) of a view">Export…</button>
      <ExportDialog open={open} onClose={() => setOpen(false)} />
    </>
  );
}
