// data.export / data.import: the lawn business written to a folder of Extended JSON files and read
// back into a fresh database gives identical documents (BSON types, _ids, GridFS photo chunks);
// tampered folders are refused with the file named and nothing imported; a database that has the
// business refuses it; a failure part-way leaves nothing behind.
import { randomBytes } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { MongoClient, type Db } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataProgress, ExportManifest } from '../../../shared/contract';
import type { Core } from '../../../electron/core/compose';
import { SetChecksum } from '../../../electron/core/services/data/checksum';
import { connection, createTestCore } from '../../support/core';
import { OWNER_FORM } from '../../support/fixtures';
import {
  addPhotoAndEdit,
  businessIdOf,
  countsAndHashes,
  documentsOf,
  HVAC,
  LAWN,
  LAWN_DISPATCHER,
  LAWN_OWNER,
  readBusiness,
  seedInto,
  signIn,
  type Tab,
} from './support';

const root = mkdtempSync(join(tmpdir(), 'servicepro-export-'));
const client = new MongoClient(inject('mongoUri'));
const suffix = randomBytes(4).toString('hex');
const cores: Core[] = [];
const progress: DataProgress[] = [];
let source: Db;
let owner: Tab;
let lawnId: string;
let hvacId: string;
let exported: string;

/** A core on its own database of the run's server. */
async function coreOn(name: string): Promise<{ core: Core; db: Db }> {
  const core = createTestCore({ databaseUri: inject('mongoUri'), databaseName: name });
  await core.start();
  cores.push(core);
  core.events.subscribe((event, payload) => {
    if (event === 'data.progress') progress.push(payload as DataProgress);
  });
  return { core, db: client.db(name) };
}

/** A fresh database with its own first-run business and owner (who imports into it). */
async function freshDatabase(tag: string): Promise<{ core: Core; db: Db; owner: Tab }> {
  const { core, db } = await coreOn(`data_${tag}_${suffix}`);
  const tab = connection(core);
  await tab.value('auth.createOwner', OWNER_FORM);
  return { core, db, owner: tab };
}

let ids = 0;
const operationId = () => `export-test-${String(++ids).padStart(4, '0')}`;
const exportTo = (tab: Tab, folder: string) =>
  tab.call('data.export', { folder, operation_id: operationId() });
const importFrom = (tab: Tab, folder: string) =>
  tab.call('data.import', { folder, operation_id: operationId() });

/** A copy of the good export to tamper with. */
function copyOfExport(name: string): string {
  const folder = join(root, name);
  cpSync(exported, folder, { recursive: true });
  return folder;
}

