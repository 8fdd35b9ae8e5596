// The boundary of one axis: a condition per side. 'periodic' pairs both sides (the command keeps
// them paired); 'exit' is refused by this solver version (docs/spec.md), so it is listed but off.

import { useId } from 'react';
import { ENUM_FIELDS } from '../../app/contract/index.js';
import { FieldIssue } from './FieldIssue.js';
import { useApp, useCommands } from './workbench.js';

/** Boundary kinds the spec accepts but this solver version does not solve yet (docs/spec.md). */
const NOT_SOLVED_YET = new Set(['exit']);

export function BoundaryControl({ axis }: { readonly axis: number }) {
  const info = ENUM_FIELDS['domain.boundary'];
  const commands = useCommands();
  const entry = useApp((s) => s.parameters.spec.domain.boundary[axis]);
  const id = useId();
  const sides = ['lower', 'upper'] as const;
  return (
    <fieldset className="field boundary-field" data-field={`domain.boundary.${axis}`} title={info.description}>
      <legend>{info.label}</legend>
      <div className="field-row">
        {sides.map((side) => (
          <label key={side} className="boundary-side" htmlFor={`${id}-${side}`}>
            <span>{side === 'lower' ? 'Left' : 'Right'}</span>
            <select
              id={`${id}-${side}`}
              value={entry?.[side] ?? 'wall'}
              onChange={(event) => commands.execute('spec.setField', { address: { path: 'domain.boundary', axis, side }, value: event.target.value })}
            >
              {info.options.map((option) => (
                <option key={option.value} value={option.value} disabled={NOT_SOLVED_YET.has(option.value)} title={option.description}>
                  {option.label}{NOT_SOLVED_YET.has(option.value) ? ' (not solved yet)' : ''}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <FieldIssue fieldKey={`domain.boundary.${axis}`} />
    </fieldset>
  );
}
