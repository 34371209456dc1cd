// The board's query keys, in a module of their own so that code outside React can share them.

/** One day of the board (board.day). */
export const boardDayKey = (date: string) => ['board.day', date] as const;
