// Page object for Settings: the list of sections, one section's fields and buttons.
import type { Locator, Page } from 'playwright-core';

export class SettingsPage {
  constructor(
    readonly page: Page,
    /** The app's address for a route, e.g. world.url. */
    private readonly url: (route: string) => string,
  ) {}

  /** The section shown (`settings-<id>`). */
  section(id: string): Locator {
    return this.page.getByTestId(`settings-${id}`);
  }

  /** Opens the page on a section, as a link or a reload would. */
  async open(id: string): Promise<void> {
    await this.page.goto('about:blank');
    await this.page.goto(this.url(`/settings?section=${id}`));
    await this.section(id).waitFor({ timeout: 20_000 });
  }

  navLink(id: string): Locator {
    return this.page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByTestId(`settings-nav-${id}`);
  }

  /** Goes to another section through the list, as a user does. */
  async choose(id: string): Promise<void> {
    await this.navLink(id).click();
    await this.section(id).waitFor();
  }

  /** A field by its whole label; a required field's label may end with its asterisk. */
  field(id: string, label: string | RegExp): Locator {
    const name =
      typeof label === 'string'
        ? new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*\\*)?$`)
        : label;
    return this.section(id).getByLabel(name);
  }

  button(id: string, name: string): Locator {
    return this.section(id).getByRole('button', { name, exact: true });
  }

  /** Clicks the section's submit button and waits for its saved note. */
  async save(id: string, savedNote: string, name = 'Save'): Promise<void> {
    await this.button(id, name).click();
    await this.section(id).getByText(savedNote).waitFor();
  }

  get unsavedDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Leave without saving?' });
  }

  /** The page's background brightness, 0 (black) to 1 (white). */
  async luminance(): Promise<number> {
    const rgb = await this.page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  }
}
