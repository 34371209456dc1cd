// electron-builder.yml: electron-builder's own schema, the files it names, the icons, the targets.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { convertIcon } from 'app-builder-lib/out/util/iconConverter.js';
import { expandMacro } from 'app-builder-lib/out/util/macroExpander.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UPDATE_FEED_VARIABLE, updateFeedOverrides } from '../../../scripts/dist';
import {
  extraResourceProblems,
  fileProblems,
  filePatterns,
  loadBuilderConfig,
  packagedBy,
  packagedResource,
  unpackedBy,
  resolveResource,
  root,
  targetsOf,
  validate,
} from './builder-checks';
import { coverage, isTemplateImage, readIcns, readIco, readPng } from './images';

vi.mock('electron', () => import('../../support/electron-stub'));
const { trayIconPath } = await import('../../../electron/main/tray');

const config = await loadBuilderConfig();
/** A deep copy to break on purpose. */
const copy = (): Configuration => structuredClone(config);
const read = (path: string) => readFileSync(join(root, path));

afterEach(() => vi.unstubAllEnvs());

describe('electron-builder.yml against electron-builder 26', () => {
  it('passes electron-builder’s own schema check', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('would be refused by that check with a misspelt or mistyped option', async () => {
    const misspelt = copy();
    Object.assign(misspelt.mac!, { hardendRuntime: true });
    await expect(validate(misspelt)).rejects.toThrow(/configuration\.mac should be/);
    const mistyped = copy();
    Object.assign(mistyped.nsis!, { oneClick: 'sometimes' });
    await expect(validate(mistyped)).rejects.toThrow(
      /configuration\.nsis\.oneClick should be a boolean/,
    );
  });

  it('names the app and its id', () => {
    expect(config.appId).toBe('app.servicepro.dispatch');
    expect(config.productName).toBe('ServicePro Dispatch');
    expect(config.copyright).toMatch(/ServicePro Dispatch/);
  });

  it('makes a universal dmg, an NSIS installer and an AppImage', () => {
    expect(targetsOf(config, 'mac')).toEqual([{ target: 'dmg', arch: 'universal' }]);
    expect(targetsOf(config, 'win').map((t) => t.target)).toEqual(['nsis']);
    expect(targetsOf(config, 'linux').map((t) => t.target)).toEqual(['AppImage']);
    expect(config.mac?.mergeASARs).not.toBe(false);
  });

  it('associates no file types and registers no URL protocols', () => {
    for (const options of [config, config.mac, config.win, config.linux]) {
      expect(options?.fileAssociations).toBeUndefined();
      expect(options?.protocols).toBeUndefined();
    }
  });
});

describe('what goes into the app', () => {
  it('packages every file the main process loads, and nothing it names is missing', async () => {
    expect(await fileProblems(config)).toEqual([]);
    const packaged = packagedBy(config);
    expect(packaged('out/embedded-db/cli.js')).toBe(true);
    expect(packaged('out/renderer/index.html')).toBe(true);
    expect(packaged('out/main/host.js')).toBe(false);
    expect(packaged('out/renderer/assets/index.js.map')).toBe(false);
    expect(packaged('node_modules/mongodb/package.json')).toBe(true);
    expect(packaged('node_modules/@mui/material/package.json')).toBe(false);
    expect(packaged('resources/icon.png')).toBe(false);
  });

  it('would report a build output left out, or a package the core needs excluded', async () => {
    const noEmbeddedDb = copy();
    noEmbeddedDb.files = [...filePatterns(config), '!out/embedded-db/**'];
    expect(await fileProblems(noEmbeddedDb)).toContain(
      'out/embedded-db/cli.js (loaded by electron/main/index.ts) is left out by "files"',
    );
    const noMingo = copy();
    noMingo.files = [...filePatterns(config), '!node_modules/mingo/**'];
    expect(await fileProblems(noMingo)).toContain(
      'node_modules/mingo is needed by the main process but left out by "files"',
    );
    const stale = copy();
    stale.files = [...filePatterns(config), '!node_modules/left-pad/**', 'out/worker/**'];
    expect(await fileProblems(stale)).toEqual([
      '"!node_modules/left-pad/**" matches no installed package',
      '"out/worker/**" names out/worker, which the build does not make',
    ]);
  });

  it('keeps keytar’s native module outside the asar and rebuilds it for Electron', () => {
    const unpacked = unpackedBy(config);
    expect(unpacked('node_modules/keytar/build/Release/keytar.node')).toBe(true);
    expect(unpacked('node_modules/keytar/lib/keytar.js')).toBe(false);
    expect(config.npmRebuild).toBe(true);
    const pkg = JSON.parse(read('package.json').toString()) as { scripts: Record<string, string> };
    expect(pkg.scripts.postinstall ?? '').not.toMatch(/rebuild/);
  });

  it('copies each OS’s tray images to where the main process looks for them', () => {
    expect(extraResourceProblems(config)).toEqual([]);
    const platforms = [
      ['darwin', 'mac'],
      ['win32', 'win'],
      ['linux', 'linux'],
    ] as const;
    for (const [platform, key] of platforms) {
      const inApp = trayIconPath({
        platform,
        packaged: true,
        resourcesPath: '/resources',
        devResourcesDir: join(root, 'resources'),
      });
      const fromRepo = trayIconPath({
        platform,
        packaged: false,
        resourcesPath: '/resources',
        devResourcesDir: join(root, 'resources'),
      });
      const path = inApp.replace(/^\/resources\//, '');
      expect(packagedResource(config, key, path), `${key} ${path}`).toBe(fromRepo);
      if (path.endsWith('.png')) {
        const retina = path.replace(/\.png$/, '@2x.png');
        expect(packagedResource(config, key, retina), `${key} ${retina}`).toBeDefined();
      }
    }
    const broken = copy();
    broken.linux!.extraResources = [{ from: 'resources', to: 'tray', filter: ['tray-24.png'] }];
    expect(extraResourceProblems(broken)).toEqual([
      'linux: extraResources names resources/tray-24.png, which does not exist',
    ]);
  });
});

describe('the update feed', () => {
  it('is a generic server whose address comes from SERVICEPRO_UPDATE_URL', () => {
    expect(config.publish).toMatchObject({ provider: 'generic' });
    const url = (config.publish as { url: string }).url;
    vi.stubEnv(UPDATE_FEED_VARIABLE, 'https://updates.example.com/dispatch');
    expect(expandMacro(url, null, {} as never)).toBe('https://updates.example.com/dispatch');
    vi.stubEnv(UPDATE_FEED_VARIABLE, undefined);
    expect(() => expandMacro(url, null, {} as never)).toThrow(/SERVICEPRO_UPDATE_URL/);
  });

  it('is dropped when the variable is unset, and must be https when set', async () => {
    expect(updateFeedOverrides({})).toEqual({ publish: null });
    expect(updateFeedOverrides({ [UPDATE_FEED_VARIABLE]: ' ' })).toEqual({ publish: null });
    expect(
      updateFeedOverrides({ [UPDATE_FEED_VARIABLE]: 'https://updates.example.com/dispatch' }),
    ).toBeUndefined();
    expect(() =>
      updateFeedOverrides({ [UPDATE_FEED_VARIABLE]: 'http://updates.example.com/' }),
    ).toThrow(/SERVICEPRO_UPDATE_URL must use https/);
    expect(() => updateFeedOverrides({ [UPDATE_FEED_VARIABLE]: 'updates' })).toThrow(
      /SERVICEPRO_UPDATE_URL is not a URL/,
    );
    const withoutFeed = await loadBuilderConfig({ publish: null });
    expect(withoutFeed.publish).toBeNull();
    await expect(validate(withoutFeed)).resolves.toBeUndefined();
  });
});

describe('icons', () => {
  const sizes = (images: { width: number }[]) => images.map((image) => image.width);

  it('uses the committed icon files as they are (nothing to convert, so nothing to download)', async () => {
    // A converter folder without the converter: any conversion would fail here instead of downloading.
    vi.stubEnv('ELECTRON_BUILDER_ICONS_TOOLSET_DIR', mkdtempSync(join(tmpdir(), 'no-icon-tool-')));
    const roots = [join(root, 'resources'), root];
    const outDir = mkdtempSync(join(tmpdir(), 'icons-'));
    const use = async (source: string | null | undefined, format: 'ico' | 'icns' | 'set') => {
      const { icons, isFallback } = await convertIcon({
        sources: [source ?? ''],
        fallbackSources: [],
        roots,
        format,
        outDir,
      });
      expect(isFallback).toBe(false);
      return icons.map((icon) => icon.file);
    };
    expect(await use(config.win?.icon, 'ico')).toEqual([join(root, 'resources/icon.ico')]);
    expect(await use(config.mac?.icon, 'icns')).toEqual([join(root, 'resources/icon.icns')]);
    expect(await use(config.linux?.icon, 'set')).toHaveLength(7);
  });

  it('has a 1024 px app icon and a Linux icon set of 16 to 512 px', () => {
    const icon = readPng(read('resources/icon.png'));
    expect([icon.width, icon.height]).toEqual([1024, 1024]);
    expect(coverage(icon)).toBeGreaterThan(0.5);
    expect(resolveResource(config, config.linux!.icon!)).toBe(join(root, 'resources/icons'));
    const set = readdirSync(join(root, 'resources/icons')).sort(
      (a, b) => parseInt(a) - parseInt(b),
    );
    expect(set).toEqual([16, 32, 48, 64, 128, 256, 512].map((n) => `${n}x${n}.png`));
    for (const file of set) {
      const image = readPng(read(`resources/icons/${file}`));
      expect(`${image.width}x${image.height}.png`).toBe(file);
      expect(coverage(image)).toBeGreaterThan(0.5);
    }
  });

  it('has a Windows .ico of 16 to 256 px and a macOS .icns of 16 to 1024 px with @2x types', () => {
    const ico = readIco(read('resources/icon.ico'));
    expect(sizes(ico)).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (const image of ico) expect(coverage(image)).toBeGreaterThan(0.5);
    const icns = readIcns(read('resources/icon.icns'));
    expect([...icns.keys()].sort()).toEqual(
      [
        'icp4',
        'icp5',
        'icp6',
        'ic07',
        'ic08',
        'ic09',
        'ic10',
        'ic11',
        'ic12',
        'ic13',
        'ic14',
      ].sort(),
    );
    for (const image of icns.values()) expect(coverage(image)).toBeGreaterThan(0.3);
  });

  it('has tray icons in the sizes each OS asks for, the macOS ones black and alpha only', () => {
    expect(sizes(readIco(read('resources/tray.ico')))).toEqual([16, 20, 24, 32, 40, 48]);
    expect(readPng(read('resources/tray.png')).width).toBe(24);
    expect(readPng(read('resources/tray@2x.png')).width).toBe(48);
    const template = readPng(read('resources/trayTemplate.png'));
    const template2x = readPng(read('resources/trayTemplate@2x.png'));
    expect([template.width, template2x.width]).toEqual([16, 32]);
    for (const image of [template, template2x]) {
      expect(isTemplateImage(image)).toBe(true);
      expect(coverage(image)).toBeGreaterThan(0.1);
    }
    expect(isTemplateImage(readPng(read('resources/tray.png')))).toBe(false);
  });

  it('would notice a broken container', () => {
    const ico = Buffer.from(read('resources/icon.ico'));
    ico[6] = ico[7] = 32; // the first entry now claims 32 px but holds a 16 px image
    expect(() => readIco(ico)).toThrow(/BMP of 16×16 listed as 32×32/);
    const icns = Buffer.from(read('resources/icon.icns'));
    expect(() => readIcns(icns.subarray(0, icns.length - 10))).toThrow(/ICNS length/);
  });
});
