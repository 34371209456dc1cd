// Builds the three Electron targets plus the plain-Node web host (the embedded database has its own config).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './shared/security';

const root = import.meta.dirname;
const sharedDir = resolve(root, 'shared') + sep;

/** The built page carries its CSP itself, so it holds under file:// in Electron as well as over http. */
const cspMeta = (): Plugin => ({
  name: 'servicepro-csp-meta',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: {
        'http-equiv': 'Content-Security-Policy',
        content: contentSecurityPolicy({ forMeta: true }),
      },
      injectTo: 'head-prepend',
    },
  ],
});

const ASSET_CACHE_PLACEHOLDER = '__ASSET_CACHE__';

/**
 * The web host's service worker (renderer/sw/asset-cache.js) as out/renderer/sw.js, its cache named
 * after this build's files: a build with other files gets a new worker, which drops the old cache.
 */
const assetCacheWorker = (): Plugin => ({
  name: 'servicepro-asset-cache',
  apply: 'build',
  generateBundle(_options, bundle) {
    const files = Object.keys(bundle)
      .filter((name) => name.startsWith('assets/') && !name.endsWith('.map'))
      .sort();
    const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
    const template = readFileSync(resolve(root, 'renderer/sw/asset-cache.js'), 'utf8');
    if (!template.includes(ASSET_CACHE_PLACEHOLDER)) {
      throw new Error(`renderer/sw/asset-cache.js lost its ${ASSET_CACHE_PLACEHOLDER} placeholder`);
    }
    this.emitFile({
      type: 'asset',
      fileName: 'sw.js',
      source: template.replace(ASSET_CACHE_PLACEHOLDER, `servicepro-assets-${version}`),
    });
  },
});

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          host: resolve(root, 'electron/host/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() packages, so everything is bundled into one CJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), cspMeta(), assetCacheWorker()],
    build: {
      outDir: 'out/renderer',
      minify: true,
      sourcemap: true,
      rollupOptions: {
        input: resolve(root, 'renderer/index.html'),
        // The shared code (contract, schemas) only declares things: a module none of whose exports
        // the page uses is left out, so the board does not build every channel's zod schemas.
        treeshake: { moduleSideEffects: (id) => !id.startsWith(sharedDir) },
      },
    },
  },
});
