// The problem's name and description: edited freely, applied when the field is left (or Enter for
// the name); the length limits come from the contract's table.

import { useId, useState } from 'react';
import { TEXT_FIELDS } from '../../app/contract/index.js';
import { useApp, useCommands } from './workbench.js';

export function TextControl({ path }: { readonly path: 'name' | 'description' }) {
  const info = TEXT_FIELDS[path];
  const commands = useCommands();
  const value = useApp((s) => s.parameters.spec[path]);
  const [editing, setEditing] = useState<string | null>(null);
  const id = useId();
  const text = editing ?? value;
  const length = [...text].length;
  const problem = length < info.minLength || length > info.maxLength
    ? `expected ${info.minLength === 0 ? 'at most' : `${info.minLength} to`} ${info.maxLength} characters, received ${length}`
    : undefined;
  const commit = (): void => {
    if (editing !== null && problem === undefined) commands.execute('spec.setField', { address: { path }, value: editing });
    setEditing(null);
  };
  const props = {
    id, value: text, title: info.description, spellCheck: path === 'description', 'aria-invalid': problem !== undefined,
    onChange: (event: { target: { value: string } }) => setEditing(event.target.value),
    onBlur: commit,
  };
  return (
    <div className="field" data-field={path}>
      <div className="field-head"><label htmlFor={id}>{info.label}</label></div>
      {path === 'name'
        ? <input type="text" {...props} onKeyDown={(event) => { if (event.key === 'Enter') commit(); }} />
        : <textarea rows={3} {...props} />}
      {problem !== undefined && <p className="field-error" role="alert">{problem}</p>}
    </div>
  );
}
