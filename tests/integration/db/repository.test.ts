import { MongoClient } from 'mongodb';
import { describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import {
  INLINE_AUDIT_LIMIT,
  TenantRepository,
  type CollectionSpec,
} from '../../../electron/core/db/repository';
import { testDb } from '../../support/db';

const { db } = testDb('repository');

let clockMs = Date.parse('2026-03-08T15:00:00Z');
const clock = { now: () => new Date((clockMs += 1000)) };
let seq = 0;

const clientSpec: CollectionSpec = {
  name: 'clients',
  idField: 'client_id',
  label: 'client',
  softDelete: true,
  newId: () => `cli_test${String(++seq).padStart(6, '0')}`,
  schema: z.object({
    client_id: z.string().startsWith('cli_'),
    business_id: z.string(),
    first_name: z.string().min(1),
    last_name: z.string(),
    email: z.email().nullable().default(null),
    version: z.number().int().min(1),
    created_at: z.date(),
    updated_at: z.date(),
    deleted_at: z.date().nullable(),
    audit_log: z.array(
      z.object({ action: z.string(), user_id: z.string(), timestamp: z.date() }).loose(),
    ),
  }),
};

const repoFor = (business_id: string, user_id = 'usr_dana') =>
  new TenantRepository(db, clientSpec, { business_id, user_id }, clock);

describe('tenant repository', () => {
  it('creates with a prefixed id, its own business and version 1, whatever the input claims', async () => {
    const a = repoFor('bus_a');
    const doc = await a.create({
      first_name: 'Ann',
      last_name: 'Lee',
      business_id: 'bus_b',
      version: 9,
      client_id: 'cli_mine',
    });
    expect(doc).toMatchObject({
      business_id: 'bus_a',
      version: 1,
      first_name: 'Ann',
      deleted_at: null,
    });
    expect(doc.client_id).toMatch(/^cli_test\d+$/);
    expect(doc.audit_log).toEqual([
      { action: 'created', user_id: 'usr_dana', timestamp: expect.any(Date) },
    ]);
    expect(await a.get(String(doc.client_id))).toMatchObject({ first_name: 'Ann' });
  });

  it("cannot read, change, delete or even detect another business's documents", async () => {
    const a = repoFor('bus_a');
    const b = repoFor('bus_b', 'usr_mallory');
    const secret = await a.create({ first_name: 'Secret', last_name: 'Client' });
    const id = String(secret.client_id);
    const missing = await b.get('cli_doesnotexist').catch((e: unknown) => e);
    const foreign = await b.get(id).catch((e: unknown) => e);
    expect(foreign).toMatchObject({ kind: 'not_found' });
    // The refusal is worded the same as for an id that does not exist at all.
    expect((foreign as Error).message.replace(id, 'X')).toBe(
      (missing as Error).message.replace('cli_doesnotexist', 'X'),
    );
    await expect(b.update(id, 1, { first_name: 'Hacked' })).rejects.toMatchObject({
      kind: 'not_found',
    });
    await expect(b.remove(id, 1)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(b.restore(id, 1)).rejects.toMatchObject({ kind: 'not_found' });
    expect(await b.find({ $or: [{ business_id: 'bus_a' }, { client_id: id }] })).toEqual([]);
    expect(await b.find({ business_id: 'bus_a' }, { includeDeleted: true })).toEqual([]);
    expect(await b.count({ client_id: id })).toBe(0);
    expect(await b.history(id)).toEqual([]);
    expect(await a.get(id)).toMatchObject({ first_name: 'Secret', version: 1 });
  });

  it('refuses a stale update with a conflict naming the current version, changing nothing', async () => {
    const a = repoFor('bus_a');
    const other = repoFor('bus_a', 'usr_sam');
    const doc = await a.create({ first_name: 'Bo', last_name: 'Diaz' });
    const id = String(doc.client_id);
    await other.update(id, 1, { last_name: 'Díaz' });
    const stale = await a.update(id, 1, { first_name: 'Robert' }).catch((e: unknown) => e);
    expect(stale).toMatchObject({
      kind: 'conflict',
      message: expect.stringContaining('changed by someone else'),
      details: { expected_version: 1, current_version: 2, changed_by: 'usr_sam' },
    });
    expect(await a.get(id)).toMatchObject({ first_name: 'Bo', last_name: 'Díaz', version: 2 });
  });

  it('refuses invalid changes with the field at fault, and writes nothing', async () => {
    const a = repoFor('bus_a');
    const doc = await a.create({ first_name: 'Cy', last_name: 'Young' });
    await expect(
      a.update(String(doc.client_id), 1, { email: 'not-an-email' }),
    ).rejects.toMatchObject({
      kind: 'validation',
      message: expect.stringMatching(/^This client cannot be saved — email: /),
    });
    await expect(a.create({ first_name: '', last_name: 'X' })).rejects.toMatchObject({
      kind: 'validation',
    });
    expect(await a.get(String(doc.client_id))).toMatchObject({ version: 1, email: null });
  });

  it('hides soft-deleted documents from lists and brings them back on restore', async () => {
    const a = repoFor('bus_a');
    const doc = await a.create({ first_name: 'Del', last_name: 'Eted' });
    const id = String(doc.client_id);
    const deleted = await a.remove(id, 1);
    expect(deleted.deleted_at).toBeInstanceOf(Date);
    expect((await a.find({ client_id: id })).length).toBe(0);
    await expect(a.get(id)).rejects.toMatchObject({ kind: 'not_found' });
    expect((await a.find({ client_id: id }, { includeDeleted: true })).length).toBe(1);
    const restored = await a.restore(id, 2);
    expect(restored).toMatchObject({ deleted_at: null, version: 3 });
    expect((await a.find({ client_id: id })).length).toBe(1);
  });

  it('keeps no history entry of a change refused at the write (another change landed since the read)', async () => {
    const a = repoFor('bus_a');
    const other = repoFor('bus_a', 'usr_sam');
    const doc = await a.create({ first_name: 'Cy', last_name: 'Ng' });
    const id = String(doc.client_id);
    // The caller read version 1 (`current`); before its write, someone else saves version 2.
    const readFirst = await a.get(id);
    await other.update(id, 1, { last_name: 'Nguyen' });
    const lost = await a
      .update(id, 1, { first_name: 'Cyrus' }, { current: readFirst })
      .catch((e: unknown) => e);
    expect(lost).toMatchObject({ kind: 'conflict', details: { current_version: 2 } });
    expect(await a.get(id)).toMatchObject({ first_name: 'Cy', last_name: 'Nguyen', version: 2 });
    // The history holds what happened (created, Sam's change), not the refused change.
    const history = await a.history(id);
    expect(history.map((e) => [e.action, e.user_id])).toEqual([
      ['updated', 'usr_sam'],
      ['created', 'usr_dana'],
    ]);
  });

  it('records who changed which field from what to what, keeping the full history when the inline log is trimmed', async () => {
    const a = repoFor('bus_a');
    const doc = await a.create({ first_name: 'Al', last_name: 'Gore' });
    const id = String(doc.client_id);
    const updated = await a.update(id, 1, { first_name: 'Albert', email: 'al@example.com' });
    expect(updated.audit_log).toEqual([
      expect.objectContaining({ action: 'created' }),
      {
        action: 'updated',
        user_id: 'usr_dana',
        timestamp: expect.any(Date),
        changes: {
          first_name: { before: 'Al', after: 'Albert' },
          email: { before: null, after: 'al@example.com' },
        },
      },
    ]);
    let version = 2;
    for (let i = 0; i < INLINE_AUDIT_LIMIT + 5; i++) {
      await a.update(id, version++, { last_name: `Gore ${i}` });
    }
    const latest = await a.get(id);
    expect((latest.audit_log as unknown[]).length).toBe(INLINE_AUDIT_LIMIT);
    const history = await a.history(id);
    expect(history).toHaveLength(INLINE_AUDIT_LIMIT + 7);
    expect(history.at(-1)).toMatchObject({ action: 'created', document_id: id });
    expect(history[0]).toMatchObject({
      changes: { last_name: { after: `Gore ${INLINE_AUDIT_LIMIT + 4}` } },
    });
  });

  it('reads a large result in one round trip to the database (no getMore after the first batch)', async () => {
    // A board day is 600 jobs; the driver's default first batch (101) cost one more round trip,
    // tens of milliseconds to a hosted server.
    const watched = new MongoClient(inject('mongoUri'), { monitorCommands: true });
    try {
      const commands: string[] = [];
      watched.on('commandStarted', (event) => commands.push(event.commandName));
      const watchedDb = watched.db(db.databaseName);
      await watchedDb.collection('clients').insertMany(
        Array.from({ length: 250 }, (_, i) => ({
          client_id: `cli_many${String(i).padStart(4, '0')}`,
          business_id: 'bus_many',
          first_name: 'Many',
          last_name: `Client ${i}`,
          email: null,
          version: 1,
          created_at: new Date(),
          updated_at: new Date(),
          deleted_at: null,
          audit_log: [],
        })),
      );
      commands.length = 0;
      const repo = new TenantRepository(
        watchedDb,
        clientSpec,
        { business_id: 'bus_many', user_id: 'usr_dana' },
        clock,
      );
      expect(await repo.find({}, { sort: { client_id: 1 } })).toHaveLength(250);
      expect(commands).toEqual(['find']);
    } finally {
      await watched.close();
    }
  });

  it('writes nothing when an update changes nothing', async () => {
    const a = repoFor('bus_a');
    const doc = await a.create({ first_name: 'Same', last_name: 'Same' });
    const again = await a.update(String(doc.client_id), 1, { first_name: 'Same' });
    expect(again.version).toBe(1);
  });
});
