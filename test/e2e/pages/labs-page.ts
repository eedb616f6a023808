/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Callbacks passed to page.evaluate run in the browser.
import type { Page } from 'playwright-core';

/** The lab runner: list, steps, editor, check feedback. */
export class LabsPage {
  constructor(readonly page: Page) {}

  async waitLoaded(): Promise<void> {
    await this.page.locator('[data-testid="lab-list"][data-loaded="true"]').waitFor({ timeout: 60_000 });
  }

  async labCount(): Promise<number> {
    await this.waitLoaded();
    return this.page.getByTestId('lab-card').count();
  }

  async openFirstLab(): Promise<void> {
    await this.page.getByTestId('lab-card').first().click();
    await this.page.getByTestId('lab-detail').waitFor();
    await this.page.getByTestId('lab-editor').locator('.monaco-editor').waitFor();
  }

  /** Opens a lab from the list (closing the open one first) and resets it to its starting state. */
  async openFresh(labId: string): Promise<void> {
    if (await this.page.getByTestId('lab-detail').isVisible()) await this.page.getByTestId('lab-back').click();
    await this.waitLoaded();
    await this.page.locator(`[data-testid="lab-card"][data-lab-id="${labId}"]`).click();
    await this.page.getByTestId('lab-detail').waitFor();
    this.page.once('dialog', (d) => void d.accept());
    await this.page.getByTestId('reset-lab').click();
    await this.page.getByTestId('lab-editor').locator('.monaco-editor').waitFor();
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="lab-check"]')?.hasAttribute('disabled'), undefined, { timeout: 60_000 });
  }

  async completedSteps(): Promise<number> {
    return this.page.locator('[data-testid="lab-step"].done').count();
  }

  async setSql(sql: string): Promise<void> {
    await this.page.getByTestId('lab-editor').locator('.monaco-editor .view-lines').click({ position: { x: 40, y: 8 } });
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(sql);
  }

  async editorText(): Promise<string> {
    return this.page.evaluate(() => [...document.querySelectorAll('[data-testid="lab-editor"] .view-line')].map((l) => l.textContent ?? '').join('\n'));
  }

  /** Runs the editor's SQL (the check then examines the workspace). */
  async run(): Promise<void> {
    await this.page.getByTestId('lab-run').click();
    await this.page.getByTestId('results-panel').locator('[data-testid="result-rowcount"], [data-testid="result-error"]').first().waitFor({ timeout: 60_000 });
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="lab-run"]')?.hasAttribute('disabled'));
  }

  async check(): Promise<{ passed: boolean; text: string }> {
    await this.page.getByTestId('lab-check').click();
    const fb = this.page.getByTestId('lab-feedback');
    await fb.waitFor({ timeout: 60_000 });
    await this.page.waitForFunction(() => !document.querySelector('[data-testid="lab-check"]')?.hasAttribute('disabled'));
    return { passed: (await fb.getAttribute('class'))?.includes('pass') ?? false, text: (await fb.textContent()) ?? '' };
  }
}
