import type { Page } from 'playwright-core';

/** The console command line and its file attachments. */
export class ConsolePage {
  constructor(readonly page: Page) {}

  async attach(name: string, content: string): Promise<void> {
    await this.page.getByTestId('console-file-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  }

  async run(line: string): Promise<string> {
    const before = await this.page.getByTestId('console-entry').count();
    await this.page.getByTestId('console-input').fill(line);
    await this.page.getByTestId('console-input').press('Enter');
    await this.page.getByTestId('console-entry').nth(before).waitFor({ timeout: 60_000 });
    return (await this.page.getByTestId('console-entry').nth(before).textContent()) ?? '';
  }

  /** The error output of the last line run, if it wrote any. */
  async lastError(): Promise<string | undefined> {
    const stderr = this.page.getByTestId('console-entry').last().getByTestId('console-stderr');
    return (await stderr.count()) > 0 ? ((await stderr.textContent()) ?? '') : undefined;
  }
}
