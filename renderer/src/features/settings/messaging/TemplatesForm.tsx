// Settings → Text messages → Message templates: the wording of each kind of text, saved together
// (business.update) when one of them changed.
import { Alert, Button, CircularProgress, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { TEMPLATE_KINDS, type TemplateKind } from '../../../../../shared/messaging/templates';
import type { SettingsSectionProps } from '../SettingsPage';
import { messagingSettingsOf, templateField, templateProblem } from './settings';
import { TemplateEditor } from './TemplateEditor';
import { useConfigSave } from './useConfigSave';

const SERVER_PATHS = Object.fromEntries(TEMPLATE_KINDS.map((k) => [k, templateField(k)])) as Record<
  TemplateKind,
  string
>;

export function TemplatesForm({ business, canEdit }: SettingsSectionProps) {
  const stored = messagingSettingsOf(business.config).sms_templates;
  /** What was typed, over the stored wording: another section's save does not undo it. */
  const [edits, setEdits] = useState<Partial<Record<TemplateKind, string>>>({});
  const { save, conflict, saved, serverErrors, edited, formError } = useConfigSave(
    business,
    SERVER_PATHS,
    () => setEdits({}),
  );

  const valueOf = (kind: TemplateKind) => edits[kind] ?? stored[kind];
  // The core trims what it stores, so spaces around a message are no change.
  const changed = TEMPLATE_KINDS.filter((k) => valueOf(k).trim() !== stored[k]);
  const problems = Object.fromEntries(
    TEMPLATE_KINDS.map((k) => [k, canEdit ? templateProblem(valueOf(k)) : null]),
  ) as Record<TemplateKind, string | null>;
  const blocked = TEMPLATE_KINDS.some((k) => problems[k]);

  const submit = () => {
    if (blocked || changed.length === 0) return;
    // The templates are one group in the settings: sent whole, so the others keep their wording.
    save.mutate({
      sms_templates: Object.fromEntries(
        TEMPLATE_KINDS.map((k) => [k, valueOf(k).trim()]),
      ) as Record<TemplateKind, string>,
    });
  };

  return (
    <Stack
      component="form"
      noValidate
      aria-label="Message templates"
      data-testid="messaging-templates"
      spacing={2}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {conflict && (
        <Alert severity="warning" data-testid="conflict">
          {conflict}
        </Alert>
      )}
      {TEMPLATE_KINDS.map((kind) => (
        <TemplateEditor
          key={kind}
          kind={kind}
          value={valueOf(kind)}
          businessName={business.name}
          canEdit={canEdit}
          error={serverErrors[kind] ?? problems[kind]}
          onChange={(value) => {
            setEdits({ ...edits, [kind]: value });
            edited(kind);
          }}
        />
      ))}
      {formError && <Alert severity="error">{formError}</Alert>}
      {canEdit && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          {/* Not "Save": the section shares the page with the map's Save button. */}
          <Button
            type="submit"
            variant="contained"
            disabled={save.isPending || changed.length === 0 || blocked}
            startIcon={save.isPending ? <CircularProgress size={16} /> : undefined}
          >
            Apply templates
          </Button>
          <Typography variant="body2" color="text.secondary" role="status">
            {saved
              ? 'Saved. Texts from now on use this wording.'
              : blocked && changed.length > 0
                ? 'Fix the messages marked in red to save.'
                : changed.length > 0
                  ? `Unsaved changes in ${changed.length === 1 ? 'one message' : `${changed.length} messages`}.`
                  : ''}
          </Typography>
        </Stack>
      )}
    </Stack>
  );
}
