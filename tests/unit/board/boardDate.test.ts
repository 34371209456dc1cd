// Which day the board asks for while the page is still loading: the one the board will show.
import { describe, expect, it } from 'vitest';
import { boardDateOf, dayPageOf } from '../../../renderer/src/features/board/boardDate';

// 05:30 UTC on 26 November: still the 25th in Chicago, already the 26th in Berlin.
const NOW = new Date('2026-11-26T05:30:00Z');

describe('boardDateOf', () => {
  it('takes the date from the board address', () => {
    expect(boardDateOf('#/board?date=2027-03-14', NOW, 'America/Chicago')).toBe('2027-03-14');
    expect(boardDateOf('#/board?crew=x&date=2027-03-14', NOW, 'UTC')).toBe('2027-03-14');
  });

  it("uses today on this computer's clock when the address has no date, as the board does", () => {
    expect(boardDateOf('#/board', NOW, 'America/Chicago')).toBe('2026-11-25');
    expect(boardDateOf('#/board', NOW, 'Europe/Berlin')).toBe('2026-11-26');
    // The app opens on the board.
    expect(boardDateOf('', NOW, 'America/Chicago')).toBe('2026-11-25');
    expect(boardDateOf('#/', NOW, 'America/Chicago')).toBe('2026-11-25');
  });

  it('asks for nothing on other pages or for a date that does not exist', () => {
    expect(boardDateOf('#/clients', NOW, 'UTC')).toBeNull();
    expect(boardDateOf('#/calendar?date=2026-11-25', NOW, 'UTC')).toBeNull();
    expect(boardDateOf('#/board?date=2026-02-30', NOW, 'UTC')).toBeNull();
    expect(boardDateOf('#/board?date=tomorrow', NOW, 'UTC')).toBeNull();
  });

  it('knows the map as a page of one day too', () => {
    expect(dayPageOf('#/map?date=2027-03-14', NOW, 'UTC')).toEqual({
      page: 'map',
      date: '2027-03-14',
    });
    expect(dayPageOf('#/map', NOW, 'America/Chicago')).toEqual({ page: 'map', date: '2026-11-25' });
    expect(dayPageOf('#/board', NOW, 'UTC')).toEqual({ page: 'board', date: '2026-11-26' });
    expect(dayPageOf('#/staff', NOW, 'UTC')).toBeNull();
  });

  it("asks for the computer's time zone only when the address names no day", () => {
    let asked = 0;
    const zone = () => {
      asked++;
      return 'America/Chicago';
    };
    expect(dayPageOf('#/board?date=2027-03-14', NOW, zone)).toEqual({
      page: 'board',
      date: '2027-03-14',
    });
    expect(asked).toBe(0);
    expect(dayPageOf('#/board', NOW, zone)).toEqual({ page: 'board', date: '2026-11-25' });
    expect(asked).toBe(1);
  });
});
