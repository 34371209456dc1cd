// Debian's Chromium driven by playwright-core (Playwright's own browser download is blocked here).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install it with "apt-get install -y chromium" or set CHROMIUM_PATH.`,
    );
  }
  return path;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

/** The built renderer; `npm test` builds it before the end-to-end run. */
export function builtRendererDir(): string {
  const dir = resolve(import.meta.dirname, '../../../out/renderer');
  if (!existsSync(resolve(dir, 'index.html'))) {
    throw new Error('out/renderer is missing: run "npm run build" before the end-to-end tests.');
  }
  return dir;
}

export const screenshotPath = (name: string) =>
  resolve(import.meta.dirname, '../../../test-results', `${name}.png`);
