// Handshake, auth, server info and catalog commands (collections, indexes, databases).
import { type Document, Long, ObjectId } from 'bson';
import { Query } from 'mingo';
import { writeBackup } from './backup';
import { type IndexSpec } from './indexes';
import { CommandError, badValue } from './errors';
import { ID_INDEX } from './engine';
import { isPlainObject } from './values';
import { type Handler } from './command-context';

export const MAX_WIRE_VERSION = 21;
const processId = new ObjectId();

const hello: Handler = (cmd, { conn }) => ({
  helloOk: true,
  ismaster: true,
  isWritablePrimary: true,
  // With topologyVersion the driver's monitor uses the streaming hello (server.ts streamHello).
  topologyVersion: { processId, counter: Long.ZERO },
  maxBsonObjectSize: 16 * 1024 * 1024,
  maxMessageSizeBytes: 48_000_000,
  maxWriteBatchSize: 100_000,
  localTime: new Date(),
  logicalSessionTimeoutMinutes: 30,
  connectionId: conn.id,
  minWireVersion: 0,
  maxWireVersion: MAX_WIRE_VERSION,
  readOnly: false,
  ...(cmd.saslSupportedMechs !== undefined ? { saslSupportedMechs: ['SCRAM-SHA-256'] } : {}),
  ok: 1,
});

const buildInfo: Handler = () => ({
  version: '7.0.0',
  gitVersion: 'servicepro-embedded',
  versionArray: [7, 0, 0, 0],
  bits: 64,
  maxBsonObjectSize: 16 * 1024 * 1024,
  storageEngines: ['servicepro-embedded'],
  ok: 1,
});

const saslStart: Handler = (cmd, { server, conn }) => {
  if (!server.scram) throw new CommandError(18, 'Authentication is disabled on this server');
  const { conversation, reply } = server.scram.start(cmd);
  conn.conversations.set(conversation.id, conversation);
  return reply;
};

const saslContinue: Handler = (cmd, { server, conn }) => {
  const conv = conn.conversations.get(Number(cmd.conversationId));
  if (!server.scram || !conv) throw new CommandError(18, 'Authentication failed.');
  conn.conversations.delete(conv.id);
  const reply = server.scram.finish(conv, cmd);
  conn.authenticated = true;
  return reply;
};

const listDatabases: Handler = (cmd, { server }) => {
  const databases = [...server.engine.dbs.entries()]
    .filter(([, colls]) => colls.size > 0)
    .map(([name, colls]) => ({
      name,
      sizeOnDisk: [...colls.values()].reduce((s, c) => s + c.docs.size, 0) * 256,
      empty: false,
    }));
  if (cmd.nameOnly) return { databases: databases.map((d) => ({ name: d.name })), ok: 1 };
  return { databases, totalSize: databases.reduce((s, d) => s + d.sizeOnDisk, 0), ok: 1 };
};

const collectionName = (cmd: Document, key: string): string => {
  const v = cmd[key];
  if (typeof v !== 'string' || !v) throw new CommandError(73, `Invalid namespace: ${String(v)}`);
  return v;
};

const create: Handler = async (cmd, { server, db }) => {
  const name = collectionName(cmd, 'create');
  if (server.engine.get(db, name))
    throw new CommandError(48, `Collection ${db}.${name} already exists.`);
  const { create: _c, $db: _d, lsid: _l, $clusterTime: _t, ...options } = cmd;
  server.engine.ensure(db, name, options);
  await server.engine.durable();
  return { ok: 1 };
};

const drop: Handler = async (cmd, { server, db }) => {
  const c = server.engine.get(db, collectionName(cmd, 'drop'));
  if (!c) throw new CommandError(26, 'ns not found');
  server.engine.dropCollection(c);
  await server.engine.durable();
  return { nIndexesWas: c.indexes.size, ns: c.ns, ok: 1 };
};

const dropDatabase: Handler = async (_cmd, { server, db }) => {
  server.engine.dropDatabase(db);
  await server.engine.durable();
  return { dropped: db, ok: 1 };
};

