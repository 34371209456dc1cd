// For an address the app has no page for: the pages it most likely meant. Plain data, no React, so
// unit tests can check it (tests/unit/renderer/pageSuggestions.test.ts).
import type { PageInfo } from './pages';

/** "Clients" and "client" are the same word here. */
const stem = (word: string) => word.toLowerCase().replace(/s$/, '');

/** `%20` as a space; a malformed escape ("%E0%A4") as it stands, rather than an error. */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The words a page answers to: its address and its title ("/notifications", "Messages"). */
const wordsOf = (page: PageInfo) =>
  [page.path.replace(/^\//, ''), ...page.title.split(/\s+/)].map(stem).filter(Boolean);

/**
 * Pages whose address or title matches the unknown address's first part: `/messages` → Messages
 * (at /notifications), `/client/cli_1` → Clients, `/dispatch` → Dispatch board. At most three, in
 * navigation order; none when nothing is alike (the caller offers the board).
 */
export function suggestPages<P extends PageInfo>(pathname: string, pages: readonly P[]): P[] {
  const first = pathname.split('/').find(Boolean);
  if (!first) return [];
  const key = stem(decoded(first));
  if (key.length < 3) return [];
  return pages
    .filter((page) =>
      wordsOf(page).some(
        (word) =>
          word === key || word.startsWith(key) || (word.length >= 4 && key.startsWith(word)),
      ),
    )
    .slice(0, 3);
}
