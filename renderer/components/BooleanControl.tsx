// A switch (Newton's viscosity continuation), greyed out when the chosen method does not read it.

import { useId } from 'react';
import { BOOLEAN_FIELDS, type BooleanFieldPath } from '../../app/contract/index.js';
import { getValue } from '../model/spec-path.js';
import { optionLabel } from './NumericControl.js';
import { FieldIssue } from './FieldIssue.js';
import { useApp, useCommands } from './workbench.js';

export function BooleanControl({ path }: { readonly path: BooleanFieldPath }) {
  const info = BOOLEAN_FIELDS[path];
  const commands = useCommands();
  const value = useApp((s) => getValue(s.parameters.spec, { path }) === true);
  const readWhen = info.readWhen;
  const inactive = useApp((s) => readWhen !== undefined && !readWhen.values.includes(getValue(s.parameters.spec, { path: readWhen.path }) as string));
  const id = useId();
  return (
    <div className={`field field-check${inactive ? ' field-inactive' : ''}`} data-field={path} title={info.description}>
      <input id={id} type="checkbox" checked={value} onChange={(event) => commands.execute('spec.setField', { address: { path }, value: event.target.checked })} />
      <label htmlFor={id}>{info.label}</label>
      {inactive && readWhen !== undefined && (
        <p className="field-note">Used only with {readWhen.values.map((v) => optionLabel(readWhen.path, v)).join(' or ')}.</p>
      )}
      <FieldIssue fieldKey={path} />
    </div>
  );
}
