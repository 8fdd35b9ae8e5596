// Which headers the native build took from outside the repository, and whether a fresh machine
// would have them. A header may come from the repository (vendored code in native/third_party
// included), the build folder, the compiler's own headers and the C library's (libstdc++, gcc,
// libc, linux-libc-dev), or a Debian package that .ci/run installs (or one that package depends
// on). Anything else only built because someone installed it by hand: on a fresh machine, or a
// cluster building from the shipped sources, the build breaks (issue 11: nlohmann/json came from a
// hand-installed nlohmann-json3-dev). Reads the build's own dependency records: Ninja's log
// (`ninja -t deps`) or the compiler's make-style `.d` files (the Makefile generator).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';

/** Every header path a build's dependency records name, absolute (relative ones are the build folder's), without duplicates. */
export function buildHeaders(buildDir) {
  const headers = new Set();
  if (existsSync(join(buildDir, '.ninja_deps'))) {
    const listed = spawnSync('ninja', ['-C', buildDir, '-t', 'deps'], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
    if (listed.status !== 0) throw new Error(`ninja -t deps failed in ${buildDir}: ${listed.stderr || listed.error?.message}`);
    for (const line of listed.stdout.split('\n')) {
      if (line.startsWith('    ')) headers.add(resolve(buildDir, line.trim()));
    }
  }
  for (const file of dependencyFiles(buildDir)) {
    for (const path of makeDependencies(readFileSync(file, 'utf8'))) headers.add(resolve(buildDir, path));
  }
  return [...headers].filter((path) => !/\.(c|cc|cpp|cxx|cu)$/.test(path)).sort();
}

function dependencyFiles(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...dependencyFiles(path));
    // The compiler's own records (-MD -MF x.o.d); CMake's compiler_depend.make only gathers them.
    else if (entry.name.endsWith('.o.d')) found.push(path);
  }
  return found;
}

/** The prerequisites of make-style rules (`target: a.h b.h \` ...), spaces in names escaped. */
export function makeDependencies(text) {
  const paths = [];
  for (const rule of text.replace(/\\\n/g, ' ').split('\n')) {
    if (rule.startsWith('#')) continue;
    const colon = rule.search(/:(\s|$)/);
    if (colon < 0) continue;
    for (const token of rule.slice(colon + 1).split(/(?<!\\)\s+/)) {
      if (token !== '') paths.push(token.replace(/\\ /g, ' '));
    }
  }
  return paths;
}

/** The Debian packages .ci/run installs: the words of its `apt_packages=( ... )` array. */
export function ciPackages(ciScript) {
  const block = /apt_packages=\(([\s\S]*?)\n\)/.exec(ciScript);
  if (block === null) throw new Error('.ci/run has no apt_packages=( ... ) list: the header check cannot tell what a fresh machine installs');
  return block[1].split('\n').flatMap((line) => line.replace(/#.*/, '').trim().split(/\s+/)).filter((word) => word !== '');
}

/** Packages every build machine has with its compiler: the C++ and C libraries' headers. */
const TOOLCHAIN = ['libc6-dev', 'linux-libc-dev', 'libstdc++-12-dev', 'libgcc-12-dev', 'gcc-12', 'g++-12', 'libgomp1'];

/** `dpkg -S` for many paths at once: path -> owning package (absent when no package has it). */
export function owningPackages(paths) {
  const owners = new Map();
  for (let start = 0; start < paths.length; start += 500) {
    const batch = paths.slice(start, start + 500);
    const result = spawnSync('dpkg', ['-S', ...batch], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    if (result.error !== undefined) throw new Error(`dpkg could not run: ${result.error.message}`);
    for (const line of result.stdout.split('\n')) {
      const at = line.indexOf(': /');
      if (at < 0) continue;
      const path = line.slice(at + 2);
      const packages = line.slice(0, at).split(',').map((name) => name.trim().replace(/:[a-z0-9]+$/, ''));
      if (!owners.has(path)) owners.set(path, packages[0]);
    }
  }
  return owners;
}

/**
 * Whether a package is one of `packages` or something they depend on, recursively (installed
 * packages only, as dpkg knows them). The closure is walked only when a header's package is not
 * named directly, which is rare: most headers are the toolchain's.
 */
export function packageFilter(packages, dependsOf = installedDepends) {
  const named = new Set(packages);
  let closure;
  return (name) => {
    if (name === undefined) return false;
    if (named.has(name)) return true;
    closure ??= withDependencies(packages, dependsOf);
    return closure.has(name);
  };
}

function withDependencies(packages, dependsOf) {
  const seen = new Set();
  const pending = [...packages];
  while (pending.length > 0) {
    const name = pending.pop();
    if (seen.has(name)) continue;
    seen.add(name);
    pending.push(...dependsOf(name));
  }
  return seen;
}

let dependsTable;

/** What an installed package depends on, from one `dpkg-query` of every installed package. */
function installedDepends(name) {
  if (dependsTable === undefined) {
    dependsTable = new Map();
    const result = spawnSync('dpkg-query', ['-W', '-f', '${Package}\t${Depends}, ${Pre-Depends}\n'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
    for (const line of result.status === 0 ? result.stdout.split('\n') : []) {
      const [pkg, depends = ''] = line.split('\t');
      if (pkg === undefined || pkg === '') continue;
      const names = depends.split(/[,|]/).map((item) => item.trim().split(/[\s:(]/)[0]).filter((dep) => dep !== undefined && dep !== '');
      dependsTable.set(pkg, names);
    }
  }
  return dependsTable.get(name) ?? [];
}

/**
 * The headers a fresh machine would lack, each with why: `{ path, package }` (package undefined:
 * no Debian package has it, so it was copied or built by hand).
 */
export function foreignHeaders(headers, { roots, isAllowedPackage, ownerOf = owningPackages }) {
  const inside = (path) => roots.some((root) => path === root || path.startsWith(root.endsWith(sep) ? root : root + sep));
  const outside = headers.filter((path) => !inside(path));
  const owners = ownerOf(outside);
  return outside
    .filter((path) => !isAllowedPackage(owners.get(path)))
    .map((path) => ({ path, package: owners.get(path) }));
}

/** The check itself: what the build in `buildDir` took that neither the repository nor .ci/run provides. */
export function checkBuildHeaders({ root, buildDir, ciScript = readFileSync(join(root, '.ci', 'run'), 'utf8') }) {
  const headers = buildHeaders(buildDir);
  if (headers.length === 0) throw new Error(`no dependency records found in ${buildDir}: build it first (npm run build:native)`);
  const isAllowedPackage = packageFilter([...TOOLCHAIN, ...ciPackages(ciScript)]);
  const roots = [root, buildDir].map((dir) => normalize(dir));
  return { headers: headers.length, foreign: foreignHeaders(headers, { roots, isAllowedPackage }) };
}

/** How a foreign header reads in a failure, with what to do. */
export function describeForeign({ path, package: owner }) {
  return owner === undefined
    ? `${path}: in no Debian package (copied or built by hand): vendor it in native/third_party`
    : `${path}: from the Debian package ${owner}, which .ci/run does not install: vendor it in native/third_party or add ${owner} to .ci/run's apt_packages`;
}