const listCollections: Handler = (cmd, { server, db }) => {
  const filter = (cmd.filter as Document | undefined) ?? {};
  const q = new Query(filter);
  const colls = [...(server.engine.dbs.get(db)?.values() ?? [])];
  const docs = colls
    .map((c) =>
      cmd.nameOnly
        ? { name: c.name, type: 'collection' }
        : {
            name: c.name,
            type: 'collection',
            options: c.options,
            info: { readOnly: false },
            idIndex: ID_INDEX,
          },
    )
    .filter((d) => q.test(d));
  return server.cursors.open(`${db}.$cmd.listCollections`, docs, undefined);
};

const renameCollection: Handler = async (cmd, { server, db }) => {
  if (db !== 'admin')
    throw new CommandError(13, 'renameCollection may only be run against the admin database.');
  const from = collectionName(cmd, 'renameCollection');
  const to = collectionName(cmd, 'to');
  const src = server.engine.existing(from);
  if (!src) throw new CommandError(26, 'Source collection does not exist');
  if (from === to) throw new CommandError(20, "Can't rename a collection to itself");
  const target = server.engine.existing(to);
  if (target) {
    if (!cmd.dropTarget) throw new CommandError(48, 'target namespace exists');
    server.engine.dropCollection(target);
  }
  server.engine.rename(from, to);
  await server.engine.durable();
  return { ok: 1 };
};

const indexName = (key: Document): string =>
  Object.entries(key)
    .map(([k, v]) => `${k}_${String(v)}`)
    .join('_');

const createIndexes: Handler = async (cmd, { server, db }) => {
  const name = collectionName(cmd, 'createIndexes');
  const specs = cmd.indexes;
  if (!Array.isArray(specs) || specs.length === 0)
    throw badValue('Must specify at least one index to create');
  const existed = !!server.engine.get(db, name);
  const c = server.engine.ensure(db, name);
  const before = c.indexes.size;
  for (const raw of specs as Document[]) {
    const key = raw.key;
    if (!isPlainObject(key) || Object.keys(key).length === 0) {
      throw new CommandError(67, 'Index keys cannot be empty.');
    }
    for (const [f, v] of Object.entries(key)) {
      if (!(v === 1 || v === -1 || v === '2dsphere' || (typeof v === 'number' && v !== 0))) {
        throw new CommandError(
          67,
          `Values in the index key pattern can only be 1, -1 or '2dsphere': ${f}: ${String(v)}`,
        );
      }
    }
    const spec: IndexSpec = {
      v: 2,
      ...raw,
      key,
      name: (raw.name as string | undefined) ?? indexName(key),
    };
    const sameName = c.indexes.get(spec.name);
    const sameKey = [...c.indexes.values()].find(
      (i) => JSON.stringify(i.spec.key) === JSON.stringify(key),
    );
    if (sameName && JSON.stringify(sameName.spec.key) !== JSON.stringify(key)) {
      throw new CommandError(
        86,
        `An existing index has the same name as the requested index. Requested index: ${JSON.stringify(spec)}, existing index: ${JSON.stringify(sameName.spec)}`,
      );
    }
    const existing = sameName ?? sameKey;
    if (existing) {
      if (existing.name !== spec.name || !!existing.spec.unique !== !!spec.unique) {
        throw new CommandError(
          85,
          `Index already exists with a different name or options: ${existing.name}`,
        );
      }
      continue;
    }
    server.engine.createIndex(c, spec);
  }
  await server.engine.durable();
  return {
    numIndexesBefore: before,
    numIndexesAfter: c.indexes.size,
    createdCollectionAutomatically: !existed,
    ok: 1,
  };
};

const listIndexes: Handler = (cmd, { server, db }) => {
  const name = collectionName(cmd, 'listIndexes');
  const c = server.engine.get(db, name);
  if (!c) throw new CommandError(26, `ns does not exist: ${db}.${name}`);
  const docs = [...c.indexes.values()].map((i) => i.spec);
  return server.cursors.open(`${db}.${name}`, docs, undefined);
};

