/** The renderer's Content-Security-Policy: nothing remote; wasm for PGlite/Monaco; workers from the app. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webviewTag: false,
  spellcheck: false,
} as const;

/** Navigation away from the app page is never allowed (links open nowhere). */
export function isAllowedNavigation(target: string, appUrlPrefix: string): boolean {
  return target.startsWith(appUrlPrefix);
}
