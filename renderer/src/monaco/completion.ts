import type { CatalogSnapshot, CatalogTable } from '../../../engine/host/contract';

export const SQL_KEYWORDS = [
  'SELECT', 'FROM', 'WHERE', 'GROUP BY', 'ORDER BY', 'HAVING', 'LIMIT', 'JOIN', 'LEFT JOIN', 'INNER JOIN', 'ON', 'AS', 'AND', 'OR', 'NOT',
  'INSERT INTO', 'VALUES', 'UPDATE', 'SET', 'DELETE FROM', 'CREATE TABLE', 'CREATE SCHEMA', 'CREATE USER', 'CREATE GROUP', 'CREATE ROLE',
  'CREATE EXTERNAL SCHEMA', 'CREATE EXTERNAL TABLE', 'CREATE MODEL', 'DROP TABLE', 'ALTER TABLE', 'ALTER USER', 'GRANT', 'REVOKE',
  'COPY', 'UNLOAD', 'IAM_ROLE', 'FORMAT AS', 'CSV', 'IGNOREHEADER', 'DELIMITER', 'WITH', 'UNION ALL', 'DISTINCT', 'CASE', 'WHEN', 'THEN',
  'ELSE', 'END', 'IS NULL', 'IS NOT NULL', 'BETWEEN', 'LIKE', 'IN', 'EXISTS', 'DISTKEY', 'SORTKEY', 'DISTSTYLE', 'ENCODE', 'BEGIN', 'COMMIT', 'ROLLBACK',
];

export interface Suggestion {
  label: string;
  kind: 'keyword' | 'function' | 'schema' | 'table' | 'column' | 'alias' | 'model';
  detail?: string;
}

/** Aliases and bare table names the statement refers to: `FROM raw_data.channel c` → c → table. */
export function tableReferences(sql: string, catalog: CatalogSnapshot): Map<string, CatalogTable> {
  const refs = new Map<string, CatalogTable>();
  const re = /\b(?:from|join|update|into)\s+("?[\w$]+"?(?:\."?[\w$]+"?)?)(?:\s+(?:as\s+)?("?[\w$]+"?))?/gi;
  const reserved = new Set(['where', 'join', 'left', 'right', 'inner', 'outer', 'full', 'cross', 'on', 'group', 'order', 'limit', 'union', 'set', 'values', 'using', 'natural']);
  for (const m of sql.matchAll(re)) {
    const name = m[1]!.replace(/"/g, '').toLowerCase();
    const [schema, table] = name.includes('.') ? name.split('.') : [undefined, name];
    const found = catalog.tables.find((t) => t.name === table && (schema === undefined || t.schema === schema));
    if (!found) continue;
    refs.set(found.name, found);
    const alias = m[2]?.replace(/"/g, '').toLowerCase();
    if (alias && !reserved.has(alias)) refs.set(alias, found);
  }
  return refs;
}

/** What to offer at the cursor: after `x.` the members of x, else everything in scope. */
export function suggestionsAt(sql: string, textBeforeCursor: string, catalog: CatalogSnapshot): Suggestion[] {
  const qualifier = /("?[\w$]+"?)\.\w*$/.exec(textBeforeCursor)?.[1]?.replace(/"/g, '').toLowerCase();
  const refs = tableReferences(sql, catalog);
  if (qualifier) {
    const table = refs.get(qualifier);
    if (table) return table.columns.map((c) => ({ label: c.name, kind: 'column', detail: c.type }));
    if (catalog.schemas.includes(qualifier) || catalog.externalSchemas.includes(qualifier)) {
      const tables: Suggestion[] = catalog.tables.filter((t) => t.schema === qualifier).map((t) => ({ label: t.name, kind: 'table', detail: t.kind }));
      const models: Suggestion[] = catalog.models.filter((m) => m.startsWith(`${qualifier}.`)).map((m) => ({ label: m.slice(qualifier.length + 1), kind: 'model' }));
      return [...tables, ...models];
    }
    return [];
  }
  const out: Suggestion[] = [];
  for (const [alias, table] of refs) {
    if (alias !== table.name) out.push({ label: alias, kind: 'alias', detail: `${table.schema}.${table.name}` });
    for (const c of table.columns) out.push({ label: c.name, kind: 'column', detail: `${table.name}.${c.name} ${c.type}` });
  }
  for (const s of new Set([...catalog.schemas, ...catalog.externalSchemas])) out.push({ label: s, kind: 'schema' });
  for (const t of catalog.tables) out.push({ label: t.name, kind: 'table', detail: t.schema });
  for (const f of catalog.functions) out.push({ label: f, kind: 'function' });
  for (const k of SQL_KEYWORDS) out.push({ label: k, kind: 'keyword' });
  return out;
}
