// Where this window remembers the computer's display preferences between loads (localStorage).
export const CACHE_KEY = 'sp.preferences';
