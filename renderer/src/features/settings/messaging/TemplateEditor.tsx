// One message template: its text, the placeholders to insert at the cursor, and a live preview
// with sample values, its length, segments and encoding (and what makes it Unicode).
import { Alert, Box, Button, Chip, Stack, TextField, Tooltip, Typography } from '@mui/material';
import { useId, useLayoutEffect, useRef } from 'react';
import {
  DEFAULT_TEMPLATES,
  PLACEHOLDERS,
  renderTemplate,
  SAMPLE_VALUES,
  segmentInfo,
  TEMPLATE_LABELS,
  type Placeholder,
  type TemplateKind,
} from '../../../../../shared/messaging/templates';
import { describeCharacter, hasPlainEquivalent, withPlainCharacters } from './settings';

const PLACEHOLDER_NAMES = Object.keys(PLACEHOLDERS) as Placeholder[];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export interface TemplateEditorProps {
  kind: TemplateKind;
  value: string;
  /** The business's name, shown in the preview in place of {business_name}. */
  businessName: string;
  canEdit: boolean;
  /** The field's problem: as typed, or the core's refusal. */
  error: string | null;
  onChange: (value: string) => void;
}

export function TemplateEditor({
  kind,
  value,
  businessName,
  canEdit,
  error,
  onChange,
}: TemplateEditorProps) {
  const label = TEMPLATE_LABELS[kind];
  const fieldId = useId();
  const previewId = useId();
  const input = useRef<HTMLTextAreaElement | null>(null);
  /** Where the cursor goes once an inserted placeholder is drawn (React puts it at the end). */
  const caret = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (caret.current === null || !input.current) return;
    input.current.focus();
    input.current.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  });

  const insert = (name: Placeholder) => {
    const token = `{${name}}`;
    const el = input.current;
    // A textarea keeps its selection when it loses focus, so a click on a chip finds the cursor.
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    caret.current = start + token.length;
    onChange(value.slice(0, start) + token + value.slice(end));
  };

  const preview = renderTemplate(value, { ...SAMPLE_VALUES, business_name: businessName });
  const info = segmentInfo(preview);
  // A character the template does not have comes from a value, such as the business's name.
  const fromTemplate = info.unicode.filter((c) => value.includes(c));
  const fromValues = info.unicode.filter((c) => !value.includes(c));
  const replaceable = fromTemplate.some(hasPlainEquivalent);
  const isDefault = value.trim() === DEFAULT_TEMPLATES[kind];

  return (
    <Box
      data-testid={`template-${kind}`}
      data-kind={kind}
      sx={{ p: 2, border: 1, borderColor: 'divider', borderRadius: 1 }}
    >
      <TextField
        id={fieldId}
        name={`sms_templates.${kind}`}
        label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        inputRef={input}
        multiline
        minRows={2}
        fullWidth
        disabled={!canEdit}
        error={Boolean(error)}
        helperText={
          error ??
          (canEdit
            ? 'Click a placeholder below to insert it where the cursor is.'
            : 'Only owners and admins can change the wording.')
        }
        // The helper text (always there) and the preview both describe the message.
        slotProps={{
          htmlInput: {
            'aria-describedby': `${fieldId}-helper-text ${previewId}`,
            spellCheck: true,
          },
        }}
      />

      {canEdit && (
        <Stack
          direction="row"
          spacing={0.75}
          useFlexGap
          aria-label={`Placeholders to insert into "${label}"`}
          role="group"
          sx={{ flexWrap: 'wrap', alignItems: 'center', mt: 1 }}
        >
          <Typography variant="body2" color="text.secondary" component="span">
            Insert:
          </Typography>
          {PLACEHOLDER_NAMES.map((name) => (
            <Tooltip key={name} title={PLACEHOLDERS[name]} describeChild>
              <Chip
                size="small"
                variant="outlined"
                label={`{${name}}`}
                onClick={() => insert(name)}
                // Keeps the cursor in the message for a mouse click; the keyboard still reaches the chip.
                onMouseDown={(e) => e.preventDefault()}
                data-testid="template-placeholder"
              />
            </Tooltip>
          ))}
          <Button
            size="small"
            disabled={isDefault}
            onClick={() => onChange(DEFAULT_TEMPLATES[kind])}
            sx={{ ml: 'auto' }}
          >
            Reset to default
          </Button>
        </Stack>
      )}

      <Box id={previewId} sx={{ mt: 1.5 }}>
        <Typography variant="caption" color="text.secondary" component="p">
          Preview, with sample values
        </Typography>
        <Box
          data-testid="template-preview"
          sx={{
            mt: 0.5,
            px: 1.5,
            py: 1,
            borderRadius: 2,
            bgcolor: 'action.hover',
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-word',
            maxWidth: 520,
          }}
        >
          <Typography variant="body2">{preview || '(empty)'}</Typography>
        </Box>
        <Typography
          variant="body2"
          color={info.segments > 2 ? 'warning.main' : 'text.secondary'}
          data-testid="template-segments"
          data-segments={info.segments}
          data-encoding={info.encoding}
          sx={{ mt: 0.5 }}
        >
          {plural(info.characters, 'character', 'characters')} ·{' '}
          {plural(info.segments, 'segment', 'segments')} · {info.encoding}
          {info.segments > 1 &&
            ` — each segment is billed as a text (${info.encoding === 'GSM-7' ? 153 : 67} characters each once split).`}
        </Typography>
      </Box>

      {fromTemplate.length > 0 && (
        <Alert
          severity="warning"
          data-testid="template-unicode"
          sx={{ mt: 1 }}
          action={
            canEdit && replaceable ? (
              <Button
                color="inherit"
                size="small"
                onClick={() => onChange(withPlainCharacters(value))}
              >
                Use plain characters
              </Button>
            ) : undefined
          }
        >
          {fromTemplate.map(describeCharacter).join(', ')}{' '}
          {fromTemplate.length === 1 ? 'makes' : 'make'} this a Unicode (UCS-2) text, which fits 70
          characters a segment instead of 160. Replace {fromTemplate.length === 1 ? 'it' : 'them'}{' '}
          with plain characters (- &apos; &quot;) to keep texts short.
        </Alert>
      )}
      {fromValues.length > 0 && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {fromValues.map(describeCharacter).join(', ')} in the business&apos;s name{' '}
          {fromValues.length === 1 ? 'makes' : 'make'} every text with {'{business_name}'} a Unicode
          (UCS-2) text, 70 characters a segment.
        </Alert>
      )}
    </Box>
  );
}
