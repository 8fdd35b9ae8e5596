// The boundary of one axis: a condition per side (wall, periodic, exit: the solver runs all three
// in 1D, 2D and 3D). 'periodic' pairs both sides (the command keeps them paired).

import { useId } from 'react';
import { ENUM_FIELDS } from '../../app/contract/index.js';
import { AXIS_NAMES } from '../model/panel-layout.js';
import { FieldIssue } from './FieldIssue.js';
import { useApp, useCommands } from './workbench.js';

/** What each side of an axis is called on screen: x runs left to right, y bottom to top, z back to front. */
const SIDE_NAMES: readonly (readonly [string, string])[] = [['Left', 'Right'], ['Bottom', 'Top'], ['Back', 'Front']];

export function BoundaryControl({ axis }: { readonly axis: number }) {
  const info = ENUM_FIELDS['domain.boundary'];
  const commands = useCommands();
  const entry = useApp((s) => s.parameters.spec.domain.boundary[axis]);
  const id = useId();
  const sides = ['lower', 'upper'] as const;
  const names = SIDE_NAMES[axis] ?? ['Lower', 'Upper'];
  const axisName = AXIS_NAMES[axis] ?? String(axis);
  return (
    <fieldset className="field boundary-field" data-field={`domain.boundary.${axis}`} title={info.description}>
      <legend>{info.label} <span className="symbol">({axisName})</span></legend>
      <div className="field-row">
        {sides.map((side) => (
          <label key={side} className="boundary-side" htmlFor={`${id}-${side}`}>
            <span>{side === 'lower' ? names[0] : names[1]}</span>
            <select
              id={`${id}-${side}`}
              aria-label={`Boundary at the ${side} end of ${axisName}`}
              value={entry?.[side] ?? 'wall'}
              onChange={(event) => commands.execute('spec.setField', { address: { path: 'domain.boundary', axis, side }, value: event.target.value })}
            >
              {info.options.map((option) => (
                <option key={option.value} value={option.value} title={option.description}>{option.label}</option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <FieldIssue fieldKey={`domain.boundary.${axis}`} />
    </fieldset>
  );
}
