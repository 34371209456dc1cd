// The Map page's query keys, in a module of their own so that code outside React can share them.

export const mapClientsKey = ['map.clients'] as const;
export const mapDayKey = (date: string) => ['map.day', date] as const;
