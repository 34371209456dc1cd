// Limits the renderer shows to the user as well as the contract enforces, in a module free of
// schemas: importing them does not load the whole contract into the page.

/** Most occurrences one series may create at once (a year of weekly visits). */
export const MAX_SERIES_OCCURRENCES = 52;
