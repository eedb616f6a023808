// Vite's `import.meta.glob` (only the web worker entry uses it; Vite rewrites it at build time).
interface ImportMeta {
  glob<T = unknown>(pattern: string): Record<string, () => Promise<T>>;
}

/** Vite's `?url` imports: the built asset's URL. */
declare module '*?url' {
  const url: string;
  export default url;
}
