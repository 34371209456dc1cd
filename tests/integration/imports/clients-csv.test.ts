import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoWorld, type DemoWorld } from '../../support/demo';

const world = demoWorld('imports_clients_csv');
type Tab = Awaited<ReturnType<DemoWorld['signedIn']>>;
let lawn: Tab;
let hvac: Tab;
let lawnBusiness: string;

type Preview = {
  headers: string[];
  suggested_mapping: Record<string, string | null>;
  missing_fields: string[];
  rows: { row: number; values: Record<string, unknown>; valid: boolean; duplicate: boolean }[];
  errors: { row: number; field: string; column?: string; message: string }[];
  row_count: number;
  valid_count: number;
  error_count: number;
  duplicate_count: number;
};

beforeAll(async () => {
  lawn = await world.signedIn('dispatch@southern-lawn.example');
  lawnBusiness = lawn.session?.business_id ?? '';
  hvac = await world.signedIn('owner@front-range-hvac.example');
});

const clientCount = (marker: string) =>
  world.db.collection('clients').countDocuments({ business_id: lawnBusiness, last_name: marker });

/** Lines 1 (header) to 8, with a blank line 5 and a quoted line break in line 6–7. */
const mixedFile = (marker: string) =>
  [
    '\uFEFF First Name , Last Name ,Email,Mobile,Street Address,City,State,Zip',
    `Ada,${marker},ada.${marker}@example.com,(205) 555-7001,"12 Oak St, Apt 4",Homewood,al,35209`,
    `Ben,${marker},not-an-email,,14 Elm St,Homewood,AL,35209`,
    `,${marker},cy.${marker}@example.com,205-555-7003,16 Ash St,Vestavia Hills,AL,ABCDE`,
    '',
    `Dee,${marker},dee.${marker}@example.com,205-555-7004,"18 Pine St`,
    `Unit B",Mountain Brook,AL,35213`,
    `Eve,${marker},,,20 Birch St,Homewood,AL,35209`,
  ].join('\r\n') + '\r\n';

