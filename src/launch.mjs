/**
 * node src/launch.mjs <command> [args…] — runs src/cli/<command>.ts (what `npm start`, `npm run chat`, … call).
 *
 * Running the TypeScript through tsx costs a cross-thread round trip through its loader hooks for
 * every module loaded, node_modules included: several hundred ms of each start-up. Instead, the
 * command is bundled once with esbuild (our code in one file, packages left as imports, a source map
 * for stack traces) into a cache, and later starts import that file with plain node.
 *
 * The bundle is rebuilt when it is missing or when any file under src/ or flows/, tsconfig.json or
 * package.json differs (mtime, size) from the manifest recorded at its build. Builds are written to
 * a temporary name and renamed, so two processes starting at once never read half a file.
 * Cache: node_modules/.cache/sh-points-intake-bot/, or BUNDLE_CACHE_DIR (relative to the project
 * root, and inside it, so the bundle still finds node_modules and knowledge/).
 * `npx tsx src/cli/<command>.ts` still runs the sources directly.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseEnv } from 'node:util';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** Bump when the build options change, so existing bundles are rebuilt. */
const BUILD_FORMAT = 1;
/** What a bundle can depend on besides packages (which stay imports from node_modules). */
const SOURCE_DIRS = ['src', 'flows'];
const SOURCE_FILES = ['tsconfig.json', 'package.json'];

/** One line on standard error and a non-zero exit: the launcher's own failures need no stack trace. */
function fail(message) {
  process.stderr.write(`launch: ${message}\n`);
  process.exit(2);
}

function commands() {
  return readdirSync(join(ROOT, 'src/cli'))
    .filter((name) => name.endsWith('.ts') && name !== 'cli-support.ts')
    .map((name) => name.slice(0, -3))
    .sort();
}

/** BUNDLE_CACHE_DIR from the environment, else from `.env` as the commands read it (they load it only after the launcher ran). */
function bundleCacheSetting() {
  if (process.env.BUNDLE_CACHE_DIR) return process.env.BUNDLE_CACHE_DIR;
  return existsSync('.env') ? parseEnv(readFileSync('.env', 'utf8')).BUNDLE_CACHE_DIR : undefined;
}

function cacheDir() {
  const dir = resolve(ROOT, bundleCacheSetting() || 'node_modules/.cache/sh-points-intake-bot');
  const inside = relative(ROOT, dir);
  if (inside.startsWith('..') || isAbsolute(inside)) fail(`BUNDLE_CACHE_DIR must be inside ${ROOT} (the bundle imports its packages from node_modules)`);
  return dir;
}

/** Every input file with its mtime and size, one per line, in a stable order. */
function manifest() {
  const lines = [`format ${BUILD_FORMAT} node ${process.versions.node}`];
  const add = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    lines.push(`${relative(ROOT, path)}\t${stat ? `${stat.mtimeMs}\t${stat.size}` : 'missing'}`);
  };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) add(path);
    }
  };
  for (const dir of SOURCE_DIRS) walk(join(ROOT, dir));
  for (const file of SOURCE_FILES) add(join(ROOT, file));
  return `${lines.join('\n')}\n`;
}

function readOr(path, fallback) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

/** Temporary name, then rename: a reader sees the old file or the new one, never a partial one. */
function writeAtomically(path, contents) {
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, path);
}

/** Builds `entry` into `outfile`; a build error ends the process with one line, a write error throws. */
async function build(entry, outfile) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch (error) {
    fail(`cannot load esbuild (run npm install): ${String(error?.message ?? error).split('\n')[0]}`);
  }
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      write: false,
      logLevel: 'silent',
    });
  } catch (error) {
    const first = error?.errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column}: ` : '';
    fail(`cannot build ${relative(ROOT, entry)}: ${where}${first?.text ?? String(error?.message ?? error).split('\n')[0]}`);
  } finally {
    await esbuild.stop?.();
  }
  // The map before the code that names it.
  const isMap = (file) => file.path.endsWith('.map');
  for (const file of [...result.outputFiles.filter(isMap), ...result.outputFiles.filter((f) => !isMap(f))]) {
    writeAtomically(file.path, file.contents);
  }
}

/**
 * Builds the command's bundle unless the one in the cache matches `current` (the sources' manifest);
 * false when it cannot be written.
 */
async function ensureBundle(name, dir, current = manifest()) {
  const bundle = join(dir, `${name}.mjs`);
  const manifestFile = join(dir, `${name}.manifest`);
  if (existsSync(bundle) && readOr(manifestFile, '') === current) return true;
  try {
    mkdirSync(dir, { recursive: true });
  } catch {
    return false;
  }
  try {
    await build(join(ROOT, 'src/cli', `${name}.ts`), bundle);
    // Last: a manifest always describes a bundle that is already in place.
    writeAtomically(manifestFile, current);
    return true;
  } catch {
    return false;
  }
}

const command = process.argv[2];

// `npm ci` runs this (the "prepare" script): every bundle is built at install time, so the first
// start is already fast and an image whose files are read-only at run time needs no writes.
if (command === '--prepare') {
  const dir = cacheDir();
  const current = manifest(); // the same sources for every command
  for (const name of commands()) {
    if (!(await ensureBundle(name, dir, current))) {
      process.stderr.write(`launch: cannot write bundles to ${dir}; commands will run through tsx\n`);
      break;
    }
  }
  process.exit(0);
}

if (!command || !commands().includes(command)) {
  fail(`usage: node src/launch.mjs <command> [args…], where <command> is one of: ${commands().join(', ')}`);
}

const dir = cacheDir();
const bundled = await ensureBundle(command, dir);
// The command reads its own arguments from process.argv.slice(2).
process.argv.splice(2, 1);
if (bundled) {
  // Stack traces in logs then name src/… lines, not lines of the bundle.
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(join(dir, `${command}.mjs`)).href);
} else {
  // Nowhere to write the bundle (a read-only install): run the sources through tsx, slower to start.
  process.stderr.write(`launch: cannot write the bundle to ${dir}; running ${command} through tsx (slower start-up)\n`);
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(ROOT, 'src/cli', `${command}.ts`)).href);
}
