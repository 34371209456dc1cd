import { describe, expect, it } from 'vitest';
import { pages } from '../../../renderer/src/app/pages';
import { suggestPages } from '../../../renderer/src/app/pageSuggestions';

const titles = (pathname: string) => suggestPages(pathname, pages).map((p) => p.title);

describe('pages suggested for an unknown address', () => {
  it('finds a page by its title where its address differs', () => {
    expect(titles('/messages')).toEqual(['Messages']);
    expect(titles('/dispatch')).toEqual(['Dispatch board']);
  });

  it('reads singular, plural and capitals alike, and ignores what follows', () => {
    expect(titles('/client/cli_1')).toEqual(['Clients']);
    expect(titles('/Clients/cli_1/jobs')).toEqual(['Clients']);
    expect(titles('/report')).toEqual(['Reports']);
  });

  it('takes the start of a word', () => {
    expect(titles('/equip')).toEqual(['Equipment']);
    expect(titles('/avail')).toEqual(['Availability']);
  });

  it('suggests nothing for an address like no page, or too short to tell', () => {
    expect(titles('/invoices')).toEqual([]);
    expect(titles('/x')).toEqual([]);
    expect(titles('/')).toEqual([]);
    // A malformed escape in a pasted link is no error.
    expect(titles('/%E0%A4%A')).toEqual([]);
    expect(titles('/Weather%20plan')).toEqual(['Weather plan']);
  });

  it('offers only the pages it is given (those the signed-in role may open)', () => {
    const withoutReports = pages.filter((p) => p.path !== '/reports');
    expect(suggestPages('/reports', withoutReports)).toEqual([]);
  });
});
