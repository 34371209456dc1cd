// Managing users as the owner: adding a staff user (weak password and taken email refused on their
// fields), changing the role, resetting the password, deactivating and reactivating — each checked in
// the database and by signing in as that person — searching the list, and a staff user kept off
// the page.
import bcrypt from 'bcryptjs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppShell } from './pages/AppShell';
import { screenshotPath } from './support/browser';
import { demoHost } from './support/demo-host';

const world = demoHost('users');
const EMAIL = 'casey.new@southern-lawn.example';
let page: Page;
/** The password Casey can sign in with now. */
let caseyPassword = '';

type StoredUser = {
  user_id: string;
  business_id: string;
  role: string;
  is_active: boolean;
  password_hash: string;
  first_name: string;
  last_name: string;
  version: number;
};
const stored = async (email = EMAIL) =>
  (await world.db.collection('users').findOne({ email })) as unknown as StoredUser | null;

const row = (email: string) => page.locator(`[data-testid="user-row"][data-email="${email}"]`);

/** Signs in as `email` in a fresh browser context (another person); the page shows the outcome. */
async function signInElsewhere(email: string, password: string): Promise<Page> {
  const context = await world.browser.newContext();
  const other = await context.newPage();
  const shell = new AppShell(other);
  await other.goto(world.running.host.url);
  await shell.waitConnected();
  await shell.signIn(email, password);
  return other;
}

async function rowAction(email: string, action: RegExp) {
  await row(email)
    .getByRole('button', { name: /^Actions for / })
    .click();
  await page.getByRole('menuitem', { name: action }).click();
}

beforeAll(async () => {
  page = await world.signedInPage('owner@southern-lawn.example');
});

