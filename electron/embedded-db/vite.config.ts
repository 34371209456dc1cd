// Bundles the embedded server (CLI + library) and the DB bench into plain-Node ESM under out/embedded-db.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '../..');

export default defineConfig({
  root,
  logLevel: 'warn',
  build: {
    ssr: true,
    target: 'node20',
    outDir: resolve(root, 'out/embedded-db'),
    emptyOutDir: true,
    minify: false,
    rollupOptions: {
      input: {
        cli: resolve(root, 'electron/embedded-db/cli.ts'),
        index: resolve(root, 'electron/embedded-db/index.ts'),
        bench: resolve(root, 'bench/db.ts'),
      },
      output: { format: 'es', entryFileNames: '[name].js' },
    },
  },
});
