// Checks of electron-builder.yml that need no build, each returning what it finds wrong as sentences.
// They use electron-builder's own loader, schema validator and file matchers, so they see the
// configuration the way packaging does.
import { existsSync, readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import { isBuiltin } from 'node:module';
import { basename, join, relative, resolve } from 'node:path';
import type { Configuration, FileSet } from 'app-builder-lib';
import * as fileMatcher from 'app-builder-lib/out/fileMatcher.js';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';

export const root = resolve(import.meta.dirname, '../../..');
const debugLogger = new DebugLogger(false);
const noMacros = (pattern: string) => pattern;

/** electron-builder.yml as `electron-builder` loads and merges it (with `extra` merged on top, as the CLI's -c does). */
export function loadBuilderConfig(extra: Configuration | null = null): Promise<Configuration> {
  return getConfig(root, null, extra);
}

/** electron-builder's own check against its JSON schema (app-builder-lib/scheme.json). */
export function validate(config: Configuration): Promise<void> {
  return validateConfiguration(config, debugLogger);
}

type Filter = (file: string, stat: Stats) => boolean;
interface Matcher {
  createFilter(): Filter;
  isEmpty(): boolean;
}
/** Internal to app-builder-lib (left out of its typings) but exported: the exact selection it packages with. */
const internal = fileMatcher as unknown as {
  getMainFileMatchers(
    appDir: string,
    destination: string,
    macroExpander: (p: string) => string,
    platformOptions: object,
    platformPackager: object,
    outDir: string,
    isElectronCompile: boolean,
  ): Matcher[];
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    macroExpander: (p: string) => string,
    platformOptions: object,
    packager: object,
  ): Matcher;
};

/** What the matchers are given for a file (they only ask whether it is a folder). */
const aFile = statSync(join(root, 'package.json'));

const asArray = <T>(value: T | T[] | null | undefined): T[] =>
  value === null || value === undefined ? [] : Array.isArray(value) ? value : [value];

/** Whether a path (relative to the repository) would be copied into the app by `files`. */
export function packagedBy(config: Configuration): (path: string) => boolean {
  const info = {
    projectDir: root,
    buildResourcesDir: resolve(root, config.directories?.buildResources ?? 'build'),
    isPrepackedAppAsar: false,
    config,
    debugLogger,
  };
  const outDir = resolve(root, config.directories?.output ?? 'dist');
  const [main] = internal.getMainFileMatchers(root, '/app', noMacros, {}, { info }, outDir, false);
  const modules = internal.getNodeModuleFileMatcher(root, '/app', noMacros, {}, info);
  const mainFilter = main?.createFilter();
  const moduleFilter = modules.isEmpty() ? () => true : modules.createFilter();
  return (path) =>
    path.startsWith('node_modules/')
      ? moduleFilter(join(root, path), aFile)
      : (mainFilter?.(join(root, path), aFile) ?? false);
}

/** Whether a path would be stored outside the asar (app.asar.unpacked) by `asarUnpack`. */
export function unpackedBy(config: Configuration): (path: string) => boolean {
  const patterns = asArray(config.asarUnpack);
  if (patterns.length === 0) return () => false;
  const filter = new fileMatcher.FileMatcher(root, '/app', noMacros, patterns).createFilter();
  return (path) => filter(join(root, path), aFile);
}

// ---- What the build makes (from the Vite configs, so no build is needed) ----------------------

interface BuildSection {
  outDir?: string;
  rollupOptions?: {
    input?: string | string[] | Record<string, string>;
    output?: { entryFileNames?: unknown } | unknown[];
  };
}

function entryFiles(build: BuildSection | undefined): string[] {
  if (!build?.outDir) return [];
  const outDir = relative(root, resolve(root, build.outDir));
  const input = build.rollupOptions?.input;
  const output = build.rollupOptions?.output;
  const pattern =
    output && !Array.isArray(output) && typeof output.entryFileNames === 'string'
      ? output.entryFileNames
      : '[name].js';
  if (typeof input === 'string') return [join(outDir, basename(input))];
  if (Array.isArray(input)) return input.map((file) => join(outDir, basename(file)));
  return Object.keys(input ?? {}).map((name) => join(outDir, pattern.replace('[name]', name)));
}

