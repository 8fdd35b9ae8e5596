// The contract's service definitions are valid RPC definitions (names, tuple params) and their
// typed-array fields survive the WebSocket codec.
import { describe, expect, it } from 'vitest';
import { SERVICES } from '../contract/index.js';
import { checkServiceDefinition } from './service.js';

describe('contract services', () => {
  it.each(SERVICES.map((s) => [s.name, s] as const))('%s is a valid service definition', (_name, service) => {
    expect(() => checkServiceDefinition(service)).not.toThrow();
  });
});