/** Rewrites one document line of a file; `recount` fixes the manifest's checksum to match. */
function editDocument(
  folder: string,
  collection: string,
  index: number,
  change: (doc: Record<string, unknown>) => void,
  recount: boolean,
): string {
  const path = join(folder, `${collection}.json`);
  const lines = readFileSync(path, 'utf8').split('\n');
  const at = index + 1;
  const comma = lines[at]!.endsWith(',');
  const doc = EJSON.parse(lines[at]!.replace(/,$/, ''), { relaxed: false }) as Record<
    string,
    unknown
  >;
  change(doc);
  lines[at] = EJSON.stringify(doc, { relaxed: false }) + (comma ? ',' : '');
  writeFileSync(path, lines.join('\n'));
  if (recount) {
    const sum = new SetChecksum();
    for (const line of lines.slice(1)) {
      const text = line.replace(/,$/, '').trim();
      if (text && text !== ']') sum.add(EJSON.parse(text, { relaxed: false }));
    }
    const manifestPath = join(folder, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ExportManifest;
    const entry = manifest.collections.find((c) => c.collection === collection)!;
    entry.checksum = sum.hex;
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  }
  return String(doc.client_id ?? doc._id);
}

beforeAll(async () => {
  source = client.db(`data_source_${suffix}`);
  await seedInto(source);
  lawnId = await businessIdOf(source, LAWN);
  hvacId = await businessIdOf(source, HVAC);
  const { core } = await coreOn(source.databaseName);
  owner = await signIn(connection(core), LAWN_OWNER);
  await addPhotoAndEdit(owner);
}, 60_000);

afterAll(async () => {
  for (const core of cores) await core.stop();
  for (const { name } of await client
    .db()
    .admin()
    .listDatabases({ nameOnly: true })
    .then((r) => r.databases)) {
    if (name.endsWith(suffix)) await client.db(name).dropDatabase();
  }
  await client.close();
  rmSync(root, { recursive: true, force: true });
});

describe('data.export', () => {
  it('is for owners and admins only', async () => {
    const dispatcher = await signIn(connection(cores[0]!), LAWN_DISPATCHER);
    for (const channel of ['data.export', 'data.import'] as const) {
      expect(
        await dispatcher.call(channel, {
          folder: join(root, 'staff'),
          operation_id: operationId(),
        }),
      ).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    expect(await dispatcher.call('data.folders')).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    expect(existsSync(join(root, 'staff'))).toBe(false);
  });

  it('suggests a new folder named after the business and the day, and takes typed folders in browser mode', async () => {
    const folders = await owner.value<{ suggestedExportFolder: string; typedFolders: boolean }>(
      'data.folders',
    );
    expect(folders.suggestedExportFolder).toMatch(
      /ServicePro export Southern Lawn Care Co \d{4}-\d\d-\d\d$/,
    );
    expect(folders.typedFolders).toBe(true);
  });

  it('refuses a relative or unnormalized path, a folder that is not empty, and a missing parent', async () => {
    expect(await exportTo(owner, 'exports/lawn')).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        message: expect.stringContaining("Give the folder's full path"),
      },
    });
    expect(await exportTo(owner, `${root}/a/../lawn`)).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        message: `Write the folder path without "..", "." or doubled separators: ${join(root, 'lawn')}`,
      },
    });
    const busy = join(root, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'keep me');
    expect(await exportTo(owner, busy)).toMatchObject({
      ok: false,
      error: {
        kind: 'validation',
        message: expect.stringContaining(`${busy} is not empty (it holds 1 item)`),
      },
    });
    expect(readdirSync(busy)).toEqual(['notes.txt']);
    expect(readFileSync(join(busy, 'notes.txt'), 'utf8')).toBe('keep me');
    expect(await exportTo(owner, join(root, 'missing', 'lawn'))).toMatchObject({
      ok: false,
      error: { kind: 'validation', message: expect.stringContaining('does not exist') },
    });
  });

  it('writes a manifest and one Extended JSON file per collection, with the counts the database has', async () => {
    exported = join(root, 'lawn-export');
    progress.length = 0;
    const result = await exportTo(owner, exported);
    expect(result.ok).toBe(true);
    const reading = await readBusiness(source, lawnId);
    const manifest = JSON.parse(
      readFileSync(join(exported, 'manifest.json'), 'utf8'),
    ) as ExportManifest;
    expect(manifest).toMatchObject({
      format: 'servicepro-dispatch-export',
      format_version: 1,
      app_version: '0.0.0-test',
      business: { business_id: lawnId, name: LAWN },
    });
    const listed = Object.fromEntries(
      manifest.collections.filter((c) => c.count > 0).map((c) => [c.collection, c.count]),
    );
    expect(listed).toEqual(
      Object.fromEntries(Object.entries(reading).map(([n, c]) => [n, c.count])),
    );
    expect(Object.keys(listed)).toEqual(
      expect.arrayContaining(['photos.files', 'photos.chunks', 'audit_entries', 'users']),
    );
    expect(readdirSync(exported).sort()).toEqual(
      ['manifest.json', ...manifest.collections.map((c) => c.file)].sort(),
    );
    // Plain JSON any tool can read; dates and ids kept as Extended JSON types.
    const clients = JSON.parse(readFileSync(join(exported, 'clients.json'), 'utf8')) as {
      _id: { $oid: string };
      created_at: { $date: unknown };
    }[];
    expect(clients).toHaveLength(reading.clients!.count);
    expect(clients[0]).toMatchObject({
      _id: { $oid: expect.any(String) },
      created_at: { $date: expect.anything() },
    });
    expect(JSON.stringify(manifest)).not.toContain(hvacId);
    expect(readFileSync(join(exported, 'clients.json'), 'utf8')).not.toContain(hvacId);
    expect(new Set(progress.map((p) => p.phase))).toEqual(
      new Set(['copying', 'verifying', 'done']),
    );
    expect(progress.every((p) => p.operation === 'export' && p.business_id === lawnId)).toBe(true);
  });
});

