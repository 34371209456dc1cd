// Settings → Text messages → Message templates: the wording of each kind of text, saved together
// (business.update) when one of them changed.
import { useState } from 'react';
import { TEMPLATE_KINDS, type TemplateKind } from '../../../../../shared/messaging/templates';
import type { SettingsSectionProps } from '../SettingsPage';
import { messagingSettingsOf, templateField, templateProblem } from './settings';
import { SettingsForm } from '../form/SettingsForm';
import { useSettingsSave } from '../form/useSettingsSave';
import { TemplateEditor } from './TemplateEditor';

const SERVER_PATHS = Object.fromEntries(
  TEMPLATE_KINDS.map((k) => [k, `config.${templateField(k)}`]),
) as Record<TemplateKind, string>;

export function TemplatesForm({ business, canEdit }: SettingsSectionProps) {
  const stored = messagingSettingsOf(business.config).sms_templates;
  /** What was typed, over the stored wording: another section's save does not undo it. */
  const [edits, setEdits] = useState<Partial<Record<TemplateKind, string>>>({});
  const saver = useSettingsSave(business, SERVER_PATHS, () => setEdits({}));
  const { serverErrors, edited } = saver;

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
    saver.save.mutate({
      config: {
        sms_templates: Object.fromEntries(
          TEMPLATE_KINDS.map((k) => [k, valueOf(k).trim()]),
        ) as Record<TemplateKind, string>,
      },
    });
  };

  return (
    <SettingsForm
      label="Message templates"
      testId="messaging-templates"
      canEdit={canEdit}
      saver={saver}
      dirty={changed.length > 0}
      blocked={blocked}
      // Not "Save": the section holds other forms with buttons of their own.
      submitLabel="Apply templates"
      savedText="Saved. Texts from now on use this wording."
      unsavedText={
        blocked
          ? 'Fix the messages marked in red to save.'
          : `Unsaved changes in ${changed.length === 1 ? 'one message' : `${changed.length} messages`}.`
      }
      onSubmit={submit}
      onCancel={() => {
        setEdits({});
        saver.reset();
      }}
      spacing={2}
    >
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
    </SettingsForm>
  );
}
