/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Callbacks passed to page.evaluate run in the browser.
import type { Page } from 'playwright-core';

/** The shell: start-up, navigation, language, user switcher, dialogs. */
export class AppPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string): Promise<void> {
    await this.page.goto(baseUrl);
    await this.waitReady();
  }

  async waitReady(timeout = 120_000): Promise<void> {
    await this.page.getByTestId('engine-ready').waitFor({ timeout });
  }

  /** A new workspace's first save to browser storage runs in the background; this waits for it. */
  async waitStored(timeout = 60_000): Promise<void> {
    await this.page.waitForFunction(() => performance.getEntriesByName('warehouse-lab:stored').length > 0, undefined, { timeout, polling: 100 });
  }

  async go(screen: 'labs' | 'sandbox' | 'console'): Promise<void> {
    await this.page.getByTestId(`nav-${screen}`).click();
  }

  async setLanguage(locale: 'ko' | 'en'): Promise<void> {
    await this.page.getByTestId('language-select').selectOption(locale);
  }

  async navText(screen: 'labs' | 'sandbox' | 'console'): Promise<string> {
    return (await this.page.getByTestId(`nav-${screen}`).textContent())?.trim() ?? '';
  }

  async runAs(user: string): Promise<void> {
    await this.page.getByTestId('user-select').selectOption(user);
  }

  async users(): Promise<string[]> {
    return this.page.getByTestId('user-select').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  }

  /** The "Run as" list loads after the lab list: wait (bounded) until it names `user`, then report it. */
  async waitForUser(user: string, timeout = 20_000): Promise<string[]> {
    await this.page
      .getByTestId('user-select')
      .locator(`option[value="${user}"]`)
      .waitFor({ state: 'attached', timeout })
      .catch(() => undefined);
    return this.users();
  }
}
