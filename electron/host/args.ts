// Command-line options of the web host.
import { parseArgs } from 'node:util';

export interface HostArgs {
  port: number;
  dataDir: string | undefined;
}

export function parseHostArgs(argv: string[]): HostArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '5180' },
      'data-dir': { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a whole number from 0 to 65535, got "${values.port}".`);
  }
  return { port, dataDir: values['data-dir'] };
}
