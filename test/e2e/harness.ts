import type { BrowserContext, Page } from 'playwright-core';

export interface E2eContext {
  page: Page;
  context: BrowserContext;
  baseUrl: string;
  /** Saves test-output/screenshots/<name>.png. */
  screenshot(name: string): Promise<void>;
}

export interface E2eTest {
  name: string;
  run(ctx: E2eContext): Promise<void>;
}

/** Tests in registration order: they share one browser profile, like one student's machine. */
export const e2eTests: E2eTest[] = [];

export function e2e(name: string, run: (ctx: E2eContext) => Promise<void>): void {
  e2eTests.push({ name, run });
}

export function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`expectation failed: ${message}`);
}
