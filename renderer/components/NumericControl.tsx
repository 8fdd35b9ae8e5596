// A numeric parameter: a slider (linear or log, as the field table says) and a number field with
// its unit. Dragging re-solves live (or on release when live solving is off) and is one undo step;
// typed text is checked against the field's rule and kept with its error until it is valid.

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { ENUM_FIELDS, NUMERIC_FIELDS, type NumericFieldPath } from '../../app/contract/index.js';
import { formatEditable, formatWithUnit } from '../model/format.js';
import { AXIS_NAMES } from '../model/panel-layout.js';
import { sliderScale } from '../model/slider-scale.js';
import { addressKey, getValue } from '../model/spec-path.js';
import { settingsOf } from '../state/store.js';
import { FieldIssue } from './FieldIssue.js';
import { useApp, useCommands } from './workbench.js';

export interface NumericControlProps {
  readonly path: NumericFieldPath;
  readonly axis?: number;
}

export function NumericControl({ path, axis }: NumericControlProps) {
  const info = NUMERIC_FIELDS[path];
  const address = useMemo(() => (axis === undefined ? { path } : { path, axis }), [path, axis]);
  const key = addressKey(address);
  const commands = useCommands();
  const value = useApp((s) => getValue(s.parameters.spec, address) as number | null);
  const draft = useApp((s) => s.parameters.drafts[key]);
  const live = useApp((s) => settingsOf(s).liveSolve);
  const inactive = useApp((s) => info.readWhen !== undefined && getValue(s.parameters.spec, { path: info.readWhen.path }) !== info.readWhen.value);
  const scale = useMemo(() => sliderScale(info), [info]);
  const [editing, setEditing] = useState<string | null>(null);
  // With live solving off, a drag shows its value here and commits on release.
  const [dragValue, setDragValue] = useState<number | null>(null);
  const pending = useRef<number | null>(null);
  const slider = useRef<HTMLInputElement>(null);
  const id = useId();
  const shown = dragValue ?? value;

  // The native 'change' event fires on release (React's onChange fires on every move).
  useEffect(() => {
    const element = slider.current;
    if (element === null) return undefined;
    const release = (): void => {
      if (pending.current !== null) commands.execute('spec.setField', { address, value: pending.current });
      pending.current = null;
      setDragValue(null);
      commands.execute('spec.endGesture');
    };
    element.addEventListener('change', release);
    return () => element.removeEventListener('change', release);
  }, [address, commands]);

  const onSlide = (position: number): void => {
    const next = scale.toValue(position);
    if (live) {
      commands.execute('spec.setField', { address, value: next, gesture: true });
      return;
    }
    pending.current = next;
    setDragValue(next);
  };

  // Leaving the field without typing changes nothing: the text shown may round the value.
  const focusText = useRef<string | null>(null);
  const commitText = (): void => {
    if (editing === null) return;
    if (editing !== focusText.current) {
      commands.execute('spec.typeNumber', { address: address as { path: NumericFieldPath; axis?: number }, text: editing });
    }
    focusText.current = editing;
    setEditing(null);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') commitText();
    if (event.key === 'Escape') setEditing(null);
  };

  const text = editing ?? draft?.text ?? formatEditable(shown);
  const errorId = `${id}-error`;
  const noteId = `${id}-note`;
  const readWhen = info.readWhen;
  const describedBy = [draft !== undefined ? errorId : '', inactive ? noteId : ''].filter(Boolean).join(' ') || undefined;
  const capped = shown !== null;

  return (
    <div className={`field${inactive ? ' field-inactive' : ''}`} data-field={key} title={info.description}>
      <div className="field-head">
        <label htmlFor={id}>
          {info.label}
          {info.symbol !== '' && <span className="symbol"> {info.symbol}</span>}
          {axis !== undefined && path.startsWith('domain.') && <span className="symbol"> ({AXIS_NAMES[axis] ?? axis})</span>}
        </label>
        <output className="field-value" htmlFor={id} aria-hidden="true">{formatWithUnit(shown, info.unit)}</output>
      </div>
      <div className="field-row">
        {info.nullable && (
          <input
            type="checkbox"
            aria-label={`${info.label}: on`}
            checked={capped}
            onChange={(event) => commands.execute('spec.setField', {
              address, value: event.target.checked ? scale.toValue(scale.positions / 2) : null,
            })}
          />
        )}
        <input
          ref={slider}
          type="range"
          className="slider"
          aria-label={`${info.label} slider${info.slider.log ? ' (log scale)' : ''}`}
          aria-valuetext={formatWithUnit(shown, info.unit)}
          min={0}
          max={scale.positions}
          step={1}
          value={shown === null ? 0 : scale.toPosition(shown)}
          disabled={shown === null}
          onChange={(event) => onSlide(Number(event.target.value))}
        />
        <input
          id={id}
          type="text"
          inputMode="decimal"
          className="number-input"
          spellCheck={false}
          autoComplete="off"
          value={text}
          placeholder={info.nullable ? 'off' : ''}
          aria-invalid={draft !== undefined}
          aria-describedby={describedBy}
          onFocus={() => {
            focusText.current = text;
            setEditing(text);
          }}
          onChange={(event) => setEditing(event.target.value)}
          onBlur={commitText}
          onKeyDown={onKeyDown}
        />
        {info.unit !== '' && <span className="unit">{info.unit}</span>}
      </div>
      {draft !== undefined && <p className="field-error" id={errorId} role="alert">{draft.message}</p>}
      {inactive && readWhen !== undefined && (
        <p className="field-note" id={noteId}>
          Used only when {ENUM_FIELDS[readWhen.path].label.toLowerCase()} is {optionLabel(readWhen.path, readWhen.value)}.
        </p>
      )}
      <FieldIssue fieldKey={key} />
    </div>
  );
}

export function optionLabel(path: keyof typeof ENUM_FIELDS, value: string): string {
  return ENUM_FIELDS[path].options.find((option) => option.value === value)?.label ?? value;
}
