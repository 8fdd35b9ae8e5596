// Lint for the whole repository: typescript-eslint's recommended rules, and the layer rules of
// DESIGN.md as `no-restricted-imports`, so that a wrong import fails lint instead of a review.
//
// no-restricted-imports sees the import text, not the file it resolves to. A relative import means
// different folders from different depths, so the layer rules are generated per layer and per
// folder depth: for a file N folders below the repository root, "../" repeated N times is the
// root, and every forbidden folder can be named exactly. Rule options do not merge across config
// objects (the last match wins), so the layer objects come from most general to most specific.

import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const SOURCE_FILES = '{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
/** Folder levels below a layer's root that the rules cover; deeper files are reported (see below). */
const MAX_NESTING = 8;

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const segmentsOf = (folder) => (folder === '' ? [] : folder.split('/'));

const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));
const PACKAGE = {
  node: { regex: `^(?:node:|(?:${NODE_BUILTINS.map(escapeRegex).join('|')})(?:/|$))`, what: 'Node built-ins' },
  electron: { regex: '^electron(?:/|$)', what: "'electron'" },
  ws: { regex: '^ws(?:/|$)', what: "'ws'" },
  three: { regex: '^three(?:/|$)', what: "'three'", why: 'three.js lives in renderer/viewers only' },
};

const RENDERER_TARGETS = ['main', 'native', 'app/server', 'app/electron', { path: 'app/rpc/websocket-node', module: true },
  { path: 'app/rpc/electron/ipc-main', module: true }, { path: 'app/rpc/electron/preload', module: true }];

/**
 * The layers. `allow` layers may reach only the folders and packages they list (anything else is
 * refused); `deny` layers may reach anything but what they list. Paths are from the repository
 * root; a target with `module: true` is one file (its extension may be written or not).
 */
const LAYERS = [
  {
    root: 'app/contract',
    why: 'app/contract is pure TypeScript shared by every layer and may import only zod',
    allow: { folders: [], packages: ['zod'] },
  },
  {
    root: 'app/rpc',
    why: 'app/rpc may import only app/contract and zod (plus ws in websocket-node.ts, electron types in app/rpc/electron/)',
    allow: { folders: ['app/contract'], packages: ['zod'] },
    scopes: [
      { root: 'app/rpc/electron', allow: { folders: ['app/contract'], packages: ['zod'], typesOnly: ['electron'] } },
      { file: 'app/rpc/websocket-node.ts', allow: { folders: ['app/contract'], packages: ['zod', 'ws'] } },
    ],
  },
  {
    root: 'app/figure',
    why: 'app/figure (figures as data, SVG, PNG, sizes) is pure TypeScript for the renderer and main alike; it may import only app/contract and fflate',
    allow: { folders: ['app/contract'], packages: ['fflate'] },
  },
  {
    root: 'renderer',
    why: 'the renderer runs in a sandboxed page and reaches services only through the RPC client',
    deny: { targets: RENDERER_TARGETS, packages: ['node', 'electron', 'ws', 'three'] },
    scopes: [{ root: 'renderer/viewers', deny: { targets: RENDERER_TARGETS, packages: ['node', 'electron', 'ws'] } }],
  },
  {
    root: 'main',
    why: 'main/ holds Node services that run without Electron, the UI or a web server; the shells and the CLI sit above it',
    deny: { targets: ['renderer', 'app/server', 'app/electron', 'app/cli'], packages: ['electron'] },
  },
  {
    root: 'app/server',
    why: 'browser mode serves the built renderer and the services; it must not need Electron',
    deny: { targets: ['renderer', 'app/electron', 'app/cli'], packages: ['electron'] },
  },
  {
    root: 'app/electron',
    why: 'the Electron shell loads the built renderer by URL and never imports it',
    deny: { targets: ['renderer', 'app/server', 'app/cli'], packages: [] },
  },
  {
    root: 'app/cli',
    why: 'app/cli is the command line\'s composition root (main plus the browser-mode server and headless Chromium); it never needs Electron or the renderer\'s sources',
    deny: { targets: ['renderer', 'app/electron'], packages: ['electron'] },
  },
];