describe('data.import', () => {
  it('brings the business into a fresh database with identical documents', async () => {
    const fresh = await freshDatabase('fresh');
    progress.length = 0;
    const result = await importFrom(fresh.owner, exported);
    expect(result).toMatchObject({
      ok: true,
      value: { business: { business_id: lawnId, name: LAWN } },
    });
    const before = await readBusiness(source, lawnId);
    const after = await readBusiness(fresh.db, lawnId);
    expect(countsAndHashes(after)).toEqual(countsAndHashes(before));
    for (const name of Object.keys(before)) {
      expect(after[name]!.documents, name).toEqual(before[name]!.documents);
    }
    expect(await documentsOf(fresh.db, hvacId)).toBe(0);
    expect([...new Set(progress.map((p) => p.phase))]).toEqual([
      'checking',
      'copying',
      'verifying',
      'done',
    ]);
    expect(await importFrom(fresh.owner, exported)).toMatchObject({
      ok: false,
      error: {
        kind: 'conflict',
        message: expect.stringContaining(
          `This database already holds ${LAWN}, so nothing was imported`,
        ),
      },
    });
    expect(countsAndHashes(await readBusiness(fresh.db, lawnId))).toEqual(countsAndHashes(before));
    // Its people sign in there now, and the database's own business is untouched.
    await signIn(connection(fresh.core), LAWN_OWNER);
    expect(await fresh.db.collection('businesses').countDocuments()).toBe(2);
  });

  it('refuses to import into the database the business came from', async () => {
    expect(await importFrom(owner, exported)).toMatchObject({
      ok: false,
      error: { kind: 'conflict', message: expect.stringContaining('restore a backup instead') },
    });
  });

  describe('a folder that is not as the export wrote it: refused, naming the file, nothing imported', () => {
    let target: Awaited<ReturnType<typeof freshDatabase>>;
    beforeAll(async () => {
      target = await freshDatabase('tampered');
    });

    const refusedWith = async (folder: string, message: RegExp) => {
      const result = await importFrom(target.owner, folder);
      expect(result).toMatchObject({
        ok: false,
        error: { kind: 'validation', message: expect.stringMatching(message) },
      });
      expect(await documentsOf(target.db, lawnId)).toBe(0);
      return result;
    };

    it('a changed document (its checksum no longer matches)', async () => {
      const folder = copyOfExport('changed');
      editDocument(folder, 'clients', 3, (doc) => (doc.first_name = 'Mallory'), false);
      await refusedWith(
        folder,
        /^Nothing was imported: clients\.json: its documents do not match the checksum in manifest\.json/,
      );
    });

    it('a document that breaks its collection’s rules, with its id', async () => {
      const folder = copyOfExport('broken-email');
      const id = editDocument(folder, 'clients', 5, (doc) => (doc.email = 'not an email'), true);
      const result = await refusedWith(
        folder,
        new RegExp(`^Nothing was imported: clients\\.json, document ${id} \\(line 7\\): email: `),
      );
      expect(result).toMatchObject({
        error: { details: { problems: [{ file: 'clients.json', document: id, line: 7 }] } },
      });
    });

    it('a line that is not a document', async () => {
      const folder = copyOfExport('broken-line');
      const path = join(folder, 'staff.json');
      const lines = readFileSync(path, 'utf8').split('\n');
      lines[2] = '{"first_name": "half a document",';
      writeFileSync(path, lines.join('\n'));
      await refusedWith(
        folder,
        /^Nothing was imported: staff\.json, line 3: not a document in Extended JSON/,
      );
    });

    it('a document of another business slipped in', async () => {
      const folder = copyOfExport('smuggled');
      editDocument(folder, 'appointments', 0, (doc) => (doc.business_id = hvacId), true);
      await refusedWith(folder, new RegExp(`it belongs to another business \\(${hvacId}\\)`));
    });

    it('a count the manifest does not match, and a missing file', async () => {
      const folder = copyOfExport('short');
      const path = join(folder, 'services.json');
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
      lines.splice(1, 1);
      writeFileSync(path, `${lines.join('\n')}\n`);
      rmSync(join(folder, 'equipment.json'));
      const result = await refusedWith(
        folder,
        /^Nothing was imported: equipment\.json: the file is missing \(and 1 more problem\)/,
      );
      expect(result).toMatchObject({
        error: {
          details: {
            problems: expect.arrayContaining([
              expect.objectContaining({
                file: 'services.json',
                message: expect.stringMatching(/^it holds \d+ documents; manifest\.json says \d+$/),
              }),
            ]),
          },
        },
      });
    });

    it('a folder without a manifest', async () => {
      const folder = join(root, 'no-manifest');
      mkdirSync(folder);
      await refusedWith(folder, /holds no manifest\.json, so it is not an export/);
    });
  });

  it('removes everything it wrote when the database refuses a write part-way', async () => {
    const target = await freshDatabase('partway');
    await target.db
      .collection('notifications')
      .createIndex({ business_id: 1, type: 1 }, { unique: true, name: 'breaks_the_import' });
    const result = await importFrom(target.owner, exported);
    expect(result).toMatchObject({
      ok: false,
      error: {
        kind: 'unavailable',
        message: expect.stringMatching(
          /^Importing Southern Lawn Care Co failed while writing notifications: a document clashes .*Nothing of it was left in this database\./,
        ),
      },
    });
    expect(await documentsOf(target.db, lawnId)).toBe(0);
    expect(await target.db.collection('appointments').countDocuments({ business_id: lawnId })).toBe(
      0,
    );
  });
});
