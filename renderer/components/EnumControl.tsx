// A choice among the options of an enum field (solver method, coupling, Hamiltonian, precision).

import { useId } from 'react';
import { ENUM_FIELDS, type EnumFieldPath } from '../../app/contract/index.js';
import { getValue } from '../model/spec-path.js';
import { FieldIssue } from './FieldIssue.js';
import { useApp, useCommands } from './workbench.js';

export function EnumControl({ path }: { readonly path: Exclude<EnumFieldPath, 'domain.boundary'> }) {
  const info = ENUM_FIELDS[path];
  const commands = useCommands();
  const value = useApp((s) => getValue(s.parameters.spec, { path }) as string);
  const id = useId();
  const current = info.options.find((option) => option.value === value);
  return (
    <div className="field" data-field={path}>
      <div className="field-head">
        <label htmlFor={id}>{info.label}</label>
        <span className="field-value" aria-hidden="true">{current?.description}</span>
      </div>
      <select
        id={id}
        value={value}
        title={info.description}
        disabled={info.options.length < 2}
        onChange={(event) => commands.execute('spec.setField', { address: { path }, value: event.target.value })}
      >
        {info.options.map((option) => (
          <option key={option.value} value={option.value} title={option.description}>{option.label}</option>
        ))}
      </select>
      <FieldIssue fieldKey={path} />
    </div>
  );
}