/** Matches a specifier that climbs exactly `steps` folders ("../" * steps) and names something below. */
const climbing = (steps) => `^(?:\\./)?(?:\\.\\./){${steps}}(?!\\.\\.(?:/|$))`;
/** Matches a specifier that climbs `steps` folders and stops there ("..", "../.."). */
const climbingOnly = (steps) => `^(?:\\./)?(?:\\.\\./){${steps - 1}}\\.\\./?$`;

const targetOf = (target) => (typeof target === 'string' ? { path: target, module: false } : target);
const targetEnd = (target) => (target.module ? '(?:\\.[cm]?[jt]sx?)?$' : '(?:/|$)');

/** Where "../" * steps leads from a folder of `depth` segments inside `root`. */
function ancestorAfter(root, depth, steps) {
  return segmentsOf(root).slice(0, depth - steps).join('/');
}

function relativeFrom(ancestor, target) {
  if (ancestor === '') return target;
  return target === ancestor || target.startsWith(`${ancestor}/`) ? target.slice(ancestor.length + 1) : undefined;
}

/** Patterns for relative imports that leave the layer (files whose folder has `depth` segments). */
function relativePatterns(layer, scope, depth) {
  const rootDepth = segmentsOf(layer.root).length;
  const patterns = [{ regex: `^(?:\\./)?(?:\\.\\./){${depth + 1},}`, message: 'imports from outside the repository are not allowed' }];
  for (let steps = depth - rootDepth + 1; steps <= depth; steps++) {
    const ancestor = ancestorAfter(layer.root, depth, steps);
    patterns.push({ regex: climbingOnly(steps), message: layer.why });
    if (scope.allow) {
      const reachable = scope.allow.folders.map((folder) => relativeFrom(ancestor, folder)).filter((rest) => rest !== undefined);
      const allowed = reachable.length === 0 ? '' : `(?!(?:${reachable.map(escapeRegex).join('|')})(?:/|$))`;
      patterns.push({ regex: `${climbing(steps)}${allowed}`, message: layer.why });
      continue;
    }
    for (const target of scope.deny.targets.map(targetOf)) {
      const rest = relativeFrom(ancestor, target.path);
      if (rest !== undefined) {
        const message = `${layer.root}/ may not import ${target.path}: ${layer.why}`;
        patterns.push({ regex: `${climbing(steps)}${escapeRegex(rest)}${targetEnd(target)}`, message });
      }
    }
  }
  return patterns;
}

/** Patterns for bare specifiers (packages); `testCode` may use any package an allow-list refuses. */
function packagePatterns(layer, scope, testCode) {
  const message = layer.why;
  const patterns = [{ regex: '^/', message: 'absolute import paths are not allowed' }];
  if (scope.allow) {
    if (testCode) return patterns;
    const permitted = [...scope.allow.packages, ...(scope.allow.typesOnly ?? [])];
    patterns.push({ regex: `^(?![./])(?!(?:${permitted.map(escapeRegex).join('|')})(?:/|$))`, message });
    for (const name of scope.allow.typesOnly ?? []) {
      patterns.push({ regex: `^${escapeRegex(name)}(?:/|$)`, allowTypeImports: true, message: `${message} ('import type' only)` });
    }
    return patterns;
  }
  // Tests run in Node: they may read fixtures with Node built-ins whatever their layer.
  const denied = scope.deny.packages.filter((name) => !(testCode && name === 'node'));
  for (const name of denied) {
    const { regex, what, why } = PACKAGE[name];
    patterns.push({ regex, message: `${layer.root}/ may not import ${what}: ${why ?? message}` });
  }
  return patterns;
}

const TEST_NAMES = `*.test.${SOURCE_FILES}`;

