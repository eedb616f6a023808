/** Resolving a model name the way Redshift resolves object names: schema-qualified, or the search_path. */
import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { StatementContext } from '../../session/statement-handler';
import { asSecurityAdmin, queryAsUser } from '../security/catalog-access';

export interface ModelRow {
  schema: string;
  name: string;
  owner: string;
  state: string;
}

export async function userSchemas(context: StatementContext): Promise<string[]> {
  const rows = await queryAsUser(context, 'SELECT pg_catalog.current_schemas(false)::text[]');
  const value = rows[0]?.[0];
  return Array.isArray(value) ? value.map(String) : String(value ?? '').replace(/^\{|\}$/g, '').split(',').filter(Boolean);
}

export async function currentSchema(context: StatementContext): Promise<string> {
  const rows = await queryAsUser(context, 'SELECT pg_catalog.current_schema()::text');
  const schema = rows[0]?.[0];
  if (schema === null || schema === undefined) throw new SqlError('3F000', 'no schema has been selected to create in');
  return String(schema);
}

/** The model, or undefined when there is none by that name. */
export async function findModel(context: StatementContext, parts: string[]): Promise<ModelRow | undefined> {
  const name = parts[parts.length - 1]!;
  const schemas = parts.length === 2 ? [parts[0]!] : await userSchemas(context);
  const rows = await asSecurityAdmin(context, (q) =>
    q(
      `SELECT m.schema_name, m.model_name, m.owner_name, m.state FROM wl_sys.ml_models m
         JOIN pg_catalog.unnest($1::text[]) WITH ORDINALITY AS s(name, i) ON s.name = m.schema_name
        WHERE m.model_name = $2 ORDER BY s.i LIMIT 1`,
      [schemas, name],
    ),
  );
  const row = rows[0];
  return row ? { schema: String(row[0]), name: String(row[1]), owner: String(row[2]), state: String(row[3]) } : undefined;
}

export async function requireModel(context: StatementContext, parts: string[], at: number): Promise<ModelRow> {
  const model = await findModel(context, parts);
  if (!model) throw new SqlError(SQLSTATE.undefinedObject, `model "${parts.join('.')}" does not exist`, { position: at });
  return model;
}
