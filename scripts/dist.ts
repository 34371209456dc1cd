// `npm run dist`: packages the built app (out/) into installers with electron-builder.yml.
// `-- --win`, `--mac`, `--linux` pick the OS (default: this one), `--dir` makes an unpacked app only.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { build, type CliOptions } from 'electron-builder';

export const UPDATE_FEED_VARIABLE = 'SERVICEPRO_UPDATE_URL';

/**
 * The update feed is SERVICEPRO_UPDATE_URL (electron-builder.yml's `publish.url`), written into each
 * app as app-update.yml for an updater to read. Unset, the build drops `publish` (electron-builder
 * would refuse to expand the macro) and the installers carry no feed; set, it must be https.
 */
export function updateFeedOverrides(env: NodeJS.ProcessEnv): { publish: null } | undefined {
  const url = env[UPDATE_FEED_VARIABLE];
  if (url === undefined || url.trim() === '') return { publish: null };
  const fix =
    'Set it to the https:// address of the folder the installers and latest*.yml are uploaded to, ' +
    'or unset it to build installers without updates.';
  if (!URL.canParse(url)) throw new Error(`${UPDATE_FEED_VARIABLE} is not a URL: "${url}". ${fix}`);
  if (new URL(url).protocol !== 'https:') {
    throw new Error(`${UPDATE_FEED_VARIABLE} must use https, not "${url}". ${fix}`);
  }
  return undefined;
}

async function main() {
  const { values } = parseArgs({
    options: {
      win: { type: 'boolean' },
      mac: { type: 'boolean' },
      linux: { type: 'boolean' },
      dir: { type: 'boolean' },
    },
  });
  const overrides = updateFeedOverrides(process.env);
  console.log(
    overrides
      ? `No update feed (${UPDATE_FEED_VARIABLE} is unset): no app-update.yml and no latest*.yml.`
      : `Update feed: ${process.env[UPDATE_FEED_VARIABLE]} (upload dist/ there after the build)`,
  );
  const options: CliOptions = {
    // A generic feed is a plain web folder: upload dist/ there yourself.
    publish: 'never',
    dir: values.dir ?? false,
    ...(overrides ? { config: overrides } : {}),
    ...(values.win ? { win: [] } : {}),
    ...(values.mac ? { mac: [] } : {}),
    ...(values.linux ? { linux: [] } : {}),
  };
  try {
    const artifacts = await build(options);
    console.log(artifacts.length ? artifacts.join('\n') : 'Nothing was built.');
  } finally {
    // Packaging rebuilt keytar in node_modules for Electron and for the last arch it packaged (arm64
    // after a universal mac build): build it again for this machine's Node, which the tests use.
    const rebuilt = spawnSync('npm rebuild keytar', { stdio: 'inherit', shell: true });
    if (rebuilt.status !== 0) {
      console.warn('Could not rebuild keytar for Node: run `npm rebuild keytar` before the tests.');
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
