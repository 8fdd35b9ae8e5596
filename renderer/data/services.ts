// Typed proxies of the contract's services (app/contract/services.ts), built once per connection.

import {
  AppService, ClusterService, ExportService, FieldsService, PresetsService, RunsService, SettingsService, SolverService, WorkspaceService,
} from '../../app/contract/index.js';
import type { RpcClient, ServiceProxy } from '../../app/rpc/index.js';

export interface Services {
  readonly solver: ServiceProxy<typeof SolverService>;
  readonly fields: ServiceProxy<typeof FieldsService>;
  readonly runs: ServiceProxy<typeof RunsService>;
  readonly settings: ServiceProxy<typeof SettingsService>;
  readonly presets: ServiceProxy<typeof PresetsService>;
  readonly app: ServiceProxy<typeof AppService>;
  readonly clusters: ServiceProxy<typeof ClusterService>;
  readonly export: ServiceProxy<typeof ExportService>;
  readonly workspace: ServiceProxy<typeof WorkspaceService>;
}

export function createServices(client: RpcClient): Services {
  return {
    solver: client.proxy(SolverService),
    fields: client.proxy(FieldsService),
    runs: client.proxy(RunsService),
    settings: client.proxy(SettingsService),
    presets: client.proxy(PresetsService),
    app: client.proxy(AppService),
    clusters: client.proxy(ClusterService),
    export: client.proxy(ExportService),
    workspace: client.proxy(WorkspaceService),
  };
}