/** The entry files `npm run build` writes, read from electron.vite.config.ts and the embedded-db config. */
export async function buildEntryFiles(): Promise<string[]> {
  const app = (await import('../../../electron.vite.config')).default;
  const embedded = (await import('../../../electron/embedded-db/vite.config')).default;
  if (typeof app === 'function' || app instanceof Promise || typeof embedded === 'function') {
    throw new Error('the Vite configs are no longer plain objects: read their outputs another way');
  }
  const sections = [app.main?.build, app.preload?.build, app.renderer?.build, embedded.build];
  return sections.flatMap((build) => entryFiles(build as BuildSection | undefined));
}

/** Files under out/ that electron/main/index.ts loads at run time (`join(here, '../…')`, here being out/main). */
export function filesTheMainProcessLoads(): string[] {
  const source = readFileSync(join(root, 'electron/main/index.ts'), 'utf8');
  return [...source.matchAll(/join\(\s*here,\s*'([^']+)'\s*\)/g)]
    .map((match) => relative(root, resolve(root, 'out/main', match[1]!)))
    .filter((path) => path.startsWith('out/') && /\.\w+$/.test(path));
}

// ---- The packages the main-process side needs at run time ------------------------------------

interface LockPackage {
  dev?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockPackage>;
};
/** Every installed package folder, as package-lock.json names it ("node_modules/a/node_modules/b"). */
export const installedPackages = Object.keys(lock.packages).filter((path) =>
  path.startsWith('node_modules/'),
);

/** Where Node finds `name` from the package at `from` (nearest node_modules up the tree). */
function resolvePackage(from: string, name: string): string | undefined {
  for (let base = from; ;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !/\.(d|config)\.ts$/.test(file))
    .map((file) => join(root, dir, file));
}

const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** The npm packages imported by code that runs in the main process (electron/, shared/). */
export function mainSideImports(): string[] {
  const names = new Set<string>();
  for (const file of [...sourceFiles('electron'), ...sourceFiles('shared')]) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/\b(?:from|import|require)\s*\(?\s*'([^'\n]+)'/g)) {
      const specifier = match[1]!;
      if (specifier.startsWith('.') || isBuiltin(specifier) || specifier === 'electron') continue;
      const name = packageName(specifier);
      if (lock.packages[`node_modules/${name}`]) names.add(name);
    }
  }
  return [...names].sort();
}

/** Those packages and everything they depend on, as installed (type declarations are never loaded). */
export function runtimeClosure(names: string[]): string[] {
  const seen = new Set<string>();
  const queue = names.map((name) => resolvePackage('', name)).filter((p) => p !== undefined);
  while (queue.length) {
    const path = queue.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const pkg = lock.packages[path]!;
    const peers = Object.keys(pkg.peerDependencies ?? {}).filter(
      (name) => !pkg.peerDependenciesMeta?.[name]?.optional,
    );
    for (const name of [
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.optionalDependencies ?? {}),
      ...peers,
    ]) {
      const found = resolvePackage(path, name);
      if (found && !name.startsWith('@types/')) queue.push(found);
    }
  }
  return [...seen].sort();
}

// ---- The checks ------------------------------------------------------------------------------

/** The strings of `files` (electron-builder merges them into file sets with a `filter`). */
export function filePatterns(config: Configuration): string[] {
  return asArray(config.files as (string | FileSet)[] | string).flatMap((entry) =>
    typeof entry === 'string' ? [entry] : asArray(entry.filter),
  );
}

