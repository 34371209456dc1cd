// Page object for the app frame: navigation and the health indicator.
import type { Locator, Page } from 'playwright-core';
import { OWNER_FORM as OWNER } from '../../support/fixtures';

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

  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Opens the app at `url` and signs in, as the seeded owner unless told whom. */
  async openSignedIn(
    url: string,
    as: { email: string; password: string } = OWNER.owner,
  ): Promise<void> {
    await this.page.goto(url);
    await this.waitConnected();
    await this.signIn(as.email, as.password);
    await this.page.getByTestId('signed-in-as').waitFor();
  }

  /** The socket to the app is open (what signing in needs; the health checks may still run). */
  async waitConnected(): Promise<void> {
    await this.page.locator('[data-testid="health-indicator"][data-connection="open"]').waitFor();
  }
}
