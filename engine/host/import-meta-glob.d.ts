// Vite's `import.meta.glob` (only the web worker entry uses it; Vite rewrites it at build time).
interface ImportMeta {
  glob<T = unknown>(pattern: string): Record<string, () => Promise<T>>;
}
