// A job card's marks (warning, wants another time, weather, confirmation, linked crew) beside the
// client's name: a narrow card keeps about six letters of the name and shows the marks that fit,
// most telling first, never none.
import { describe, expect, it } from 'vitest';
import { marksThatFit, xOf } from '../../../renderer/src/features/board/layout';

/** A card's width for a job of `minutes` at `hourWidth` px an hour, as JobCard draws it. */
const cardWidth = (minutes: number, hourWidth = 120) => xOf(minutes, 0, hourWidth) - 2;

describe('marks on a job card', () => {
  it('keeps the most telling mark on the narrowest cards', () => {
    expect(marksThatFit(cardWidth(30))).toBe(1);
    expect(marksThatFit(cardWidth(45))).toBe(1);
    expect(marksThatFit(cardWidth(60, 48))).toBe(1);
    expect(marksThatFit(24)).toBe(1);
  });

  it('shows more as the card widens, leaving the name its room', () => {
    expect(marksThatFit(cardWidth(60))).toBe(3);
    // All five fit on a 90-minute job.
    expect(marksThatFit(cardWidth(90))).toBeGreaterThanOrEqual(5);
    for (const width of [60, 88, 118, 178, 238]) {
      const marks = marksThatFit(width);
      // Past the first mark, each one shown leaves the name at least 48 px.
      if (marks > 1) expect(width - 19 - marks * 16).toBeGreaterThanOrEqual(48);
    }
  });
});
