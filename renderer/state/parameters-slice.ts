// Parameters: the spec being edited (with drafts and undo history) and the presets it can start
// from. Only commands write this slice (renderer/commands).

import type { Preset } from '../../app/contract/index.js';
import { createParameters, type Parameters } from '../model/parameters.js';

export interface ParametersSlice {
  readonly parameters: Parameters;
  readonly presets: readonly Preset[];
}

export function initialParametersSlice(): ParametersSlice {
  return { parameters: createParameters(), presets: [] };
}
