#!/usr/bin/env node
// scripts/check-packages.mjs [--list] — fails when a test or script uses a command (or a Python
// module) from a Debian package that a fresh machine lacks (scripts/fresh-machine-packages.txt)
// and that scripts/lib.sh does not install (its sm_apt_packages list). --list prints every command
// found with the package it comes from.
//
// How it finds what is used: every word of the sources (tests, scripts, unit files, fixtures,
// the packages' own code, the examples) that names an executable in the standard PATH
// directories, and every absolute /bin, /sbin, /usr/bin, /usr/sbin path, is a command; every
// module a Python file (.py, or a script whose #! names python) imports is a Python module,
// unless it is the project's own. Each is resolved on this machine to the file it is and
// `dpkg -S` names the package that owns it. That over-approximates (an English word in a comment
// that is also a command, `time` or `file`, counts), which is the safe side: such words come from
// packages a fresh machine has. It can only see what is installed here, so it runs after lib.sh's
// install (scripts/test's checks do): a command a test uses that comes from an uninstalled
// package is then either one lib.sh installs or one the tests never ran here; names that resolve
// to nothing (the made-up /usr/sbin/a of the parser tests) are counted, not judged.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCAN = ['test', 'scripts', 'units', '.ci',
  ...['packages', 'examples'].flatMap((top) => fs.readdirSync(path.join(ROOT, top)).map((p) => `${top}/${p}`))];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', '__pycache__', 'generated', 'results', '.sandbox']);
const TEXT = /\.(m?[jt]s|sh|py|service|target|socket|timer|conf|preset|ini|txt|md|c|h|gyp)$|^[^.]+$/;
// Not /usr/local: nothing there is Debian's, and what this machine keeps there is not a fresh one's.
const PATH_DIRS = ['/usr/sbin', '/usr/bin', '/sbin', '/bin'];
/** Commands that no Debian package owns, with who installs them. */
const NOT_FROM_DEBIAN = {
  pnpm: 'scripts/lib.sh sm_ensure_pnpm (npm install -g)',
  'policy-rc.d': 'written by scripts/lib.sh for the length of an install',
};
/** This script's own lists: the names in them are packages, not commands used. */
const OWN_LISTS = new Set(['scripts/fresh-machine-packages.txt', 'scripts/check-packages.mjs']);

function packageNames(lines) {
  return new Set(lines.map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(/\s+/)[0].replace(/:amd64$/, '')));
}

function packageList(file) {
  return packageNames(fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n'));
}

/** The packages scripts/lib.sh installs: the lines of its sm_apt_packages heredoc. */
function libPackages() {
  const text = fs.readFileSync(path.join(ROOT, 'scripts/lib.sh'), 'utf8');
  const m = /<<'PACKAGES'\n([\s\S]*?)\nPACKAGES\n/.exec(text);
  if (!m) throw new Error('scripts/lib.sh has no sm_apt_packages list');
  return packageNames(m[1].split('\n'));
}

function* sourceFiles(dir) {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return;
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name)) yield* sourceFiles(rel); }
    else if (e.isFile() && TEXT.test(e.name) && !OWN_LISTS.has(rel)) yield rel;
  }
}

/**
 * Whether Python module `name` imported by `file` is the project's own: a `name.py` or a package
 * `name/__init__.py` in the file's folder or a folder above it (a script puts its own folder on
 * sys.path, a test its project's: examples/worker-path-python/tests imports smpath from ..).
 */
function isLocalModule(file, name) {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const abs = path.join(ROOT, dir);
    if (fs.existsSync(path.join(abs, `${name}.py`)) || fs.existsSync(path.join(abs, name, '__init__.py'))) return true;
    if (dir === '.' || dir === path.dirname(dir)) return false;
  }
}

/** Every candidate command (a word or an absolute path) and Python module, with where it occurs. */
function collect() {
  const commands = new Map(); // name or path -> files
  const modules = new Map(); // module as imported (google.protobuf, ctypes.util) -> files
  const note = (map, key, file) => { const s = map.get(key) ?? new Set(); s.add(file); map.set(key, s); };
  for (const dir of SCAN) {
    for (const file of sourceFiles(dir)) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      for (const m of text.matchAll(/(?<![\w.\/-])\/(?:usr\/)?s?bin\/[\w.+-]*[\w+]/g)) note(commands, m[0], file);
      for (const m of text.matchAll(/(?<![\w\/.-])[A-Za-z_][\w.+-]*[\w+]/g)) note(commands, m[0], file);
      if (file.endsWith('.py') || /^#!\S*python/.test(text)) {
        for (const m of text.matchAll(/^\s*(?:from|import)\s+([A-Za-z_]\w*(?:\.\w+)*)/gm)) {
          if (!isLocalModule(file, m[1].split('.')[0])) note(modules, m[1], file);
        }
      }
    }
  }
  return { commands, modules };
}

/** The file a command name or path is on this machine, or null. */
function resolveCommand(name) {
  const candidates = name.startsWith('/') ? [name] : PATH_DIRS.map((d) => path.join(d, name));
  for (const c of candidates) {
    try { if (fs.statSync(c).isFile()) return c; } catch { /* not there */ }
  }
  return null;
}

/**
 * For each imported module (dotted as imported), the module that decides its package and the file
 * Debian's python3 loads for it ('built-in' for those inside python itself, null when not found).
 * That module is the top-level one, unless it is a namespace package (google, which no one
 * package owns): then the import's next part is looked up in it (google.protobuf).
 */
