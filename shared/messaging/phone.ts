// Phone numbers as Twilio wants them (E.164, "+12055550123"), from the ways people write them.

/**
 * `phone` in E.164: "+1-205-555-0123", "(205) 555-0123" and "205.555.0123" all give
 * "+12055550123". Ten digits without a country code are taken as North American (+1), the seed's
 * numbers; null when the number cannot be an E.164 one.
 */
export function toE164(phone: string): string | null {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+'))
    return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return null;
}

/** A phone as people read it ("+1 205-555-0123"), however it was typed; as typed if not a number. */
export function phoneText(phone: string): string {
  const e164 = toE164(phone);
  return e164 ? displayPhone(e164) : phone;
}

/** A number shown to people: "+1 205-555-0123" for North America, else E.164 as it is. */
export function displayPhone(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `+1 ${m[1]}-${m[2]}-${m[3]}` : e164;
}
