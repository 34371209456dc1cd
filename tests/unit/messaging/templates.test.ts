// The shared texting helpers: how a template becomes a message, which placeholders are refused, how
// a message splits into SMS segments (and what makes it Unicode), and phone numbers in E.164.
import { describe, expect, it } from 'vitest';
import { displayPhone, phoneText, toE164 } from '../../../shared/messaging/phone';
import {
  DEFAULT_TEMPLATES,
  OPT_OUT_HINT,
  PLACEHOLDERS,
  renderTemplate,
  SAMPLE_VALUES,
  segmentInfo,
  TEMPLATE_KINDS,
  TEMPLATE_LABELS,
  unknownPlaceholders,
  type TemplateValues,
} from '../../../shared/messaging/templates';

/** Values as long as real ones get: a long name, a long service, a crew of three. */
const LONG_VALUES: TemplateValues = {
  first_name: 'Maximiliano',
  business_name: 'Southern Lawn Care Co',
  service: 'Spring Cleanup and Mulching',
  date: 'Wed, Sep 30',
  time_window: '10:30 AM to 12:30 PM',
  crew: 'Marcus J., Ana P. and Dmitri K.',
};

describe('renderTemplate', () => {
  it('replaces every placeholder with its value, each time it appears', () => {
    expect(
      renderTemplate(
        'Hi {first_name}, {crew} from {business_name} comes {date}, {time_window} for {service}. {first_name}!',
        SAMPLE_VALUES,
      ),
    ).toBe(
      'Hi Ana, Marcus J. from Your Business comes Tue, Dec 8, 9:00 AM to 10:30 AM for Lawn Mowing. Ana!',
    );
  });

  it('leaves an unknown placeholder as it was written', () => {
    expect(renderTemplate('Hi {firstname}, see you {date}.', SAMPLE_VALUES)).toBe(
      'Hi {firstname}, see you Tue, Dec 8.',
    );
  });

  it('tidies the spaces an empty value or the typing leaves', () => {
    expect(
      renderTemplate('  Hi {first_name}  ,\tyour  {service} is booked. ', {
        ...SAMPLE_VALUES,
        first_name: '',
      }),
    ).toBe('Hi , your Lawn Mowing is booked.');
  });

  it('leaves a name of an object property as it was written, not the property', () => {
    expect(renderTemplate('Hi {constructor} {__proto__}', SAMPLE_VALUES)).toBe(
      'Hi {constructor} {__proto__}',
    );
  });

  it('keeps line breaks the template has', () => {
    expect(renderTemplate('{business_name}\nReply C to confirm', SAMPLE_VALUES)).toBe(
      'Your Business\nReply C to confirm',
    );
  });
});

describe('unknownPlaceholders', () => {
  it('finds nothing in a template that uses only known placeholders', () => {
    const all = Object.keys(PLACEHOLDERS)
      .map((p) => `{${p}}`)
      .join(' ');
    expect(unknownPlaceholders(all)).toEqual([]);
  });

  it('names each unknown placeholder once, as it was written', () => {
    expect(unknownPlaceholders('Hi {firstname} {firstname}, {time} at {business_name}')).toEqual([
      '{firstname}',
      '{time}',
    ]);
  });

  it('does not take a name of an object property for a placeholder', () => {
    expect(unknownPlaceholders('{constructor} {__proto__} {to_string}')).toEqual([
      '{constructor}',
      '{__proto__}',
      '{to_string}',
    ]);
  });
});

