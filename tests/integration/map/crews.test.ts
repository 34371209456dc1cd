import { describe, expect, it } from 'vitest';
import { crewOfJobs } from '../../../electron/core/services/map/crews';

const LEADS = ['stf_ann', 'stf_bob'];

describe('whose route a job is on', () => {
  it('puts a job on the route of the first crew lead working it', () => {
    expect(
      crewOfJobs(LEADS, [
        { staff_ids: ['stf_bob', 'stf_ann'], counts: true },
        { staff_ids: ['stf_kim', 'stf_ann'], counts: true },
      ]),
    ).toEqual(['stf_bob', 'stf_ann']);
  });

  it("puts a crew member's own job on the route of the lead they work with most that day", () => {
    expect(
      crewOfJobs(LEADS, [
        { staff_ids: ['stf_ann', 'stf_kim'], counts: true },
        { staff_ids: ['stf_bob', 'stf_kim'], counts: true },
        { staff_ids: ['stf_bob', 'stf_kim'], counts: true },
        { staff_ids: ['stf_kim'], counts: true },
      ]),
    ).toEqual(['stf_ann', 'stf_bob', 'stf_bob', 'stf_bob']);
  });

  it('leaves unassigned jobs, and people who never work with a lead, off every route', () => {
    expect(
      crewOfJobs(LEADS, [
        { staff_ids: [], counts: true },
        { staff_ids: ['stf_lee'], counts: true },
        // A canceled job does not make Lee part of Ann's crew.
        { staff_ids: ['stf_ann', 'stf_lee'], counts: false },
      ]),
    ).toEqual([null, null, 'stf_ann']);
  });
});