describe('managing users', () => {
  it('adds a staff user — a weak password and a taken email refused on their fields — who can then sign in', async () => {
    const shell = new AppShell(page);
    await shell.goTo('Users');
    await row('owner@southern-lawn.example').waitFor();
    await row('dispatch@southern-lawn.example').waitFor();
    // The owner cannot deactivate themselves: the action is disabled and says why.
    await row('owner@southern-lawn.example')
      .getByRole('button', { name: /^Actions for / })
      .click();
    const deactivateSelf = page.getByRole('menuitem', { name: /Deactivate/ });
    await expect(deactivateSelf.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(deactivateSelf.textContent()).resolves.toContain('cannot');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await dialog.waitFor();
    await dialog.getByLabel(/^First name/).fill('Casey');
    await dialog.getByLabel(/^Last name/).fill('Newhire');
    await dialog.getByLabel(/^Email/).fill('dispatch@southern-lawn.example');
    // Staff is the default, and its line says what staff may not do.
    await expect(dialog.getByRole('radio', { name: /Staff/ }).isChecked()).resolves.toBe(true);
    await expect(
      dialog.getByText(/no business settings, reports or managing users/).count(),
    ).resolves.toBe(1);
    const password = dialog.getByLabel(/^First password/);
    await password.fill('lawnmowers');
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await dialog.getByText('Mix letters with digits or symbols.').waitFor();
    await password.fill('short1');
    await dialog.getByText('Use at least 10 characters.').waitFor();
    expect(await world.db.collection('users').countDocuments({ first_name: 'Casey' })).toBe(0);

    // A good password, but the email belongs to someone else: the core says so on the email field.
    await password.fill('green-grass-2026');
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await dialog.getByText('Another user already has this email.').waitFor();
    await page.screenshot({ path: screenshotPath('users-add-refused') });
    expect(await world.db.collection('users').countDocuments({ first_name: 'Casey' })).toBe(0);

    await dialog.getByLabel(/^Email/).fill(EMAIL);
    await dialog.getByRole('button', { name: 'Generate' }).click();
    const generated = await password.inputValue();
    expect(generated).toMatch(/^.{16}$/);
    await dialog.getByRole('button', { name: 'Add user' }).click();

    const handover = page.getByRole('dialog', { name: 'Casey Newhire can sign in now' });
    await handover.waitFor();
    caseyPassword = (await handover.getByTestId('shown-password').textContent()) ?? '';
    expect(caseyPassword).toBe(generated);
    await page.screenshot({ path: screenshotPath('users-generated-password') });
    await handover.getByRole('button', { name: 'Done' }).click();
    await row(EMAIL).waitFor();
    await expect(row(EMAIL).getByTestId('user-role').textContent()).resolves.toBe(
      'Staff (dispatcher)',
    );

    const casey = await stored();
    expect(casey).toMatchObject({
      business_id: await world.lawnId(),
      role: 'staff',
      is_active: true,
      first_name: 'Casey',
      last_name: 'Newhire',
    });
    expect(await bcrypt.compare(caseyPassword, casey?.password_hash ?? '')).toBe(true);

    const other = await signInElsewhere(EMAIL, caseyPassword);
    await expect
      .poll(() => other.getByTestId('signed-in-as').textContent())
      .toBe(`Casey Newhire · Southern Lawn Care Co`);
    await other.context().close();
  });

  it("changes the user's role to owner, saved in the database", async () => {
    await rowAction(EMAIL, /^Change role/);
    const dialog = page.getByRole('dialog', { name: 'Change the role of Casey Newhire' });
    await dialog.waitFor();
    // Only a system administrator may make administrators.
    await expect(dialog.getByRole('radio', { name: /Administrator/ }).isDisabled()).resolves.toBe(
      true,
    );
    await dialog.getByRole('radio', { name: /Owner/ }).check();
    await dialog.getByRole('button', { name: 'Save role' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await stored())?.role).toBe('owner');
    await expect.poll(() => row(EMAIL).getByTestId('user-role').textContent()).toBe('Owner');
  });

  it('resets the password: the new one is shown once and works, the old one no longer does', async () => {
    const before = (await stored())?.password_hash;
    await rowAction(EMAIL, /^Reset password/);
    const dialog = page.getByRole('dialog', { name: 'Reset the password of Casey Newhire' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Reset password' }).click();
    const shown = page.getByRole('dialog', { name: 'New password for Casey Newhire' });
    await shown.waitFor();
    const fresh = (await shown.getByTestId('shown-password').textContent()) ?? '';
    expect(fresh).not.toBe(caseyPassword);
    await shown.getByRole('button', { name: 'Done' }).click();

    await expect.poll(async () => (await stored())?.password_hash).not.toBe(before);
    expect(await bcrypt.compare(fresh, (await stored())?.password_hash ?? '')).toBe(true);

    const refused = await signInElsewhere(EMAIL, caseyPassword);
    await refused.getByText('The email or password is incorrect.').waitFor();
    await refused.context().close();
    caseyPassword = fresh;
    const other = await signInElsewhere(EMAIL, caseyPassword);
    await other.getByTestId('signed-in-as').waitFor();
    await other.context().close();
  });

  it('deactivates the user after a confirmation, refusing their sign-in, and reactivates them', async () => {
    await rowAction(EMAIL, /^Deactivate/);
    const confirm = page.getByRole('dialog', { name: 'Deactivate Casey Newhire?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await confirm.waitFor({ state: 'detached' });
    await expect.poll(async () => (await stored())?.is_active).toBe(false);
    // Hidden until "Show inactive" is on, then listed as inactive.
    await row(EMAIL).waitFor({ state: 'detached' });
    await page.getByLabel('Show inactive').check();
    await expect.poll(() => row(EMAIL).getByTestId('user-status').textContent()).toBe('Inactive');

    const refused = await signInElsewhere(EMAIL, caseyPassword);
    await refused.getByText(/This account has been deactivated/).waitFor();
    await refused.context().close();

    await rowAction(EMAIL, /^Reactivate/);
    const again = page.getByRole('dialog', { name: 'Reactivate Casey Newhire?' });
    await again.getByRole('button', { name: 'Reactivate' }).click();
    await expect.poll(async () => (await stored())?.is_active).toBe(true);
    await expect.poll(() => row(EMAIL).getByTestId('user-status').textContent()).toBe('Active');
    await page.screenshot({ path: screenshotPath('users-list') });
  });

  it('searches the users as you type, by name or email, and says when none match', async () => {
    const search = page.getByRole('textbox', { name: 'Search users' });
    const rows = page.locator('[data-testid="user-row"]');
    await search.fill('newhi');
    await expect.poll(() => rows.count()).toBe(1);
    await row(EMAIL).waitFor();

    await search.fill('DISPATCH@southern');
    await expect.poll(() => rows.count()).toBe(1);
    await row('dispatch@southern-lawn.example').waitFor();

    await search.fill('nobody-by-this-name');
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByText('No users match “nobody-by-this-name”').waitFor();

    await search.fill('');
    await row(EMAIL).waitFor();
    await row('owner@southern-lawn.example').waitFor();
  });

  it('keeps staff users out: no Users link, and the page says only owners and admins may', async () => {
    const staff = await world.signedInPage('dispatch@southern-lawn.example');
    const shell = new AppShell(staff);
    await shell.navLink('Dispatch board').waitFor();
    await expect(shell.navLink('Users').count()).resolves.toBe(0);
    await staff.goto(world.url('/users'));
    await staff.getByText('Only owners and admins can manage users').waitFor();
    await staff.screenshot({ path: screenshotPath('users-staff-refused') });
    await expect(staff.locator('[data-testid="user-row"]').count()).resolves.toBe(0);
    await expect(staff.getByRole('button', { name: 'Add user' }).count()).resolves.toBe(0);
    // Nothing about the users changed on the way.
    expect((await stored('dispatch@southern-lawn.example'))?.role).toBe('staff');
    await staff.context().close();
  });
});
