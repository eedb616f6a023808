import type { Page } from 'playwright-core';

export type PanelTab = 's3' | 'iam' | 'glue' | 'cluster' | 'snapshots' | 'serverless' | 'models' | 'maintenance';

/** The AWS-console panels of the console screen: tabs, the panels' forms and tables. */
export class PanelsPage {
  constructor(readonly page: Page) {}

  async open(tab: PanelTab): Promise<void> {
    await this.page.getByTestId('nav-console').click();
    await this.page.getByTestId(`panel-tab-${tab}`).click();
    await this.page.getByTestId(`panel-${tab}`).waitFor({ timeout: 30_000 });
  }

  testId(id: string) {
    return this.page.getByTestId(id);
  }

  async waitFor(id: string, timeout = 30_000): Promise<void> {
    await this.page.getByTestId(id).first().waitFor({ timeout });
  }

  /** The error box of the visible panel (AWS's message), if any. */
  async errorText(): Promise<string> {
    const e = this.page.getByTestId('panel-error');
    return (await e.count()) ? ((await e.first().textContent()) ?? '') : '';
  }

  // ---- S3 ----
  async createBucket(name: string): Promise<void> {
    await this.testId('s3-new-bucket').fill(name);
    await this.testId('s3-create-bucket').click();
    await this.waitFor(`s3-bucket-${name}`);
  }

  async openBucket(name: string): Promise<void> {
    await this.testId(`s3-bucket-${name}`).click();
    await this.waitFor('s3-objects');
  }

  async upload(name: string, content: string | Buffer): Promise<void> {
    await this.testId('s3-file-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
  }

  /**
   * Several files at once, as when they are dropped or picked together. Waits for their rows:
   * until then the progress box may still show an earlier upload as finished, and
   * waitUploadFinished would return at once.
   */
  async uploadMany(files: { name: string; content: string }[]): Promise<void> {
    await this.testId('s3-file-input').setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: Buffer.from(f.content) })));
    for (const f of files) await this.waitFor(`s3-upload-row-${f.name}`);
  }

  /** Waits until every file of the upload has finished (succeeded or failed). */
  async waitUploadFinished(timeout = 60_000): Promise<void> {
    await this.page.locator('[data-testid="s3-upload-progress"][data-state="finished"]').waitFor({ timeout });
  }

  // ---- IAM ----
  async createRole(name: string): Promise<void> {
    await this.testId('iam-role-name').fill(name);
    await this.testId('iam-create-role').click();
    await this.waitFor(`iam-role-${name}`);
  }

  async attachPolicy(policyArn: string): Promise<void> {
    await this.testId('iam-policy-select').selectOption(policyArn);
    await this.testId('iam-attach-policy').click();
    await this.waitFor(`iam-attached-${policyArn.slice(policyArn.lastIndexOf('/') + 1)}`);
  }

  // ---- cluster ----
  async clusterStatus(): Promise<string> {
    return (await this.testId('cluster-status').getAttribute('data-status')) ?? '';
  }

  async waitClusterStatus(status: string, timeout = 30_000): Promise<void> {
    await this.page.locator(`[data-testid="cluster-status"][data-status="${status}"]`).waitFor({ timeout });
  }
}
