import { RRule } from 'rrule';
import { it, expect } from 'vitest';
it('x', () => { expect(typeof RRule.parseString).toBe('function'); });
