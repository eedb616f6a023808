/**
 * A focused JSON Schema (2020-12 subset) checker, driven by labs/schema/lab.schema.json: type,
 * required, properties, additionalProperties:false, items, minItems, minProperties, enum, const,
 * pattern, minLength, minimum, maximum, $ref to #/$defs, and oneOf. A oneOf whose branches all
 * pin `kind` (or a single required key) is treated as a tagged union, so a bad check reports
 * "unknown check kind" instead of one complaint per branch.
 */
export interface SchemaProblem {
  /** JSON pointer-like path in the document, e.g. `/steps/1/checks/0/kind`. */
  path: string;
  problem: string;
}

type Schema = { [key: string]: unknown };

export function checkAgainstSchema(value: unknown, root: Schema): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  walk(value, root, root, '', problems);
  return problems;
}

function resolve(schema: Schema, root: Schema): Schema {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  const parts = ref.replace(/^#\//, '').split('/');
  let node: unknown = root;
  for (const part of parts) node = (node as Schema)[part];
  if (!node) throw new Error(`schema reference ${ref} not found`);
  return resolve(node as Schema, root);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(actual: string, expected: string): boolean {
  return actual === expected || (expected === 'number' && actual === 'integer');
}

function walk(value: unknown, schemaIn: Schema, root: Schema, path: string, out: SchemaProblem[]): void {
  const schema = resolve(schemaIn, root);
  const at = path || '/';
  if (Array.isArray(schema['oneOf'])) {
    walkOneOf(value, schema['oneOf'] as Schema[], root, path, out);
    return;
  }
  if (schema['type'] !== undefined) {
    const types = Array.isArray(schema['type']) ? (schema['type'] as string[]) : [schema['type'] as string];
    const actual = typeOf(value);
    if (!types.some((t) => typeMatches(actual, t))) {
      out.push({ path: at, problem: `expected ${types.join(' or ')}, found ${actual}` });
      return;
    }
  }
  if (schema['const'] !== undefined && value !== schema['const']) out.push({ path: at, problem: `must be ${JSON.stringify(schema['const'])}` });
  if (Array.isArray(schema['enum']) && !(schema['enum'] as unknown[]).includes(value)) {
    out.push({ path: at, problem: `${JSON.stringify(value)} is not one of ${(schema['enum'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` });
  }
  if (typeof value === 'string') {
    if (typeof schema['minLength'] === 'number' && value.length < schema['minLength']) {
      out.push({ path: at, problem: value.length === 0 ? 'must not be empty' : `shorter than ${schema['minLength']} characters` });
    }
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) {
      out.push({ path: at, problem: `${JSON.stringify(value)} does not match ${schema['pattern']}` });
    }
  }
  if (typeof value === 'number') {
    if (typeof schema['minimum'] === 'number' && value < schema['minimum']) out.push({ path: at, problem: `must be ≥ ${schema['minimum']}` });
    if (typeof schema['maximum'] === 'number' && value > schema['maximum']) out.push({ path: at, problem: `must be ≤ ${schema['maximum']}` });
  }
  if (Array.isArray(value)) {
    if (typeof schema['minItems'] === 'number' && value.length < schema['minItems']) {
      out.push({ path: at, problem: value.length === 0 ? 'must not be empty' : `needs at least ${schema['minItems']} items` });
    }
    if (schema['items']) value.forEach((item, i) => walk(item, schema['items'] as Schema, root, `${path}/${i}`, out));
  }
  if (typeOf(value) === 'object') walkObject(value as Record<string, unknown>, schema, root, path, out);
}

function walkObject(value: Record<string, unknown>, schema: Schema, root: Schema, path: string, out: SchemaProblem[]): void {
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
  for (const key of (schema['required'] ?? []) as string[]) {
    if (value[key] === undefined) out.push({ path: `${path}/${key}`, problem: 'missing' });
  }
  if (typeof schema['minProperties'] === 'number' && Object.keys(value).length < schema['minProperties']) {
    out.push({ path: path || '/', problem: `needs one of ${Object.keys(properties).join(', ')}` });
  }
  for (const [key, item] of Object.entries(value)) {
    if (properties[key]) walk(item, properties[key]!, root, `${path}/${key}`, out);
    else if (schema['additionalProperties'] === false) out.push({ path: `${path}/${key}`, problem: 'unknown property' });
  }
}

/** The value that tells the branches of a tagged union apart: `kind`'s const, or the only required key. */
function tagOf(branch: Schema, root: Schema): { key: string; value?: unknown } | undefined {
  const b = resolve(branch, root);
  const kind = (b['properties'] as Record<string, Schema> | undefined)?.['kind'];
  if (kind && kind['const'] !== undefined) return { key: 'kind', value: kind['const'] };
  const required = b['required'] as string[] | undefined;
  if (required?.length === 1) return { key: required[0]! };
  return undefined;
}

function walkOneOf(value: unknown, branches: Schema[], root: Schema, path: string, out: SchemaProblem[]): void {
  const tags = branches.map((b) => tagOf(b, root));
  if (tags.every((t) => t !== undefined) && typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const byKind = tags.every((t) => t!.key === 'kind');
    const index = byKind ? tags.findIndex((t) => t!.value === object['kind']) : tags.findIndex((t) => object[t!.key] !== undefined);
    if (index === -1) {
      const names = tags.map((t) => (byKind ? JSON.stringify(t!.value) : t!.key)).join(', ');
      out.push(
        byKind
          ? { path: `${path}/kind`, problem: `unknown check kind ${JSON.stringify(object['kind'])} (expected one of ${names})` }
          : { path: path || '/', problem: `needs one of the keys ${names}` },
      );
      return;
    }
    walk(value, branches[index]!, root, path, out);
    return;
  }
  const results = branches.map((b) => {
    const problems: SchemaProblem[] = [];
    walk(value, b, root, path, problems);
    return problems;
  });
  if (results.some((r) => r.length === 0)) return;
  out.push(...results.sort((a, b) => a.length - b.length)[0]!);
}
