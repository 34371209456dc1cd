// The clients list's search words: what a client is found by, and how typed text is looked up.
import { describe, expect, it } from 'vitest';
import {
  clientSearchClauses,
  clientSearchTerms,
  searchWords,
  termsMatch,
} from '../../../electron/core/services/records/search-terms';

const client = {
  first_name: 'Zoë',
  last_name: 'García-Lindqvist',
  email: 'zoe.garcia12@inbox.example',
  phone: '+1 (205) 555-0412',
  address: '1234 Magnolia Dr',
  city: 'Vestavia Hills',
  zip_code: '35216-1234',
};
const terms = clientSearchTerms(client);
const finds = (text: string) => termsMatch(terms, text);

describe('client search terms', () => {
  it('finds a client by the start of any word of the name, email, address, city or ZIP, case and accents aside', () => {
    for (const text of [
      'zoe',
      'ZOË',
      'garc',
      'lindq',
      'magnolia',
      'magnolia dr',
      '1234',
      'vestavia',
      'hills',
      '35216',
      'zoe.garcia',
      'garcia12',
      '@inbox',
      'inbox.ex',
    ]) {
      expect(finds(text), text).toBe(true);
    }
  });

  it('finds a phone number by any run of its digits, however it is typed', () => {
    for (const text of ['205-555', '(205) 555', '5550412', '555-04', '0412', '+1 205']) {
      expect(finds(text), text).toBe(true);
    }
  });

  it('does not find a client by the middle of a word, or by words it lacks', () => {
    for (const text of ['arcia', 'olia', 'zoe smith', 'zzqxv', 'tara.']) {
      expect(finds(text), text).toBe(false);
    }
  });

  it('keeps terms short and unique, and builds one anchored, escaped prefix clause per word', () => {
    expect(new Set(terms).size).toBe(terms.length);
    expect(Math.max(...terms.map((t) => t.length))).toBeLessThanOrEqual(40);
    expect(searchWords('  Tara.  (205) 555-04 ')).toEqual(['tara.', '205', '55504']);
    expect(clientSearchClauses('a.b+c')).toEqual([{ search_terms: { $regex: '^a\\.b\\+c' } }]);
    expect(clientSearchClauses('   ')).toEqual([]);
  });
});
