// DESIGN.md's layers, checked on the import graph as the TypeScript compiler resolves it (lint's
// layer rules read import text; this reads the files): each layer imports only the layers it
// lists, and no file reaches itself through any chain of imports.

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cycles, importGraph, sourceFiles } from './import-graph.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Each layer and the layers it may import (itself always). Most specific folders first. */
const LAYERS: readonly { layer: string; may: readonly string[] }[] = [
  { layer: 'app/contract', may: [] },
  { layer: 'app/rpc', may: ['app/contract'] },
  { layer: 'app/figure', may: ['app/contract'] },
  { layer: 'native/lib', may: ['app/contract'] },
  { layer: 'main', may: ['app/contract', 'app/rpc', 'app/figure', 'native/lib'] },
  { layer: 'app/server', may: ['main', 'app/contract', 'app/rpc', 'app/figure', 'native/lib'] },
  { layer: 'app/electron', may: ['main', 'app/contract', 'app/rpc', 'app/figure', 'native/lib'] },
  { layer: 'app/cli', may: ['main', 'app/server', 'app/contract', 'app/rpc', 'app/figure', 'native/lib'] },
  { layer: 'renderer', may: ['app/contract', 'app/rpc', 'app/figure'] },
];

const layerOf = (file: string): string | undefined => {
  const relative = path.relative(ROOT, file);
  return LAYERS.find(({ layer }) => relative === layer || relative.startsWith(`${layer}/`))?.layer;
};
/** Tests and test helpers reach across layers to set up real parts; their imports are not layer rules. */
const isTestCode = (file: string): boolean => /\.test\.tsx?$/.test(file) || file.split(path.sep).includes('testing');

/** Every import that goes against LAYERS, as 'from -> to (what from may import)'. */
function wrongDirections(imports: ReadonlyMap<string, readonly string[]>): string[] {
  const wrong: string[] = [];
  for (const [file, targets] of imports) {
    const from = layerOf(file);
    if (from === undefined || isTestCode(file)) continue;
    const allowed = LAYERS.find(({ layer }) => layer === from)?.may ?? [];
    for (const target of targets) {
      const to = layerOf(target);
      if (to !== undefined && to !== from && !allowed.includes(to)) wrong.push(`${path.relative(ROOT, file)} -> ${path.relative(ROOT, target)} (${from} may import ${allowed.join(', ') || 'nothing else'})`);
    }
  }
  return wrong;
}

const files = sourceFiles(ROOT, ['app', 'main', 'renderer', 'native/lib', 'native/tests', 'e2e', 'bench', 'scripts']);
const graph = importGraph(files);

describe('the import graph', () => {
  it('resolves the repository', () => {
    // A resolver that found nothing would pass every rule below.
    let edges = 0;
    for (const targets of graph.values()) edges += targets.length;
    expect(files.length).toBeGreaterThan(300);
    expect(edges).toBeGreaterThan(files.length);
  });

  it('has no circle of imports', () => {
    expect(cycles(graph).map((cycle) => cycle.map((file) => path.relative(ROOT, file)))).toEqual([]);
  });

  it('goes only in the direction of the layers', () => {
    expect(wrongDirections(graph)).toEqual([]);
  });

  it('would see a circle and a wrong direction (the checks can fail)', () => {
    const store = path.join(ROOT, 'renderer', 'state', 'store.ts');
    const slice = path.join(ROOT, 'renderer', 'state', 'display-slice.ts');
    const looped = new Map(graph);
    looped.set(slice, [...(graph.get(slice) ?? []), store]);
    expect(cycles(looped).some((cycle) => cycle.includes(store) && cycle.includes(slice))).toBe(true);
    const services = path.join(ROOT, 'main', 'services.ts');
    const upward = new Map([[services, [path.join(ROOT, 'app', 'server', 'index.ts'), path.join(ROOT, 'app', 'contract', 'index.ts')]]]);
    expect(wrongDirections(upward)).toEqual([expect.stringMatching(/^main\/services\.ts -> app\/server\/index\.ts \(main may import/)]);
  });
});
