// Page object for the app frame: navigation and the health indicator.
import type { Locator, Page } from 'playwright-core';

export class AppShell {
  constructor(readonly page: Page) {}

  get health(): Locator {
    return this.page.getByTestId('health-indicator');
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  navLink(title: string): Locator {
    return this.page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: title, exact: true });
  }

  async goTo(title: string): Promise<void> {
    await this.navLink(title).click();
    await this.heading.filter({ hasText: title }).waitFor();
  }

  async waitConnected(): Promise<void> {
    await this.page
      .locator(
        '[data-testid="health-indicator"][data-connection="open"]:not([data-status="unknown"])',
      )
      .waitFor();
  }
}
