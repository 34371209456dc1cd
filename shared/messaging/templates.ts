// Client text messages: the kinds the business sends, their default wording, the placeholders a
// template may use, and how a template becomes a message. Shared: the core renders what it sends,
// Settings renders the live preview with the same code.
import { SegmentedMessage } from 'sms-segments-calculator';

export const TEMPLATE_KINDS = [
  'confirmation',
  'reminder',
  'reschedule',
  'cancellation',
  'on_my_way',
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const TEMPLATE_LABELS: Record<TemplateKind, string> = {
  confirmation: 'Booking confirmation',
  reminder: 'Reminder before the visit',
  reschedule: 'Reschedule notice',
  cancellation: 'Cancellation notice',
  on_my_way: '"On my way"',
};

/** What each placeholder stands for, in the order Settings lists them. */
export const PLACEHOLDERS = {
  first_name: "The client's first name",
  business_name: "The business's name",
  service: 'The service booked',
  date: 'The day of the visit ("Tue, Dec 8")',
  time_window: 'The hours of the visit ("9:00 AM to 11:00 AM")',
  crew: 'Who is coming ("Marcus J. and Ana P.")',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;
export type TemplateValues = Record<Placeholder, string>;

/**
 * The defaults: short, in the GSM-7 alphabet (one dash, no curly quotes, so a message stays one
 * or two segments), each naming the business and saying how to answer.
 */
export const DEFAULT_TEMPLATES: Record<TemplateKind, string> = {
  confirmation:
    'Hi {first_name}, {business_name} has you booked for {service} on {date}, {time_window}. Reply C to confirm or R to reschedule.',
  reminder:
    'Reminder from {business_name}: {service} on {date}, {time_window}, with {crew}. Reply C to confirm or R to reschedule.',
  reschedule:
    'Hi {first_name}, {business_name} moved your {service} to {date}, {time_window}. Reply C if that works or R to pick another time.',
  cancellation:
    'Hi {first_name}, your {service} with {business_name} on {date} is canceled. Call us to book again.',
  on_my_way: 'Hi {first_name}, {crew} from {business_name} is on the way for your {service}.',
};

/** Appended by carriers' rules to the first message a number gets; sent once per client. */
export const OPT_OUT_HINT = 'Reply STOP to opt out.';

const PLACEHOLDER = /\{([a-z_]+)\}/g;

/** Placeholders in `template` that are not known, e.g. ['{firstname}']. */
export function unknownPlaceholders(template: string): string[] {
  const unknown = new Set<string>();
  for (const [whole, name] of template.matchAll(PLACEHOLDER)) {
    if (!name || !Object.hasOwn(PLACEHOLDERS, name)) unknown.add(whole);
  }
  return [...unknown];
}

/** The message: each placeholder replaced by its value, spaces tidied. */
export function renderTemplate(template: string, values: TemplateValues): string {
  return template
    .replace(PLACEHOLDER, (whole: string, name: string, offset: number, text: string) => {
      if (!Object.hasOwn(PLACEHOLDERS, name)) return whole;
      const value = values[name as Placeholder];
      // "with {crew}." and a crew of "Marcus J.": one full stop, not two.
      return value.endsWith('.') && text[offset + whole.length] === '.'
        ? value.slice(0, -1)
        : value;
    })
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Example values for the Settings preview. */
export const SAMPLE_VALUES: TemplateValues = {
  first_name: 'Ana',
  business_name: 'Your Business',
  service: 'Lawn Mowing',
  date: 'Tue, Dec 8',
  time_window: '9:00 AM to 10:30 AM',
  crew: 'Marcus J.',
};

export interface SegmentInfo {
  /** Characters as the handset counts them (an emoji is one). */
  characters: number;
  /** Parts the carrier bills and sends: 160 GSM-7 characters, 70 UCS-2, fewer once split. */
  segments: number;
  encoding: 'GSM-7' | 'UCS-2';
  /** Characters that force UCS-2 (an en dash, a curly quote, an emoji); empty for GSM-7. */
  unicode: string[];
}

/** How a message is split into SMS segments (Twilio's own calculator). */
export function segmentInfo(text: string): SegmentInfo {
  const message = new SegmentedMessage(text, 'auto');
  return {
    characters: message.numberOfCharacters,
    segments: message.segmentsCount,
    encoding: message.encodingName === 'UCS-2' ? 'UCS-2' : 'GSM-7',
    unicode: [...new Set(message.getNonGsmCharacters() as string[])],
  };
}
