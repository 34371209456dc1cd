// Prefixed ids: which strings each collection accepts, and the generator.
import { describe, expect, it } from 'vitest';
import { createIdGenerator, ID_PREFIXES, idOf, isIdOf, newId } from '../../../shared/schemas';

describe('idOf', () => {
  it("accepts the seed's ids", () => {
    for (const [prefix, id] of [
      ['eq', 'eq_mower_01'],
      ['stf', 'stf_marcus01'],
      ['svc', 'svc_001'],
      ['apt', 'apt_abc123'],
      ['pm', 'pm_stripe_abc123'],
      ['usr', 'usr_abc123'],
      ['wch', 'wch_abc123'],
    ] as const) {
      expect(idOf(prefix).safeParse(id).success).toBe(true);
    }
  });

  it('refuses other prefixes, missing bodies and odd characters', () => {
    const apt = idOf('apt');
    for (const bad of [
      'cli_abc123',
      'apt_',
      'apt_ab',
      'aptabc123',
      'apt_abc 123',
      'APT_abc123',
      '',
    ]) {
      expect(apt.safeParse(bad).success).toBe(false);
    }
    expect(apt.safeParse('apt_' + 'x'.repeat(65)).success).toBe(false);
    expect(apt.safeParse(42).success).toBe(false);
    expect(isIdOf('cli', 'cli_xyz789')).toBe(true);
    expect(isIdOf('cli', 'apt_xyz789')).toBe(false);
  });

  it('has a distinct prefix per collection', () => {
    const prefixes = Object.values(ID_PREFIXES);
    expect(new Set(prefixes).size).toBe(12);
  });
});

describe('id generator', () => {
  it('makes valid, distinct ids with 20 random characters', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const id = newId('apt');
      expect(id).toMatch(/^apt_[0-9A-Za-z]{20}$/);
      ids.add(id);
    }
    expect(ids.size).toBe(2000);
    for (const prefix of Object.values(ID_PREFIXES)) {
      expect(idOf(prefix).safeParse(newId(prefix)).success).toBe(true);
    }
  });

  it('is reproducible from a seeded random source', () => {
    const counter = () => {
      let n = 0;
      return (bytes: Uint8Array) => {
        for (let i = 0; i < bytes.length; i++) bytes[i] = n++ % 256;
      };
    };
    const a = createIdGenerator(counter());
    const b = createIdGenerator(counter());
    expect(a('cli')).toBe(b('cli'));
    expect(createIdGenerator(counter())('cli')).toBe('cli_0123456789ABCDEFGHIJ');
  });

  it('skips bytes ≥ 248 so every character is equally likely', () => {
    const fill = (bytes: Uint8Array) => {
      for (let i = 0; i < bytes.length; i++) bytes[i] = i % 2 === 0 ? 255 : 61;
    };
    expect(createIdGenerator(fill)('svc')).toBe('svc_' + 'z'.repeat(20));
  });
});
