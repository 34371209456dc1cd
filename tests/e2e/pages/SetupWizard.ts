// Page object for the first-run wizard (renderer/src/features/setup/SetupWizard.tsx).
import type { Locator, Page } from 'playwright-core';

export interface OwnerDetails {
  first_name: string;
  last_name: string;
  email: string;
  password: string;
}

export interface BusinessDetails {
  name: string;
  phone: string;
  email: string;
  address: string;
}

export class SetupWizard {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('setup-wizard');
  }

  /** The current step's heading (an h2 under the wizard's title). */
  step(name: string): Locator {
    return this.root.getByRole('heading', { level: 2, name });
  }

  /** A field by its label; required fields' labels end in an asterisk. */
  field(label: string): Locator {
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return this.root.getByLabel(new RegExp(`^${escaped}(\\s*\\*)?$`));
  }

  button(name: string): Locator {
    return this.root.getByRole('button', { name, exact: true });
  }

  /** The message shown under a field (its helper text, an error once checked). */
  async messageOf(label: string): Promise<string> {
    const id = await this.field(label).getAttribute('aria-describedby');
    return id ? ((await this.page.locator(`#${id.split(' ')[0]}`).textContent()) ?? '') : '';
  }

  async waitFor(): Promise<void> {
    await this.page
      .getByRole('heading', { level: 1, name: 'Set up ServicePro Dispatch' })
      .waitFor();
  }

  async next(expected: string): Promise<void> {
    await this.button('Next').click();
    await this.step(expected).waitFor();
  }

  async back(expected: string): Promise<void> {
    await this.button('Back').click();
    await this.step(expected).waitFor();
  }

  async fillOwner(owner: OwnerDetails, confirm = owner.password): Promise<void> {
    await this.field('First name').fill(owner.first_name);
    await this.field('Last name').fill(owner.last_name);
    await this.field('Email').fill(owner.email);
    await this.field('Password').fill(owner.password);
    await this.field('Password again').fill(confirm);
  }

  async fillBusiness(business: BusinessDetails): Promise<void> {
    await this.field('Business name').fill(business.name);
    await this.field('Business phone').fill(business.phone);
    await this.field('Business email').fill(business.email);
    await this.field('Address').fill(business.address);
  }

  /** Picks a zone by typing part of it and taking the highlighted match with Enter. */
  async chooseTimeZone(typed: string, zone: string): Promise<void> {
    const input = this.root.getByRole('combobox', { name: /^Time zone/ });
    await input.fill(typed);
    await this.page.getByRole('option', { name: zone, exact: true }).waitFor();
    await input.press('Enter');
  }

  /** A weekday's opening ('from') or closing ('to') time, in the shared weekly hours editor. */
  timeField(day: string, which: 'from' | 'to'): Locator {
    return this.root.getByLabel(`${day}: ${which === 'from' ? 'Opens' : 'Closes'}`, {
      exact: true,
    });
  }

  /** "Copy Monday to Tuesday–Friday" on the hours step. */
  async copyMondayToWeekdays(): Promise<void> {
    await this.button('Copy Monday to Tuesday–Friday').click();
  }

  /** The open/closed switch of a weekday. */
  openOn(day: string): Locator {
    return this.root.getByLabel(`Open on ${day}`, { exact: true });
  }

  /**
   * Through every step on the database on this computer, without sample data: for tests that
   * need a signed-in owner made the way a user makes one.
   */
  async setUp(owner: OwnerDetails, business: BusinessDetails): Promise<void> {
    await this.waitFor();
    await this.button('Set up my business').click();
    await this.next('Your owner account');
    await this.fillOwner(owner);
    await this.next('Your business');
    await this.fillBusiness(business);
    await this.next('Opening hours');
    await this.next('Check and finish');
    await this.button('Create my business').click();
  }
}
