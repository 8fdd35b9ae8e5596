// The model panel: presets, then the spec's fields in groups (model/panel-layout.ts), each control
// generated from the contract's field tables. Problems that span fields (the domain's ends in the
// wrong order) are listed at the top, since no single control owns them.

import { useId } from 'react';
import { BooleanControl } from '../components/BooleanControl.js';
import { BoundaryControl } from '../components/BoundaryControl.js';
import { EnumControl } from '../components/EnumControl.js';
import { FormulaControl } from '../components/FormulaControl.js';
import { NumericControl } from '../components/NumericControl.js';
import { TextControl } from '../components/TextControl.js';
import { useApp, useCommands } from '../components/workbench.js';
import { panelFieldId, panelGroups, type PanelField } from '../model/panel-layout.js';
import { dimensionOf } from '../model/parameters.js';
import { DomainPreviewCanvas } from './DomainPreviewCanvas.js';
import { WorkspaceFiles } from './WorkspaceFiles.js';

function Control({ field }: { readonly field: PanelField }) {
  switch (field.kind) {
    case 'numeric': return <NumericControl path={field.path} {...(field.axis === undefined ? {} : { axis: field.axis })} />;
    case 'enum': return field.path === 'domain.boundary' ? <BoundaryControl axis={0} /> : <EnumControl path={field.path} />;
    case 'boundary': return <BoundaryControl axis={field.axis} />;
    case 'boolean': return <BooleanControl path={field.path} />;
    case 'formula': return <FormulaControl field={field.field} />;
    case 'text': return <TextControl path={field.path} />;
  }
}

function PresetBar() {
  const commands = useCommands();
  const presets = useApp((s) => s.presets);
  const presetId = useApp((s) => s.parameters.presetId);
  const canReset = useApp(() => commands.enabled('spec.resetToPreset'));
  const description = presets.find((preset) => preset.id === presetId)?.description ?? '';
  const id = useId();
  return (
    <div className="preset-bar">
      <label htmlFor={id}>Preset</label>
      <div className="field-row">
        <select
          id={id}
          value={presetId ?? ''}
          title={description}
          onChange={(event) => {
            if (event.target.value !== '') commands.execute('spec.loadPreset', { presetId: event.target.value });
          }}
        >
          {presetId === null && <option value="">(custom parameters)</option>}
          {presets.map((preset) => <option key={preset.id} value={preset.id} title={preset.description}>{preset.name}</option>)}
        </select>
        <button type="button" disabled={!canReset} onClick={() => commands.execute('spec.resetToPreset')} title="Return every parameter to the preset's value (undoable)">
          Reset to preset
        </button>
      </div>
    </div>
  );
}

function SpecIssues() {
  const issues = useApp((s) => (s.solve.phase === 'invalid' ? s.solve.issues : null));
  if (issues === null || issues.length === 0) return null;
  return (
    <div className="spec-issues" role="alert">
      <strong>These parameters cannot be solved:</strong>
      <ul>{issues.map((issue) => <li key={`${issue.path}:${issue.message}`}><code>{issue.path || 'spec'}</code>: {issue.message}</li>)}</ul>
    </div>
  );
}

export function ModelPanel() {
  const dimension = useApp((s) => dimensionOf(s.parameters.spec));
  return (
    <div className="model-panel">
      <PresetBar />
      <WorkspaceFiles />
      <SpecIssues />
      {panelGroups(dimension).map((group) => (
        <details key={group.id} className="field-group" open={group.open}>
          <summary>{group.title}</summary>
          <div className="field-group-body">
            {group.fields.map((field) => <Control key={panelFieldId(field)} field={field} />)}
            {group.id === 'grid' && <DomainPreviewCanvas />}
          </div>
        </details>
      ))}
    </div>
  );
}
