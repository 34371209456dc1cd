// The weather watch's query keys, in a module of their own so the settings and the app shell's alert
// can refresh the plan without loading the page.

/** The plan of jobs at risk and how the watch stands (weather.plan). */
export const weatherPlanKey = ['weather.plan'] as const;
/** Which keyed providers have an API key in the keychain (weather.keys). */
export const weatherKeysKey = ['weather.keys'] as const;
