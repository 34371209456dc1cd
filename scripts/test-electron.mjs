// `npm run test:electron`: smoke test of the real desktop app, for machines where Electron runs.
// (Electron cannot be downloaded on our CI machines; the suite proves the same app in Chromium.)
import { mkdirSync } from 'node:fs';
import { _electron as electron } from 'playwright-core';

const app = await electron
  .launch({ args: ['.'], env: { ...process.env, NODE_ENV: 'test' } })
  .catch((err) => {
    console.error(`Could not launch Electron: ${String(err.message ?? err).split('\n')[0]}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  });
let failed = 0;
try {
  const page = await app.firstWindow();
  await page
    .locator(
      '[data-testid="health-indicator"][data-connection="open"]:not([data-status="unknown"])',
    )
    .waitFor({ timeout: 20_000 });
  const label = await page.getByTestId('health-indicator').textContent();
  if (!label?.startsWith('Connected')) throw new Error(`health indicator says "${label}"`);
  const isolated = await page.evaluate(
    () => typeof globalThis.require === 'undefined' && typeof globalThis.process === 'undefined',
  );
  if (!isolated) throw new Error('the renderer can reach Node');
  mkdirSync('test-results', { recursive: true });
  await page.screenshot({ path: 'test-results/electron-smoke.png' });
  console.log('Electron smoke test: window opened, IPC health round-trip ok, renderer isolated.');
} catch (err) {
  failed = 1;
  console.error(`Electron smoke test failed: ${err.message}`);
} finally {
  await app.close();
}
console.log(`${1 - failed} passed, ${failed} failed`);
process.exit(failed);