const dropIndexes: Handler = async (cmd, { server, db }) => {
  const name = collectionName(cmd, 'dropIndexes');
  const c = server.engine.get(db, name);
  if (!c) throw new CommandError(26, `ns not found ${db}.${name}`);
  const nIndexesWas = c.indexes.size;
  const target = cmd.index;
  const names: string[] = [];
  if (target === '*') names.push(...[...c.indexes.keys()].filter((n) => n !== '_id_'));
  else if (typeof target === 'string') names.push(target);
  else if (Array.isArray(target)) names.push(...(target as string[]));
  else if (isPlainObject(target)) {
    const found = [...c.indexes.values()].find(
      (i) => JSON.stringify(i.spec.key) === JSON.stringify(target),
    );
    if (!found) throw new CommandError(27, `can't find index with key: ${JSON.stringify(target)}`);
    names.push(found.name);
  }
  for (const n of names) {
    if (n === '_id_') throw new CommandError(72, 'cannot drop _id index');
    if (!c.indexes.has(n)) throw new CommandError(27, `index not found with name [${n}]`);
  }
  for (const n of names) server.engine.dropIndex(c, n);
  await server.engine.durable();
  return { nIndexesWas, ok: 1 };
};

const serverStatus: Handler = (_cmd, { server }) => ({
  host: server.address(),
  version: '7.0.0',
  process: 'servicepro-embedded-db',
  pid: Long.fromNumber(process.pid),
  uptime: Math.floor((Date.now() - server.startedAt) / 1000),
  localTime: new Date(),
  connections: {},
  metrics: { cursor: { open: { total: server.cursors.size } } },
  ok: 1,
});

const dbStats: Handler = (_cmd, { server, db }) => {
  const colls = [...(server.engine.dbs.get(db)?.values() ?? [])];
  return {
    db,
    collections: colls.length,
    objects: colls.reduce((s, c) => s + c.docs.size, 0),
    indexes: colls.reduce((s, c) => s + c.indexes.size, 0),
    ok: 1,
  };
};

/**
 * `{ serviceproBackup: 1, name }` (ServicePro's own; a real MongoDB has no such command): writes the
 * whole state, at one point in time, as a snapshot-format file `name` in the backups folder beside
 * the data folder — the only place it writes. Replies with the file's size, SHA-256 and record count.
 */
const serviceproBackup: Handler = (cmd, { server, db }) => {
  if (db !== 'admin') {
    throw new CommandError(13, 'serviceproBackup may only be run against the admin database.');
  }
  if (!server.dbPath) {
    throw new CommandError(20, 'serviceproBackup: this server keeps no data folder to back up.');
  }
  // dump() is read synchronously inside writeBackup: no other command runs until it is written.
  const written = writeBackup(server.dbPath, cmd.name, server.engine.dump());
  return { ...written, ok: 1 };
};

export const adminCommands: Record<string, Handler> = {
  hello,
  ismaster: hello,
  isMaster: hello,
  ping: () => ({ ok: 1 }),
  buildInfo,
  buildinfo: buildInfo,
  endSessions: () => ({ ok: 1 }),
  saslStart,
  saslContinue,
  listDatabases,
  create,
  drop,
  dropDatabase,
  listCollections,
  renameCollection,
  createIndexes,
  listIndexes,
  dropIndexes,
  serverStatus,
  dbStats,
  serviceproBackup,
  connectionStatus: (_cmd, { conn }) => ({
    authInfo: {
      authenticatedUsers: [],
      authenticatedUserRoles: [],
      authenticated: conn.authenticated,
    },
    ok: 1,
  }),
  hostInfo: () => ({
    system: { hostname: 'localhost', numCores: 1 },
    os: { type: process.platform },
    ok: 1,
  }),
  getParameter: () => ({ featureCompatibilityVersion: { version: '7.0' }, ok: 1 }),
};

/** Commands allowed before authentication. */
export const UNAUTHENTICATED_COMMANDS = new Set([
  'hello',
  'ismaster',
  'isMaster',
  'ping',
  'saslStart',
  'saslContinue',
  'endSessions',
]);