/** Everything the app needs from the build is packaged, and every exclusion names something real. */
export async function fileProblems(config: Configuration): Promise<string[]> {
  const problems: string[] = [];
  const packaged = packagedBy(config);
  const built = await buildEntryFiles();
  const main = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string })
    .main;
  const needed = [
    ['package.json', 'package.json'],
    [main, 'package.json "main"'],
    ...filesTheMainProcessLoads().map((file) => [file, 'electron/main/index.ts']),
    ['out/embedded-db/index.js', 'out/embedded-db/cli.js (its import of ./index.js)'],
  ] as const;
  for (const [file, by] of needed) {
    if (file !== 'package.json' && !built.includes(file)) {
      problems.push(`${file} (loaded by ${by}) is not an output of the Vite configs`);
    } else if (!packaged(file)) {
      problems.push(`${file} (loaded by ${by}) is left out by "files"`);
    }
  }
  for (const pattern of filePatterns(config)) {
    const path = pattern.replace(/^!/, '');
    const base = path.split(/[*{]/)[0]!.replace(/\/$/, '');
    if (base.startsWith('node_modules/')) {
      const matcher = new fileMatcher.FileMatcher(root, '/app', noMacros, ['**/*', pattern]);
      const filter = matcher.createFilter();
      if (!installedPackages.some((pkg) => !filter(join(root, pkg, 'package.json'), aFile))) {
        problems.push(`"${pattern}" matches no installed package`);
      }
    } else if (base.startsWith('out/') || base === 'out') {
      const made = built.some((file) => file === base || file.startsWith(`${base}/`));
      if (!made) problems.push(`"${pattern}" names ${base}, which the build does not make`);
    } else if (base && !existsSync(join(root, base))) {
      problems.push(`"${pattern}" names ${base}, which does not exist`);
    }
  }
  for (const pkg of runtimeClosure([...mainSideImports(), 'keytar'])) {
    if (!packaged(`${pkg}/package.json`)) {
      problems.push(`${pkg} is needed by the main process but left out by "files"`);
    }
  }
  return problems;
}

/** Where electron-builder looks for an icon: the build resources folder, then the project. */
export function resolveResource(config: Configuration, path: string): string | undefined {
  const roots = [resolve(root, config.directories?.buildResources ?? 'build'), root];
  return roots.map((dir) => resolve(dir, path)).find((file) => existsSync(file));
}

/** Each platform's extraResources: the `from` folders and every file their filters name exist. */
export function extraResourceProblems(config: Configuration): string[] {
  const problems: string[] = [];
  for (const platform of ['mac', 'win', 'linux'] as const) {
    for (const entry of asArray(config[platform]?.extraResources)) {
      if (typeof entry === 'string') {
        if (!existsSync(join(root, entry))) problems.push(`${platform}: ${entry} does not exist`);
        continue;
      }
      const from = join(root, entry.from ?? '.');
      if (!existsSync(from) || !statSync(from).isDirectory()) {
        problems.push(`${platform}: extraResources from "${entry.from}" is not a folder`);
        continue;
      }
      for (const file of asArray(entry.filter)) {
        if (!/[*?{]/.test(file) && !existsSync(join(from, file))) {
          problems.push(
            `${platform}: extraResources names ${entry.from}/${file}, which does not exist`,
          );
        }
      }
    }
  }
  return problems;
}

/** The file a packaged app finds at <resources>/<to>/<file>, per platform's extraResources. */
export function packagedResource(
  config: Configuration,
  platform: 'mac' | 'win' | 'linux',
  path: string,
): string | undefined {
  for (const entry of asArray(config[platform]?.extraResources)) {
    if (typeof entry === 'string') continue;
    const to = (entry.to ?? '').replace(/\/$/, '');
    for (const file of asArray(entry.filter)) {
      if ((to ? `${to}/${file}` : file) === path) return join(root, entry.from ?? '.', file);
    }
  }
  return undefined;
}

interface TargetEntry {
  target: string;
  arch?: string | string[];
}
/** A platform's targets as [name, archs] pairs. */
export function targetsOf(config: Configuration, platform: 'mac' | 'win' | 'linux'): TargetEntry[] {
  return asArray(config[platform]?.target as string | TargetEntry | (string | TargetEntry)[]).map(
    (entry) => (typeof entry === 'string' ? { target: entry } : entry),
  );
}
