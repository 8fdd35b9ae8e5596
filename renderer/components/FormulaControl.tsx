// A formula (m0, g, V): checked on every keystroke with the contract's parser. A formula that
// parses is used at once (live solve); one that does not stays on screen with the error marked
// at its position, and the last valid formula stays in use.

import { useId } from 'react';
import { FORMULA_FIELDS, type FormulaField } from '../../app/contract/index.js';
import { formulaPath, getValue } from '../model/spec-path.js';
import { errorSpan } from './formula-error.js';
import { FieldIssue } from './FieldIssue.js';
import { useApp, useCommands } from './workbench.js';

export function FormulaControl({ field }: { readonly field: FormulaField }) {
  const info = FORMULA_FIELDS[field];
  const path = formulaPath(field);
  const commands = useCommands();
  const value = useApp((s) => String(getValue(s.parameters.spec, { path }) ?? ''));
  const draft = useApp((s) => s.parameters.drafts[path]);
  const id = useId();
  const text = draft?.text ?? value;
  const errorId = `${id}-error`;
  const span = draft?.position === undefined ? undefined : errorSpan(draft.text, draft.position);

  return (
    <div className="field formula-field" data-field={path}>
      <div className="field-head">
        <label htmlFor={id}>{info.label}</label>
        {draft !== undefined && <span className="formula-kept" title={`Still solving with ${value}`}>using last valid</span>}
      </div>
      <input
        id={id}
        type="text"
        className="formula-input"
        spellCheck={false}
        autoComplete="off"
        autoCapitalize="off"
        value={text}
        title={info.description}
        aria-invalid={draft !== undefined}
        aria-describedby={draft !== undefined ? errorId : undefined}
        onChange={(event) => commands.execute('spec.typeFormula', { field, text: event.target.value })}
        onBlur={() => commands.execute('spec.endGesture')}
      />
      {draft !== undefined && (
        <div className="formula-error" id={errorId} role="alert" data-error-position={draft.position ?? ''}>
          {span !== undefined && (
            <code className="formula-echo" aria-hidden="true">
              {draft.text.slice(0, span.start)}
              <mark>{span.end > span.start ? draft.text.slice(span.start, span.end) : '\u2423'}</mark>
              {draft.text.slice(span.end)}
            </code>
          )}
          <span>{draft.message}</span>
        </div>
      )}
      <FieldIssue fieldKey={path} />
    </div>
  );
}
