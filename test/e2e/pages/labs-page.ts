import type { Page } from 'playwright-core';

/** The lab runner: list, steps, editor, check feedback. */
export class LabsPage {
  constructor(readonly page: Page) {}

  async labCount(): Promise<number> {
    return this.page.getByTestId('lab-card').count();
  }

  async openFirstLab(): Promise<void> {
    await this.page.getByTestId('lab-card').first().click();
    await this.page.getByTestId('lab-detail').waitFor();
    await this.page.getByTestId('lab-editor').locator('.monaco-editor').waitFor();
  }

  async setSql(sql: string): Promise<void> {
    await this.page.getByTestId('lab-editor').locator('.view-lines').click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(sql);
  }

  async check(): Promise<{ passed: boolean; text: string }> {
    await this.page.getByTestId('lab-check').click();
    const fb = this.page.getByTestId('lab-feedback');
    await fb.waitFor({ timeout: 60_000 });
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="lab-check"]')?.hasAttribute('disabled'));
    return { passed: (await fb.getAttribute('class'))?.includes('pass') ?? false, text: (await fb.textContent()) ?? '' };
  }
}
