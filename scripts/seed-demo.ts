// `npm run seed:demo`: loads the two demo businesses into MONGODB_URI, or into the app's own database.
import { MongoClient } from 'mongodb';
import { join } from 'node:path';
import { DEFAULT_DB_NAME } from '../electron/core/db/connection';
import { DEMO_PASSWORD, seedDemo } from '../electron/core/demo/seed';
import { defaultDataDir } from '../electron/core/paths';
import { startEmbeddedServer } from '../electron/embedded-db/index';

async function main() {
  const external = process.env.MONGODB_URI;
  let close = async () => undefined as void;
  let uri: string;
  if (external) {
    uri = external;
    console.log('Seeding the database at MONGODB_URI…');
  } else {
    const dbPath = join(defaultDataDir(), 'db');
    console.log(`Seeding the app's own database in ${dbPath}…`);
    // Refused with a clear message (lock file) while the app itself has this database open.
    const server = await startEmbeddedServer({ dbPath });
    uri = server.uri;
    close = () => server.close();
  }
  const client = new MongoClient(uri);
  try {
    const db = client.db(external ? undefined : DEFAULT_DB_NAME);
    const { counts, accounts } = await seedDemo(db, { now: new Date() });
    for (const [name, count] of Object.entries(counts)) console.log(`  ${name}: ${count}`);
    console.log(`Sign in with any of these (password "${DEMO_PASSWORD}"):`);
    for (const a of accounts) console.log(`  ${a.email}  (${a.role}, ${a.business})`);
  } finally {
    await client.close();
    await close();
  }
}

main().catch((err: unknown) => {
  console.error(
    `Could not seed the demo data: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
});
