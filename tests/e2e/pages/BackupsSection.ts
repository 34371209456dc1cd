// Page object for Settings → Backups: the list, "Back up now", and the restore confirmation.
import type { Locator, Page } from 'playwright-core';

export class BackupsSection {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('settings-backups');
  }

  /** The line that says what the last action did ("Backed up: …", "Restored the backup of …"). */
  get done(): Locator {
    return this.root.getByTestId('backups-done');
  }

  get restoreDialog(): Locator {
    return this.page.getByTestId('backup-restore-dialog');
  }

  /** Opens the section from the app's address (`origin` is the host's, `/#/…` routes). */
  async open(origin: string): Promise<void> {
    await this.page.goto('about:blank');
    await this.page.goto(`${origin}/#/settings?section=backups`);
    await this.root
      .locator('[data-testid="backups-list"], [data-testid="backups-empty"]')
      .first()
      .waitFor({ timeout: 20_000 });
  }

  rows(kind?: 'automatic' | 'manual' | 'before_restore'): Locator {
    return this.root.locator(
      kind ? `[data-testid="backup-row"][data-kind="${kind}"]` : '[data-testid="backup-row"]',
    );
  }

  row(file: string): Locator {
    return this.root.locator(`[data-testid="backup-row"][data-file="${file}"]`);
  }

  /** Clicks "Back up now", waits until it is done, and returns the new backup's file name. */
  async backUpNow(): Promise<string> {
    const before = new Set(await this.fileNames('manual'));
    await this.root.getByRole('button', { name: 'Back up now' }).click();
    await this.done.filter({ hasText: /^Backed up: / }).waitFor({ timeout: 30_000 });
    const added = (await this.fileNames('manual')).filter((f) => !before.has(f));
    if (added.length !== 1)
      throw new Error(`expected one new manual backup, found ${added.length}`);
    return added[0] as string;
  }

  async fileNames(kind?: 'automatic' | 'manual' | 'before_restore'): Promise<string[]> {
    const rows = this.rows(kind);
    const names: string[] = [];
    for (let i = 0; i < (await rows.count()); i++) {
      names.push((await rows.nth(i).getAttribute('data-file')) ?? '');
    }
    return names;
  }

  /** Opens the confirmation for the backup `file`; returns the dialog. */
  async askToRestore(file: string): Promise<Locator> {
    await this.row(file)
      .getByRole('button', { name: /^Restore the backup of / })
      .click();
    await this.restoreDialog.waitFor();
    return this.restoreDialog;
  }

  async confirmRestore(): Promise<void> {
    await this.restoreDialog.getByRole('button', { name: 'Restore', exact: true }).click();
    await this.done.filter({ hasText: /^Restored the backup of / }).waitFor({ timeout: 60_000 });
  }
}
