// Settings → Text messages: texting clients through the business's Twilio account — the account
// and sender (the secret in the OS keychain), a test message, the wording of each kind of text,
// and when and how fast texts go out. Each part saves on its own; the parts are in messaging/.
import { Divider, Stack } from '@mui/material';
import { SettingsPart } from './form/SettingsPart';
import { SendingSettings } from './messaging/SendingSettings';
import { SendTestMessage } from './messaging/SendTestMessage';
import { TemplatesForm } from './messaging/TemplatesForm';
import { TwilioAccount } from './messaging/TwilioAccount';
import type { SettingsSectionProps } from './SettingsPage';

export function MessagingSettings({ business, canEdit }: SettingsSectionProps) {
  return (
    <Stack spacing={3} divider={<Divider flexItem />}>
      <SettingsPart
        id="messaging-part-account"
        title="Twilio account"
        description="Texts go out through the business's own Twilio account. Its auth token or API key secret stays in this computer's keychain."
      >
        <TwilioAccount business={business} canEdit={canEdit} />
      </SettingsPart>
      {canEdit && (
        <SettingsPart
          id="messaging-part-test"
          title="Send a test message"
          description="Check the account and sender by texting your own phone now."
        >
          <SendTestMessage business={business} canEdit={canEdit} />
        </SettingsPart>
      )}
      <SettingsPart
        id="messaging-part-templates"
        title="Message templates"
        description="The wording of each text. Placeholders in braces are filled in for each client and visit; the preview shows how a text reads and how many segments it is billed as."
      >
        <TemplatesForm business={business} canEdit={canEdit} />
      </SettingsPart>
      <SettingsPart
        id="messaging-part-sending"
        title="When and how fast"
        description="Whether texts go out, when reminders are sent, the hours clients may be texted, and the pace the sender allows."
      >
        <SendingSettings business={business} canEdit={canEdit} />
      </SettingsPart>
    </Stack>
  );
}
