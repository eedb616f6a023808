/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Callbacks passed to page.evaluate run in the browser.
import type { Page } from 'playwright-core';

/** The SQL sandbox: the Monaco editor, run/cancel, results and error markers. */
export class SandboxPage {
  constructor(readonly page: Page) {}

  /** The sandbox's own elements (the lab runner has an editor and a result grid too). */
  private view() {
    return this.page.getByTestId('sandbox-view');
  }

  private editor() {
    return this.view().getByTestId('sql-editor');
  }

  async setSql(sql: string): Promise<void> {
    await this.editor().locator('.monaco-editor').waitFor();
    await this.editor().locator('.monaco-editor .view-lines').click({ position: { x: 40, y: 8 } });
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(sql);
  }

  async runAll(): Promise<void> {
    await this.page.getByTestId('run-all').click();
  }

  async runAndWait(sql: string, timeout = 60_000): Promise<void> {
    await this.setSql(sql);
    await this.runAll();
    await this.page.getByTestId('running').waitFor({ state: 'detached', timeout });
  }

  async errorMessage(): Promise<string | undefined> {
    const e = this.view().getByTestId('result-error-message');
    return (await e.count()) ? ((await e.textContent()) ?? '') : undefined;
  }

  /** Monaco's error underline, placed from the error's position. */
  async squiggles(): Promise<number> {
    return this.view().locator('.squiggly-error').count();
  }

  async rowCountText(): Promise<string> {
    return (await this.view().getByTestId('result-rowcount').textContent()) ?? '';
  }

  /** The statement's messages (NOTICE, INFO …) shown with its result. */
  async noticesText(): Promise<string> {
    const notices = this.view().getByTestId('result-notices');
    return (await notices.count()) ? ((await notices.textContent()) ?? '') : '';
  }

  /** Chooses who runs the queries: the cluster, or Athena with a Glue database. */
  async queryWith(engine: 'redshift' | 'athena', database?: string): Promise<void> {
    await this.view().getByTestId('query-engine').selectOption(engine);
    if (database !== undefined) await this.view().getByTestId('athena-database').fill(database);
  }

  async scanText(): Promise<string> {
    return (await this.view().getByTestId('result-scan').textContent()) ?? '';
  }

  async resultGridText(): Promise<string> {
    return (await this.view().getByTestId('result-grid').textContent()) ?? '';
  }

  async cancel(): Promise<void> {
    await this.page.getByTestId('cancel').click();
  }
}
