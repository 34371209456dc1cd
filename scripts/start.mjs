// `npm start`: the desktop app when Electron can run here, otherwise the same app in browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function electronBinary() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no display to open a window on' };
  }
  // The electron package resolves to its binary's path, downloading it on first use; a child
  // process keeps that download's progress and failure output off this terminal.
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
  });
  if (probe.status === 0 && probe.stdout) return { path: probe.stdout };
  const why =
    (probe.stderr || '').split('\n').find((line) => /Error|failed/i.test(line)) ?? 'no binary';
  return { reason: `the Electron binary is unavailable (${why.trim().slice(0, 120)})` };
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = electronBinary();
if (electron.path) {
  run(electron.path, ['.']);
} else {
  console.log(
    `Desktop mode is not possible here: ${electron.reason}; starting browser mode instead.`,
  );
  run(process.execPath, ['out/main/host.js', ...process.argv.slice(2)]);
}
