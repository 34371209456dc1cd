import { Temporal } from 'temporal-polyfill';
import { generateDemoData } from '../../../electron/core/demo/generate';
import { collections, COLLECTION_NAMES } from '../../../shared/schemas';
const hash = '$2b$10$' + 'a'.repeat(53);
const t0 = performance.now();
const data = generateDemoData({ today: Temporal.PlainDate.from('2026-11-25'), now: new Date('2026-11-25T17:20:00Z'), passwordHash: hash });
const t1 = performance.now();
console.log('gen ms', Math.round(t1 - t0));
for (const name of COLLECTION_NAMES) {
  const docs = (data as any)[name] as unknown[];
  let bad = 0;
  for (const d of docs) {
    const r = (collections[name].schema as any).safeParse(d);
    if (!r.success) { if (bad < 2) console.log(name, JSON.stringify(r.error.issues).slice(0, 400)); bad++; }
  }
  console.log(name, docs.length, 'bad', bad);
}
console.log('parse ms', Math.round(performance.now() - t1));
const st: Record<string, number> = {};
for (const a of data.appointments) st[a.status] = (st[a.status] ?? 0) + 1;
console.log(st);
const ns: Record<string, number> = {};
for (const a of data.notifications) ns[a.type + ':' + a.status] = (ns[a.type + ':' + a.status] ?? 0) + 1;
console.log(ns);
