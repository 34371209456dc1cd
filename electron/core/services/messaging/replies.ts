// What a client's reply means. Carriers and Twilio treat the standard opt-out and opt-in words
// themselves (Twilio stops delivering to a number that texted STOP and answers it); the app
// mirrors them on the client so that nothing is even tried, and reads the booking answers.

export type ReplyMeaning = 'confirm' | 'reschedule' | 'opt_out' | 'opt_in' | 'help' | 'other';

/** Twilio's default opt-out keywords (Advanced Opt-Out), matched on the whole message. */
export const OPT_OUT_WORDS = [
  'STOP',
  'STOPALL',
  'UNSUBSCRIBE',
  'CANCEL',
  'END',
  'QUIT',
  'REVOKE',
  'OPTOUT',
];
/** Twilio's default opt-in keywords. */
export const OPT_IN_WORDS = ['START', 'UNSTOP', 'YES'];
const HELP_WORDS = ['HELP', 'INFO'];
const CONFIRM_WORDS = ['C', 'Y', 'YES', '1', 'CONFIRM', 'CONFIRMED', 'OK', 'OKAY'];
const RESCHEDULE_WORDS = ['R', '2', 'RESCHEDULE', 'CHANGE'];

/** The message as one keyword: trimmed, upper case, without surrounding punctuation or emoji. */
export function keywordOf(body: string): string {
  return body
    .trim()
    .toUpperCase()
    .replace(/^[^A-Z0-9]+|[^A-Z0-9]+$/g, '');
}

/**
 * What the reply asks for. YES is both an opt-in word and a confirmation: from a client who had
 * opted out it opts back in (as Twilio takes it), otherwise it confirms.
 */
export function meaningOf(body: string, optedOut: boolean): ReplyMeaning {
  const word = keywordOf(body);
  if (OPT_OUT_WORDS.includes(word)) return 'opt_out';
  if (OPT_IN_WORDS.includes(word) && (optedOut || word !== 'YES')) return 'opt_in';
  if (HELP_WORDS.includes(word)) return 'help';
  if (CONFIRM_WORDS.includes(word)) return 'confirm';
  if (RESCHEDULE_WORDS.includes(word)) return 'reschedule';
  return 'other';
}
