import { host } from './host';

// The engine host (a Web Worker in the browser) starts before the app's code is even loaded: its
// start-up (worker code, PGlite, the workspace) is the longer path to an interactive app. Measured:
// the worker started ~590 ms after navigation when created after the app's imports.
host();
void import('./start-app').then(({ startApp }) => startApp());
