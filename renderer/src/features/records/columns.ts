// Columns more than one record list shows, defined once.
import { phoneText } from '../../../../shared/messaging/phone';
import type { RecordColumn } from './RecordTable';

/**
 * A phone number as every screen shows one ("+1 205-555-0123"), however it was typed; wide enough
 * that a North American number is never cut short.
 */
export const phoneColumn: RecordColumn = {
  field: 'phone',
  headerName: 'Phone',
  width: 160,
  valueFormatter: (value: string | null) => (value ? phoneText(value) : ''),
};
