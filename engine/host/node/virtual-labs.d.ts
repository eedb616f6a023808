declare module 'virtual:labs' {
  /** engine/labs (the runtime) and labs/bundle.json (the content), or undefined when absent. */
  export const runtime: unknown;
  export const bundle: unknown;
}
