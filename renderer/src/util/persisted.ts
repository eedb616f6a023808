/** JSON in localStorage (the browser's and Electron's, both kept across restarts). */
export function loadPersisted<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(`warehouse-lab:${key}`);
    return raw === null ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}

export function savePersisted(key: string, value: unknown): void {
  try {
    localStorage.setItem(`warehouse-lab:${key}`, JSON.stringify(value));
  } catch {
    // storage full or disabled: the app keeps working without persistence
  }
}
