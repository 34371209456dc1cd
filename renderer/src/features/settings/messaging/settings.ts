// The business's texting settings as the messaging forms read them, with the defaults for what an
// older business document lacks, and the words shared by the template editors.
import { PLACEHOLDERS, type TemplateKind } from '../../../../../shared/messaging/templates';
import {
  businessConfigSchema,
  type BusinessConfig,
} from '../../../../../shared/schemas/businesses';

const DEFAULTS = businessConfigSchema.parse({});

export type MessagingSettings = Pick<
  BusinessConfig,
  | 'sms_enabled'
  | 'notifications_enabled'
  | 'sms_templates'
  | 'sms_before_appointment_hours'
  | 'sms_send_from'
  | 'sms_send_until'
  | 'sms_messages_per_second'
>;

export function messagingSettingsOf(config: Partial<BusinessConfig>): MessagingSettings {
  return {
    sms_enabled: config.sms_enabled ?? DEFAULTS.sms_enabled,
    notifications_enabled: config.notifications_enabled ?? DEFAULTS.notifications_enabled,
    sms_templates: { ...DEFAULTS.sms_templates, ...config.sms_templates },
    sms_before_appointment_hours:
      config.sms_before_appointment_hours ?? DEFAULTS.sms_before_appointment_hours,
    sms_send_from: config.sms_send_from ?? DEFAULTS.sms_send_from,
    sms_send_until: config.sms_send_until ?? DEFAULTS.sms_send_until,
    sms_messages_per_second: config.sms_messages_per_second ?? DEFAULTS.sms_messages_per_second,
  };
}

const squash = (name: string) => name.replace(/[^a-z]/gi, '').toLowerCase();

/** Anything in braces: the core refuses unknown `{lower_case}` names; `{First Name}` would be sent as it is. */
const BRACED = /\{[^{}\n]{0,40}\}/g;

function unknownBraced(template: string): string[] {
  const unknown = new Set<string>();
  for (const [whole] of template.matchAll(BRACED)) {
    if (!Object.hasOwn(PLACEHOLDERS, whole.slice(1, -1))) unknown.add(whole);
  }
  return [...unknown];
}

/**
 * What is wrong with a template as it is typed: the core's limits (not empty, under 600
 * characters) and placeholders it does not know, with the one that was probably meant.
 */
export function templateProblem(template: string): string | null {
  const text = template.trim();
  if (text === '') return 'A message cannot be empty: write one, or reset it to the default.';
  if (text.length > 600) {
    return `Keep a message under 600 characters (it has ${text.length}): it would be sent as five or more texts.`;
  }
  const unknown = unknownBraced(text);
  if (unknown.length === 0) return null;
  return unknown
    .map((whole) => {
      const meant = Object.keys(PLACEHOLDERS).find((p) => squash(p) === squash(whole));
      return meant
        ? `${whole} is not a placeholder: did you mean {${meant}}?`
        : `${whole} is not a placeholder: use one of those listed below the message.`;
    })
    .join(' ');
}

/** Characters that make a text Unicode, named, with the plain one that keeps it GSM-7. */
const PLAIN: Record<string, { name: string; plain?: string }> = {
  '\u2013': { name: 'en dash', plain: '-' },
  '\u2014': { name: 'em dash', plain: '-' },
  '\u2018': { name: 'curly opening quote', plain: "'" },
  '\u2019': { name: 'curly apostrophe', plain: "'" },
  '\u201C': { name: 'curly opening double quote', plain: '"' },
  '\u201D': { name: 'curly closing double quote', plain: '"' },
  '\u2026': { name: 'ellipsis', plain: '...' },
  '\u00A0': { name: 'no-break space', plain: ' ' },
  '\u200B': { name: 'zero-width space', plain: '' },
  '\u2022': { name: 'bullet', plain: '-' },
};

const codePoint = (c: string) =>
  `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** How a Unicode-forcing character is shown: itself in quotes, or its code point when invisible. */
export function describeCharacter(c: string): string {
  const known = PLAIN[c];
  const invisible = /^\s$/u.test(c) || /\p{Cf}/u.test(c);
  const shown = invisible ? codePoint(c) : `“${c}”`;
  return known ? `${shown} ${known.name}` : shown;
}

/** The template with every character that has a plain equivalent replaced by it. */
export function withPlainCharacters(template: string): string {
  return [...template].map((c) => PLAIN[c]?.plain ?? c).join('');
}

export const hasPlainEquivalent = (c: string): boolean => PLAIN[c]?.plain !== undefined;

export const templateField = (kind: TemplateKind) => `sms_templates.${kind}`;