describe('the default templates', () => {
  it('cover every kind, with a title each and only known placeholders', () => {
    for (const kind of TEMPLATE_KINDS) {
      expect(DEFAULT_TEMPLATES[kind].length).toBeGreaterThan(0);
      expect(TEMPLATE_LABELS[kind].length).toBeGreaterThan(0);
      expect(unknownPlaceholders(DEFAULT_TEMPLATES[kind])).toEqual([]);
    }
  });

  it('name the business in every message', () => {
    for (const kind of TEMPLATE_KINDS) expect(DEFAULT_TEMPLATES[kind]).toContain('{business_name}');
  });

  it.each(TEMPLATE_KINDS)(
    '%s stays GSM-7 and at most 2 segments with long values and the opt-out hint',
    (kind) => {
      const message = `${renderTemplate(DEFAULT_TEMPLATES[kind], LONG_VALUES)} ${OPT_OUT_HINT}`;
      const info = segmentInfo(message);
      expect(info.encoding).toBe('GSM-7');
      expect(info.unicode).toEqual([]);
      expect(info.segments).toBeLessThanOrEqual(2);
    },
  );

  it('give the sample values for every placeholder', () => {
    expect(Object.keys(SAMPLE_VALUES).sort()).toEqual(Object.keys(PLACEHOLDERS).sort());
  });
});

describe('segmentInfo', () => {
  it('fits 160 GSM-7 characters in one segment and splits the 161st into two', () => {
    expect(segmentInfo('a'.repeat(160))).toEqual({
      characters: 160,
      segments: 1,
      encoding: 'GSM-7',
      unicode: [],
    });
    expect(segmentInfo('a'.repeat(161)).segments).toBe(2);
    // Once split, each segment holds 153 characters.
    expect(segmentInfo('a'.repeat(306)).segments).toBe(2);
    expect(segmentInfo('a'.repeat(307)).segments).toBe(3);
  });

  it('names the characters that make a message UCS-2, each once', () => {
    const info = segmentInfo('Hi – it’s “done” – see you 😀');
    expect(info.encoding).toBe('UCS-2');
    expect(info.unicode).toEqual(['–', '’', '“', '”', '😀']);
  });

  it('fits 70 UCS-2 characters in one segment and splits the 71st into two', () => {
    expect(segmentInfo(`’${'a'.repeat(69)}`).segments).toBe(1);
    expect(segmentInfo(`’${'a'.repeat(70)}`).segments).toBe(2);
  });

  it('counts an emoji as one character', () => {
    expect(segmentInfo('Hi 😀').characters).toBe(4);
  });

  it('keeps GSM-7 for its accented letters and symbols', () => {
    const info = segmentInfo('Café à 5 € [ok]');
    expect(info.encoding).toBe('GSM-7');
    expect(info.unicode).toEqual([]);
  });
});

describe('toE164', () => {
  it.each([
    ['+1-205-555-0123', '+12055550123'],
    ['(205) 555-0123', '+12055550123'],
    ['205.555.0123', '+12055550123'],
    ['2055550123', '+12055550123'],
    ['1 205 555 0123', '+12055550123'],
    ['  +1 (205) 555-0123 ', '+12055550123'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('reads %j as %s', (phone, e164) => {
    expect(toE164(phone)).toBe(e164);
  });

  it.each([
    '',
    'not a number',
    '555-0123',
    '205-555-012',
    '2 205 555 0123',
    '+1234567',
    '+1234567890123456',
  ])('refuses %j', (phone) => {
    expect(toE164(phone)).toBeNull();
  });
});

describe('displayPhone', () => {
  it('writes a North American number with its dashes and any other as it is', () => {
    expect(displayPhone('+12055550123')).toBe('+1 205-555-0123');
    expect(displayPhone('+442079460958')).toBe('+442079460958');
  });
});

describe('phoneText', () => {
  it('shows a number one way on every screen, however it was typed, and leaves what is no number', () => {
    for (const typed of ['+1-205-555-0123', '(205) 555-0123', '205.555.0123', '1 205 555 0123']) {
      expect(phoneText(typed)).toBe('+1 205-555-0123');
    }
    expect(phoneText('call the office')).toBe('call the office');
  });
});

describe('renderTemplate and full stops', () => {
  it('writes one full stop when a value ending in one comes before one', () => {
    expect(
      renderTemplate('Your crew: {crew}. See you!', { ...SAMPLE_VALUES, crew: 'Marcus J.' }),
    ).toBe('Your crew: Marcus J. See you!');
    expect(renderTemplate('By {crew}, today', { ...SAMPLE_VALUES, crew: 'Marcus J.' })).toBe(
      'By Marcus J., today',
    );
  });
});