describe('clients.importPreview', () => {
  it('guesses the mapping from the headers and reports every bad row by line and field', async () => {
    const preview = await lawn.value<Preview>('clients.importPreview', {
      csv: mixedFile('Importtest'),
    });
    expect(preview.headers).toEqual([
      'First Name',
      'Last Name',
      'Email',
      'Mobile',
      'Street Address',
      'City',
      'State',
      'Zip',
    ]);
    expect(preview.suggested_mapping).toEqual({
      'First Name': 'first_name',
      'Last Name': 'last_name',
      Email: 'email',
      Mobile: 'phone',
      'Street Address': 'address',
      City: 'city',
      State: 'state',
      Zip: 'zip_code',
    });
    expect(preview.missing_fields).toEqual([]);
    expect(preview.row_count).toBe(5);
    expect(preview.valid_count).toBe(2);
    expect(preview.error_count).toBe(3);
    expect(preview.rows.map((r) => [r.row, r.valid])).toEqual([
      [2, true],
      [3, false],
      [4, false],
      [6, true],
      [8, false],
    ]);
    expect(preview.rows[0]?.values).toMatchObject({
      address: '12 Oak St, Apt 4',
      state: 'AL',
      phone: '(205) 555-7001',
    });
    expect(preview.rows[3]?.values.address).toBe('18 Pine St\r\nUnit B');
    const byRow = preview.errors.map((e) => [e.row, e.field, e.column]);
    expect(byRow).toEqual(
      expect.arrayContaining([
        [3, 'email', 'Email'],
        [4, 'first_name', 'First Name'],
        [4, 'zip_code', 'Zip'],
        [8, 'phone', 'Mobile'],
      ]),
    );
    expect(preview.errors.find((e) => e.row === 4 && e.field === 'zip_code')?.message).toMatch(
      /ZIP code/,
    );
    expect(preview.errors.find((e) => e.row === 8)?.message).toMatch(/phone number or an email/);
    expect(await clientCount('Importtest')).toBe(0);
  });

  it('maps custom headers as told and lists required fields left unmapped', async () => {
    const csv = [
      'Given;Family;Tel;Where;Town;Region code;Post;Remarks',
      'Flo;Custommap;205 555 7101;1 Main St;Homewood;AL;35209;gate code 1234',
    ].join('\n');
    const guessed = await lawn.value<Preview>('clients.importPreview', { csv });
    expect(guessed.missing_fields).toEqual(
      expect.arrayContaining(['first_name', 'address', 'zip_code']),
    );
    const mapping = {
      Given: 'first_name',
      Family: 'last_name',
      Tel: 'phone',
      Where: 'address',
      Town: 'city',
      'Region code': 'state',
      Post: 'zip_code',
      Remarks: 'notes',
    };
    const preview = await lawn.value<Preview>('clients.importPreview', { csv, mapping });
    expect(preview.missing_fields).toEqual([]);
    expect(preview.valid_count).toBe(1);
    expect(preview.rows[0]?.values).toEqual({
      first_name: 'Flo',
      last_name: 'Custommap',
      phone: '205 555 7101',
      address: '1 Main St',
      city: 'Homewood',
      state: 'AL',
      zip_code: '35209',
      notes: 'gate code 1234',
    });
  });

  it('refuses a mapping that fills one field from two columns', async () => {
    const result = await lawn.call('clients.importPreview', {
      csv: 'Phone,Mobile\n1,2\n',
      mapping: { Phone: 'phone', Mobile: 'phone' },
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
    if (!result.ok) expect(result.error.message).toMatch(/Both "Phone" and "Mobile"/);
  });

  it('counts rows whose email or phone an existing client or an earlier row already has', async () => {
    const existing = await world.db
      .collection('clients')
      .findOne({ business_id: lawnBusiness, deleted_at: null, email: { $ne: null } });
    const csv = [
      'first_name,last_name,email,phone,address,city,state,zip_code',
      `Gus,Dupes,${String(existing?.email).toUpperCase()},,1 A St,Homewood,AL,35209`,
      'Hal,Dupes,hal.dupes@example.com,+1 (205) 555-7201,2 A St,Homewood,AL,35209',
      'Ida,Dupes,ida.dupes@example.com,205-555-7201,3 A St,Homewood,AL,35209',
      'Jan,Dupes,jan.dupes@example.com,205-555-7202,4 A St,Homewood,AL,35209',
    ].join('\n');
    const preview = await lawn.value<Preview>('clients.importPreview', { csv });
    expect(preview.valid_count).toBe(4);
    expect(preview.duplicate_count).toBe(2);
    expect(preview.rows.map((r) => r.duplicate)).toEqual([true, false, true, false]);
  });
});

describe('clients.importCommit', () => {
  const mapping = {
    'First Name': 'first_name',
    'Last Name': 'last_name',
    Email: 'email',
    Mobile: 'phone',
    'Street Address': 'address',
    City: 'city',
    State: 'state',
    Zip: 'zip_code',
  };

  it('refuses a file with invalid rows unless told to skip them, and writes nothing', async () => {
    const result = await lawn.call('clients.importCommit', {
      csv: mixedFile('Refused'),
      mapping,
      skip_invalid: false,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
    if (!result.ok) {
      expect(result.error.message).toMatch(/3 of 5 rows cannot be imported/);
      expect(result.error.message).toMatch(/line 3, email/);
      expect(result.error.details).toMatchObject({ invalid_rows: 3 });
    }
    expect(await clientCount('Refused')).toBe(0);
  });

  it('imports only the good rows when told to skip the rest, each like clients.create', async () => {
    const before = await world.db.collection('businesses').findOne({ business_id: lawnBusiness });
    const result = await lawn.value('clients.importCommit', {
      csv: mixedFile('Skipper'),
      mapping,
      skip_invalid: true,
    });
    expect(result).toEqual({ imported: 2, skipped: 3 });
    const saved = await world.db
      .collection('clients')
      .find({ business_id: lawnBusiness, last_name: 'Skipper' })
      .sort({ first_name: 1 })
      .toArray();
    expect(saved.map((c) => c.first_name)).toEqual(['Ada', 'Dee']);
    const ada = saved[0];
    expect(ada).toMatchObject({
      version: 1,
      state: 'AL',
      deleted_at: null,
      latitude: null,
      preferred_contact_method: 'sms',
      audit_log: [{ action: 'created', user_id: lawn.session?.user_id }],
    });
    expect(ada?.client_id).toMatch(/^cli_/);
    const history = await lawn.value<unknown[]>('clients.history', { id: ada?.client_id });
    expect(history).toHaveLength(1);
    const after = await world.db.collection('businesses').findOne({ business_id: lawnBusiness });
    expect(after?.client_count).toBe(Number(before?.client_count) + 2);
    const listed = await lawn.value<{ total: number }>('clients.list', { search: 'Skipper' });
    expect(listed.total).toBe(2);
  });

  it('takes back the rows already inserted when the insert fails part-way', async () => {
    // A unique index the app does not have, so that the second row of the batch is refused.
    const clients = world.db.collection('clients');
    await clients.createIndex(
      { notes: 1 },
      { unique: true, name: 'test_unique_notes', partialFilterExpression: { notes: 'same note' } },
    );
    try {
      const csv = [
        'first_name,last_name,phone,address,city,state,zip_code,notes',
        'Lou,Halfway,205-555-7501,1 C St,Homewood,AL,35209,same note',
        'Max,Halfway,205-555-7502,2 C St,Homewood,AL,35209,same note',
      ].join('\n');
      const mappingByName = Object.fromEntries(
        ['first_name', 'last_name', 'phone', 'address', 'city', 'state', 'zip_code', 'notes'].map(
          (f) => [f, f],
        ),
      );
      const result = await lawn.call('clients.importCommit', {
        csv,
        mapping: mappingByName,
        skip_invalid: false,
      });
      expect(result).toMatchObject({ ok: false, error: { kind: 'conflict' } });
      if (!result.ok) expect(result.error.message).toMatch(/nothing was imported/);
      expect(await clientCount('Halfway')).toBe(0);
    } finally {
      await clients.dropIndex('test_unique_notes');
    }
  });

  it('leaves duplicates out when asked', async () => {
    const csv = [
      'first_name,last_name,email,phone,address,city,state,zip_code',
      'Kim,Twice,kim.twice@example.com,205-555-7301,1 B St,Homewood,AL,35209',
      'Kim,Twice,KIM.twice@example.com,205-555-7302,1 B St,Homewood,AL,35209',
    ].join('\n');
    const mappingByName = Object.fromEntries(
      ['first_name', 'last_name', 'email', 'phone', 'address', 'city', 'state', 'zip_code'].map(
        (f) => [f, f],
      ),
    );
    const result = await lawn.value('clients.importCommit', {
      csv,
      mapping: mappingByName,
      skip_invalid: false,
      skip_duplicates: true,
    });
    expect(result).toEqual({ imported: 1, skipped: 1 });
  });

  it('asks for a sign-in, and imports nothing from a file whose rows are all skipped', async () => {
    const input = { csv: 'x\n1\n', mapping: {}, skip_invalid: true };
    const anonymous = await world.core.dispatch(
      { session: null, origin: 'test' },
      'clients.importCommit',
      input,
    );
    expect(anonymous).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
    expect(await lawn.value('clients.importCommit', input)).toEqual({ imported: 0, skipped: 1 });
  });
});

describe('clients.exportCsv', () => {
  it('exports every client of the business, and the export reads back as valid duplicates', async () => {
    const exported = await lawn.value<{ file_name: string; csv: string; count: number }>(
      'clients.exportCsv',
      {},
    );
    const total = await world.db
      .collection('clients')
      .countDocuments({ business_id: lawnBusiness, deleted_at: null });
    expect(exported.count).toBe(total);
    expect(exported.file_name).toMatch(/^clients-\d{4}-\d{2}-\d{2}\.csv$/);
    const parsed = Papa.parse<Record<string, string>>(exported.csv.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.data).toHaveLength(total);
    expect(parsed.meta.fields).not.toEqual(
      expect.arrayContaining(['audit_log', 'business_id', 'payment_method_id', '_id']),
    );
    expect(exported.csv).not.toMatch(/audit_log|bus_|pm_/);

    const preview = await lawn.value<Preview>('clients.importPreview', { csv: exported.csv });
    expect(preview.errors).toEqual([]);
    expect(preview.valid_count).toBe(total);
    expect(preview.duplicate_count).toBe(total);
    expect(preview.suggested_mapping).toMatchObject({
      'Client ID': null,
      'Total Spent': null,
      'ZIP Code': 'zip_code',
      Active: 'is_active',
      'Preferred Contact': 'preferred_contact_method',
    });
  });

  it('escapes commas, quotes, line breaks and formula-like cells', async () => {
    const created = await lawn.value<{ client_id: string }>('clients.create', {
      data: {
        first_name: 'Quote "Q"',
        last_name: 'Escaper',
        phone: '+1-205-555-7401',
        address: '5 Comma St, Suite 2',
        city: 'Homewood',
        state: 'AL',
        zip_code: '35209',
        notes: '=HYPERLINK("http://evil.example")\nsecond line',
      },
    });
    const exported = await lawn.value<{ csv: string }>('clients.exportCsv', {
      search: 'Escaper',
    });
    const rows = Papa.parse<Record<string, string>>(exported.csv.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      'Client ID': created.client_id,
      'First Name': 'Quote "Q"',
      Phone: '+1-205-555-7401',
      Address: '5 Comma St, Suite 2',
      Notes: `'=HYPERLINK("http://evil.example")\nsecond line`,
    });
    const preview = await lawn.value<Preview>('clients.importPreview', { csv: exported.csv });
    expect(preview.rows[0]?.values.notes).toBe('=HYPERLINK("http://evil.example")\nsecond line');
  });

  it("never exports another business's clients", async () => {
    const theirs = await hvac.value<{ csv: string; count: number }>('clients.exportCsv', {});
    const ids = Papa.parse<Record<string, string>>(theirs.csv.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data.map((r) => r['Client ID']);
    const lawnIds = new Set(
      (
        await world.db
          .collection('clients')
          .find({ business_id: lawnBusiness })
          .project({ client_id: 1 })
          .toArray()
      ).map((c) => c.client_id as string),
    );
    expect(ids.length).toBe(theirs.count);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => lawnIds.has(id as string))).toEqual([]);
  });

  it('filters and includes deleted clients only when asked', async () => {
    const all = await lawn.value<{ count: number }>('clients.exportCsv', {});
    const inactive = await lawn.value<{ count: number }>('clients.exportCsv', {
      filter: { is_active: false },
    });
    const withDeleted = await lawn.value<{ csv: string; count: number }>('clients.exportCsv', {
      include_deleted: true,
    });
    expect(inactive.count).toBeLessThan(all.count);
    expect(withDeleted.count).toBeGreaterThanOrEqual(all.count);
    expect(withDeleted.csv.split('\r\n')[0]).toMatch(/,Deleted$/);
  });
});
