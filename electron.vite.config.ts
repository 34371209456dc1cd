// Builds the three Electron targets plus the plain-Node web host (the embedded database has its own config).
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
    plugins: [react(), cspMeta()],
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
