/// <reference lib="webworker" />
/**
 * What the browser host fetches the moment its worker starts, before PGlite's and the engine's code
 * has arrived: PGlite's WASM and file bundle and the seeded workspace template. Measured in Chromium
 * on a first visit: the engine's code took 0.4–1.2 s to arrive and evaluate while the page loaded the
 * app; started after it, the WASM compile and the template download waited that long.
 */
import type { PgliteOpenOptions } from '../backend/pglite-backend';
import pgliteWasmUrl from '@electric-sql/pglite/pglite.wasm?url';
import pgliteDataUrl from '@electric-sql/pglite/pglite.data?url';

export type PgliteAssets = Pick<PgliteOpenOptions, 'pgliteWasmModule' | 'fsBundle'>;

const templateUrl = new URL('../../dist/template/seeded.tar.gz', import.meta.url);

/** PGlite's WASM (9 MB) is compiled as it downloads, alongside the file bundle (6 MB). */
function prefetchPgliteAssets(): Promise<PgliteAssets> {
  const fsBundle = fetch(pgliteDataUrl).then((r) => r.blob());
  const pgliteWasmModule = WebAssembly.compileStreaming(fetch(pgliteWasmUrl));
  return Promise.all([pgliteWasmModule, fsBundle]).then(
    ([m, b]) => ({ pgliteWasmModule: m, fsBundle: b }),
    () => ({}), // PGlite fetches them itself then, and reports what failed
  );
}
const pgliteAssets = prefetchPgliteAssets();

/** The seeded template, downloaded gzipped (a quarter of the bytes) and inflated as it arrives. */
async function fetchTemplate(signal?: AbortSignal): Promise<Blob> {
  const response = await fetch(templateUrl, signal ? { signal } : {});
  if (!response.ok || !response.body) throw new Error(`cannot load the workspace template (${response.status})`);
  // A server that sends it with Content-Encoding: gzip has had the browser inflate it already.
  if (response.headers.get('Content-Encoding') === 'gzip') return response.blob();
  return new Response(response.body.pipeThrough(new DecompressionStream('gzip'))).blob();
}

/**
 * The download starts with the worker, before IndexedDB says whether this is a first visit (it
 * overlaps with opening storage and compiling PGlite); a reopen cancels it.
 */
const speculation = new AbortController();
let speculativeTemplate: Promise<Blob> | undefined = fetchTemplate(speculation.signal);
speculativeTemplate.catch(() => undefined);

function takeTemplate(): Promise<Blob> {
  const template = speculativeTemplate ?? fetchTemplate();
  speculativeTemplate = undefined;
  return template;
}

function dropSpeculativeTemplate(): void {
  if (speculativeTemplate) speculation.abort();
  speculativeTemplate = undefined;
}

/** The downloads in flight, handed to the engine once its code has loaded. */
export interface WebAssets {
  pglite: Promise<PgliteAssets>;
  /** The seeded template (the speculative download when there is one). */
  takeTemplate(): Promise<Blob>;
  /** A reopen: the speculative template download is not needed. */
  dropSpeculativeTemplate(): void;
}

export const webAssets: WebAssets = { pglite: pgliteAssets, takeTemplate, dropSpeculativeTemplate };
