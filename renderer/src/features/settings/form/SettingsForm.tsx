// The frame of every Settings form: a refusal because someone else saved first, the fields, a
// refusal no field explains, and Save / Cancel with what the form's state is. Owners and admins
// get the buttons; others read the values.
import { Alert, Button, CircularProgress, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useDirtyForm } from './dirty';
import type { SettingsSave } from './useSettingsSave';

export interface SettingsFormProps {
  /** The form's accessible name. */
  label: string;
  testId?: string;
  canEdit: boolean;
  /** Where the save stands: business.update's (useSettingsSave), or another channel's. */
  saver: Pick<SettingsSave, 'conflict' | 'formError' | 'saved'> & {
    save: { isPending: boolean };
  };
  /** Something differs from what is stored. */
  dirty: boolean;
  /** A problem stops saving (the button is disabled rather than showing the problems on click). */
  blocked?: boolean;
  /** "Save" unless the section shows more than one form. */
  submitLabel?: string;
  /** Shown once a save is accepted: what now follows the settings. */
  savedText: string;
  /** Shown while something differs from what is stored. */
  unsavedText?: string;
  onSubmit(): void;
  /** Back to the stored values. */
  onCancel(): void;
  /** More buttons beside Save and Cancel (e.g. Reset to defaults). */
  actions?: ReactNode;
  spacing?: number;
  children: ReactNode;
}

export function SettingsForm({
  label,
  testId,
  canEdit,
  saver,
  dirty,
  blocked = false,
  submitLabel = 'Save',
  savedText,
  unsavedText = 'Unsaved changes.',
  onSubmit,
  onCancel,
  actions,
  spacing = 2.5,
  children,
}: SettingsFormProps) {
  useDirtyForm(canEdit && dirty);
  const pending = saver.save.isPending;
  return (
    <Stack
      component="form"
      noValidate
      aria-label={label}
      data-testid={testId}
      spacing={spacing}
      onSubmit={(e) => {
        e.preventDefault();
        if (canEdit) onSubmit();
      }}
    >
      {saver.conflict && (
        <Alert severity="warning" data-testid="conflict">
          {saver.conflict}
        </Alert>
      )}
      {children}
      {saver.formError && <Alert severity="error">{saver.formError}</Alert>}
      {canEdit && (
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{ alignItems: 'center', flexWrap: 'wrap' }}
        >
          <Button
            type="submit"
            variant="contained"
            disabled={pending || !dirty || blocked}
            startIcon={pending ? <CircularProgress size={16} /> : undefined}
          >
            {submitLabel}
          </Button>
          <Button disabled={pending || !dirty} onClick={onCancel}>
            Cancel
          </Button>
          {actions}
          <Typography variant="body2" color="text.secondary" role="status">
            {saver.saved && !dirty ? savedText : dirty ? unsavedText : ''}
          </Typography>
        </Stack>
      )}
    </Stack>
  );
}
