// Page object for Settings → Database: where the data is, a server's URI with Test and the guided
// copy, the copy left on this computer, and export / import with typed folders (browser mode).
import type { Locator, Page } from 'playwright-core';

export class DatabaseSection {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('settings-database');
  }

  async open(url: string): Promise<void> {
    await this.page.goto('about:blank');
    await this.page.goto(url);
    await this.root.getByTestId('database-where').waitFor({ timeout: 20_000 });
  }

  /** "On this computer" or "On the server mongodb://host:port/db". */
  get where(): Locator {
    return this.root.getByTestId('database-server');
  }

  get uri(): Locator {
    return this.root.getByLabel('MongoDB URI', { exact: true });
  }

  async test(uri: string): Promise<string> {
    await this.uri.fill(uri);
    await this.root.getByRole('button', { name: 'Test', exact: true }).click();
    const result = this.root.getByTestId('database-test-result');
    await result.waitFor({ timeout: 20_000 });
    return (await result.textContent()) ?? '';
  }

  get copyDialog(): Locator {
    return this.page.getByTestId('database-copy-dialog');
  }

  /** Opens the guided copy for `uri` and waits for its connection test to pass. */
  async startCopy(uri: string): Promise<void> {
    await this.uri.fill(uri);
    await this.root.getByRole('button', { name: 'Copy my data and switch' }).click();
    await this.copyDialog.getByRole('button', { name: 'Copy and switch' }).waitFor();
  }

  get embeddedCopy(): Locator {
    return this.root.getByTestId('database-embedded-copy');
  }

  folderField(purpose: 'export' | 'import'): Locator {
    return this.root.getByTestId(`database-${purpose}`).getByRole('textbox');
  }

  /** Runs an export or import of a typed folder; resolves with the outcome's kind and text. */
  async run(
    purpose: 'export' | 'import',
    folder: string,
  ): Promise<{ kind: 'done' | 'error'; text: string }> {
    const part = this.root.getByTestId(`database-${purpose}`);
    await this.folderField(purpose).fill(folder);
    await part
      .getByRole('button', { name: purpose === 'export' ? 'Export' : 'Import', exact: true })
      .click();
    const done = part.getByTestId(`database-${purpose}-done`);
    const error = part.getByTestId(`database-${purpose}-error`);
    await done.or(error).waitFor({ timeout: 60_000 });
    const kind = (await done.count()) > 0 ? 'done' : 'error';
    return { kind, text: (await (kind === 'done' ? done : error).textContent()) ?? '' };
  }
}