function resolveModules(names) {
  if (names.length === 0) return new Map();
  const code = `import importlib.util,json,sys
def spec(n):
  try: return importlib.util.find_spec(n)
  except Exception: return None
out={}
for n in sys.argv[1:]:
  parts=n.split('.'); k=1; s=spec(parts[0])
  while s is not None and s.origin is None and s.submodule_search_locations is not None and k<len(parts):
    k+=1; s=spec('.'.join(parts[:k]))
  out[n]=['.'.join(parts[:k]), None if s is None else (s.origin if s.origin not in (None,"built-in","frozen") else "built-in")]
print(json.dumps(out))`;
  const r = spawnSync('/usr/bin/python3', ['-c', code, ...names], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`/usr/bin/python3 failed: ${r.stderr}`);
  return new Map(Object.entries(JSON.parse(r.stdout)).map(([n, [label, file]]) => [n, { label, file }]));
}

/** The Debian package owning each file, trying the merged-/usr twin and the symlink's target. */
function owners(files) {
  const variants = (f) => {
    const real = fs.realpathSync(f);
    const twin = (p) => (p.startsWith('/usr/') ? p.slice(4) : `/usr${p}`);
    return [...new Set([f, twin(f), real, twin(real)])];
  };
  const all = [...new Set(files.flatMap(variants))];
  const owned = new Map();
  for (let i = 0; i < all.length; i += 200) {
    const r = spawnSync('dpkg', ['-S', ...all.slice(i, i + 200)], { encoding: 'utf8' });
    for (const line of r.stdout.split('\n')) {
      const m = /^(.+?): (\/.*)$/.exec(line);
      if (m && !m[1].startsWith('diversion by')) owned.set(m[2], m[1].split(', ')[0].replace(/:amd64$/, ''));
    }
  }
  return new Map(files.map((f) => [f, variants(f).map((v) => owned.get(v)).find(Boolean) ?? null]));
}

function main() {
  const list = process.argv.includes('--list');
  const fresh = packageList('scripts/fresh-machine-packages.txt');
  const installed = libPackages();
  const { commands, modules } = collect();
  const rows = []; // { what, file, pkg, where }
  const unresolvedPaths = [];
  for (const [name, where] of commands) {
    const file = resolveCommand(name);
    if (file) rows.push({ what: name, file, where });
    else if (name.startsWith('/')) unresolvedPaths.push(name);
  }
  const resolved = resolveModules([...modules.keys()]);
  const byModule = new Map(); // the module that decides, e.g. grpc, google.protobuf -> { file, where }
  for (const [name, where] of modules) {
    const { label, file } = resolved.get(name);
    const entry = byModule.get(label) ?? { file, where: new Set() };
    for (const w of where) entry.where.add(w);
    byModule.set(label, entry);
  }
  const missingModules = [];
  for (const [name, { file, where }] of byModule) {
    if (file === null) missingModules.push(name);
    else if (file !== 'built-in') rows.push({ what: `python3:${name}`, file, where });
  }
  const pkgOf = owners(rows.map((r) => r.file));
  const problems = [];
  const byPackage = new Map();
  for (const r of rows) {
    const pkg = pkgOf.get(r.file);
    const base = path.basename(r.what);
    const source = pkg === null ? (NOT_FROM_DEBIAN[base] ?? null) : fresh.has(pkg) ? 'fresh' : installed.has(pkg) ? 'lib.sh' : null;
    const key = pkg ?? `(not a Debian package: ${r.file})`;
    const entry = byPackage.get(key) ?? { source, names: new Set() };
    entry.names.add(r.what);
    byPackage.set(key, entry);
    if (source === null) {
      problems.push(`${r.what} (${r.file}) comes from ${pkg ? `package ${pkg}` : 'no Debian package'}, which a fresh machine lacks and `
        + `scripts/lib.sh (sm_apt_packages) does not list; used in ${[...r.where].slice(0, 3).join(', ')}`);
    }
  }
  for (const name of missingModules) {
    problems.push(`python3:${name} is imported by ${[...byModule.get(name).where].slice(0, 3).join(', ')} and /usr/bin/python3 cannot find it`);
  }
  if (list) {
    for (const [pkg, { source, names }] of [...byPackage].sort((a, b) => a[0].localeCompare(b[0]))) {
      console.log(`${pkg.padEnd(22)} ${(source ?? 'MISSING').padEnd(7)} ${[...names].sort().join(' ')}`);
    }
  }
  const fromLib = [...byPackage].filter(([, e]) => e.source === 'lib.sh').map(([p]) => p).sort();
  const unused = [...installed].filter((p) => !fresh.has(p) && !byPackage.has(p)).sort();
  console.log(`check-packages: ${rows.length} commands and modules from ${byPackage.size} packages; `
    + `installed by lib.sh: ${fromLib.join(' ') || 'none'}; `
    + `listed in scripts/lib.sh for no command found: ${unused.join(' ') || 'none'}; `
    + `${unresolvedPaths.length} absolute paths name nothing installed here (made-up names in parser tests)`);
  if (problems.length > 0) {
    for (const p of problems) console.error(`check-packages: ${p}`);
    console.error('check-packages: add each package to sm_apt_packages in scripts/lib.sh');
    process.exitCode = 1;
  }
}

main();