/** Globs for files whose folder is exactly `depth` segments deep under `root`. */
function filesAtDepth(root, depth, testCode) {
  const below = depth - segmentsOf(root).length;
  const stars = '*/'.repeat(below);
  if (!testCode) return [`${root}/${stars}*.${SOURCE_FILES}`];
  const inTestingFolder = [];
  for (let at = 0; at < below; at++) inTestingFolder.push(`${root}/${'*/'.repeat(at)}testing/${'*/'.repeat(below - at - 1)}*.${SOURCE_FILES}`);
  return [`${root}/${stars}${TEST_NAMES}`, ...inTestingFolder];
}

function scopeConfigs(layer, scope, testCode) {
  const rootDepth = segmentsOf(layer.root).length;
  if (scope.file !== undefined) {
    const depth = segmentsOf(scope.file).length - 1;
    const patterns = [...relativePatterns(layer, scope, depth), ...packagePatterns(layer, scope, testCode)];
    return testCode ? [] : [{ name: `layers/${scope.file}`, files: [scope.file], rules: { 'no-restricted-imports': ['error', { patterns: patterns.map(caseSensitive) }] } }];
  }
  const scopeDepth = segmentsOf(scope.root).length;
  const configs = [];
  for (let depth = scopeDepth; depth <= rootDepth + MAX_NESTING; depth++) {
    const patterns = [...relativePatterns(layer, scope, depth), ...packagePatterns(layer, scope, testCode)];
    configs.push({
      name: `layers/${scope.root}${testCode ? ' (tests)' : ''} depth ${depth}`,
      files: filesAtDepth(scope.root, depth, testCode),
      rules: { 'no-restricted-imports': ['error', { patterns: patterns.map(caseSensitive) }] },
    });
  }
  return configs;
}

const caseSensitive = (pattern) => ({ ...pattern, caseSensitive: true });

function layerConfigs() {
  const configs = [];
  for (const testCode of [false, true]) {
    for (const layer of LAYERS) {
      for (const scope of [layer, ...(layer.scopes ?? [])]) configs.push(...scopeConfigs(layer, scope, testCode));
    }
  }
  // Files nested deeper than the generated rules reach would go unchecked: report them instead.
  configs.push({
    name: 'layers/too-deep',
    files: LAYERS.map((layer) => `${layer.root}/${'*/'.repeat(MAX_NESTING + 1)}**/*.${SOURCE_FILES}`),
    rules: { 'no-restricted-syntax': ['error', { selector: 'Program', message: `layer rules cover ${MAX_NESTING} folder levels: flatten this folder or raise MAX_NESTING in eslint.config.js` }] },
  });
  return configs;
}

/** Globals that exist only in Node or only in browsers, refused in code that must run in both. */
const NON_PORTABLE_GLOBALS = ['process', 'Buffer', 'require', 'module', '__dirname', '__filename', 'global', 'setImmediate',
  'clearImmediate', 'window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage'];

const portableCode = {
  name: 'portable core (app/contract, app/rpc, app/figure)',
  files: [`app/contract/**/*.${SOURCE_FILES}`, `app/rpc/**/*.${SOURCE_FILES}`, `app/figure/**/*.${SOURCE_FILES}`],
  ignores: ['app/rpc/websocket-node.ts', '**/testing/**', `**/${TEST_NAMES}`],
  rules: {
    'no-restricted-globals': ['error', ...NON_PORTABLE_GLOBALS.map((name) => ({
      name, message: 'app/contract and app/rpc run in the renderer, the browser and Node alike: use an injected dependency',
    }))],
  },
};

export default defineConfig([
  globalIgnores(['build/', 'dist/', '**/node_modules/', 'native/third_party/', 'coverage/', 'test-results/', 'playwright-report/',
    'bench/results/', '**/*.d.ts', '**/generated/']),
  {
    name: 'javascript',
    files: [`**/*.{js,mjs,cjs}`],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'typescript',
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommended],
  },
  {
    name: 'unused variables: a leading underscore marks one on purpose',
    files: ['**/*.{ts,tsx,mts,cts}'],
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }] },
  },
  ...layerConfigs(),
  portableCode,
]);
