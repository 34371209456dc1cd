// The messaging query keys, in a module of their own so Settings and the pages that show texts share
// one cache entry for how texting stands.

/** The Twilio account, whether it can send, and the outbox's counts (messaging.status). */
export const messagingStatusKey = ['messaging.status'] as const;
