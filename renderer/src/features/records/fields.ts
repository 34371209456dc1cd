// What a record form's field is: its name in the record, its label and the kind of input it takes.
export type FieldKind =
  | 'text'
  | 'optionalText'
  | 'number'
  | 'select'
  /** A choice that may be left empty ("None"), stored as null. */
  | 'optionalSelect'
  | 'boolean'
  | 'multi'
  /** A calendar day ('YYYY-MM-DD' in the input), stored as a Date at 00:00 UTC; empty is null. */
  | 'date';

export interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  options?: { value: string; label: string }[];
  helperText?: string;
  multiline?: boolean;
  /** Spans both columns of the form. */
  wide?: boolean;
  /** Shown with the field's adornment, e.g. '$' or 'min'. */
  unit?: string;
  required?: boolean;
}
