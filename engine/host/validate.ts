/**
 * Tiny runtime validators for the host contract: every payload that crosses a process or worker
 * boundary is checked before a handler sees it. A validator returns the problem or undefined.
 */
export type Validator = (value: unknown, path: string) => string | undefined;

export const str =
  (opts: { max?: number; nonEmpty?: boolean } = {}): Validator =>
  (v, path) => {
    if (typeof v !== 'string') return `${path} must be a string`;
    if (opts.nonEmpty && v.length === 0) return `${path} must not be empty`;
    if (opts.max !== undefined && v.length > opts.max) return `${path} is longer than ${opts.max} characters`;
    return undefined;
  };

export const int =
  (min: number, max: number): Validator =>
  (v, path) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? undefined : `${path} must be an integer in ${min}..${max}`;

export const bool: Validator = (v, path) => (typeof v === 'boolean' ? undefined : `${path} must be true or false`);

export const bytes =
  (max: number): Validator =>
  (v, path) =>
    v instanceof Uint8Array ? (v.byteLength <= max ? undefined : `${path} is larger than ${max} bytes`) : `${path} must be bytes`;

export const optional =
  (inner: Validator): Validator =>
  (v, path) =>
    v === undefined ? undefined : inner(v, path);

export const arrayOf =
  (inner: Validator, maxItems: number): Validator =>
  (v, path) => {
    if (!Array.isArray(v)) return `${path} must be a list`;
    if (v.length > maxItems) return `${path} has more than ${maxItems} items`;
    for (let i = 0; i < v.length; i++) {
      const problem = inner(v[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };

/** An object with exactly these keys (unknown keys are refused: nothing unexpected gets through). */
export const object =
  (shape: Record<string, Validator>): Validator =>
  (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${path} must be an object`;
    for (const key of Object.keys(v)) if (!(key in shape)) return `${path}.${key} is not allowed`;
    for (const [key, check] of Object.entries(shape)) {
      const problem = check((v as Record<string, unknown>)[key], `${path}.${key}`);
      if (problem) return problem;
    }
    return undefined;
  };
