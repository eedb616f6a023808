import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { StatementContext, StatementHandler } from '../../session/statement-handler';
import { quoteIdent } from '../../sql/quote';
import { keyword } from '../../sql/tokenizer';
import { asSecurityAdmin, queryAsUser, type Query } from './catalog-access';
import { granteeSql, isSuperuser, validateGrantees, type Grantee } from './principals';
import { parsePrivilegeStatement, type PrivilegeItem, type PrivilegeStatement } from './privilege-grammar';
import { WordCursor } from './word-cursor';

/** Redshift's table privileges. ALL = all of them; DROP has no PostgreSQL counterpart (emulated). */
const TABLE_PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REFERENCES'];
const SCHEMA_PRIVILEGES = ['CREATE', 'USAGE'];

interface Relation {
  oid: number;
  sql: string;
  display: string;
  owner: string;
}

async function resolveRelations(context: StatementContext, statement: PrivilegeStatement): Promise<Relation[]> {
  const object = statement.object;
  const rows: unknown[][] = [];
  if (object.kind === 'table') {
    for (const name of object.names) {
      const found = await queryAsUser(context, `SELECT c.oid::int FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass($1) AND c.relkind IN ('r','p','v','m','f')`, [name.text]);
      if (!found.length) throw new SqlError(SQLSTATE.undefinedTable, `relation "${name.text}" does not exist`, { position: name.at });
      rows.push([found[0]![0], name.parts[name.parts.length - 1]]);
    }
  } else if (object.kind === 'all-tables') {
    for (const schema of object.schemas) {
      await requireSchema(context, schema);
      const found = await queryAsUser(
        context,
        `SELECT c.oid::int, c.relname::text FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = $1 AND c.relkind IN ('r','p','v','m','f') ORDER BY c.relname`,
        [schema.name],
      );
      rows.push(...found);
    }
  }
  const relations: Relation[] = [];
  for (const [oid, display] of rows) {
    const info = await asSecurityAdmin(context, (q) =>
      q('SELECT $1::oid::regclass::text, pg_catalog.pg_get_userbyid(relowner)::text FROM pg_catalog.pg_class WHERE oid = $1', [oid]),
    );
    relations.push({ oid: Number(oid), sql: String(info[0]![0]), display: String(display), owner: String(info[0]![1]) });
  }
  return relations;
}

async function requireSchema(context: StatementContext, schema: { name: string; at: number }): Promise<void> {
  const found = await queryAsUser(context, 'SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [schema.name]);
  if (!found.length) throw new SqlError('3F000', `schema "${schema.name}" does not exist`, { position: schema.at });
}

function expandPrivileges(items: PrivilegeItem[], allowed: string[], at: number): { table: string[]; drop: boolean; columns: Map<string, string[]> } {
  const table = new Set<string>();
  const columns = new Map<string, string[]>();
  let drop = false;
  for (const item of items) {
    if (item.columns) {
      const names = item.name === 'ALL' ? ['SELECT', 'UPDATE'] : [item.name];
      for (const n of names) columns.set(n, [...(columns.get(n) ?? []), ...item.columns]);
      continue;
    }
    if (item.name === 'ALL') {
      allowed.forEach((p) => table.add(p));
      if (allowed === TABLE_PRIVILEGES) drop = true;
    } else if (item.name === 'DROP' && allowed === TABLE_PRIVILEGES) drop = true;
    else if (allowed.includes(item.name)) table.add(item.name);
    else throw new SqlError(SQLSTATE.syntaxError, `invalid privilege type ${item.name} for ${allowed === TABLE_PRIVILEGES ? 'relation' : 'schema'}`, { position: item.at ?? at });
  }
  return { table: [...table], drop, columns };
}

/** Grantees' role OIDs (0 = PUBLIC) for ACL look-ups. */
async function granteeOid(q: Query, g: Grantee): Promise<number> {
  if (g.kind === 'public') return 0;
  return Number((await q('SELECT oid::int FROM pg_catalog.pg_roles WHERE rolname = $1', [g.name]))[0]![0]);
}

/** Column-level and table-level grants of the same privilege can't coexist (Redshift's rule). */
async function checkLevelClash(q: Query, statement: PrivilegeStatement, rel: Relation, g: Grantee, table: string[], columns: Map<string, string[]>): Promise<Set<string>> {
  const oid = await granteeOid(q, g);
  const heldAtTable = new Set(
    (await q('SELECT a.privilege_type FROM pg_catalog.pg_class c, pg_catalog.aclexplode(c.relacl) a WHERE c.oid = $1 AND a.grantee = $2', [rel.oid, oid])).map((r) => String(r[0])),
  );
  const heldAtColumn = new Set(
    (await q('SELECT DISTINCT a.privilege_type FROM pg_catalog.pg_attribute t, pg_catalog.aclexplode(t.attacl) a WHERE t.attrelid = $1 AND a.grantee = $2', [rel.oid, oid])).map((r) => String(r[0])),
  );
  const who = g.kind === 'public' ? 'PUBLIC' : `"${g.name}"`;
  if (statement.grant) {
    for (const p of table) {
      if (heldAtColumn.has(p)) {
        throw new SqlError('0LP01', `cannot grant table-level ${p} on relation "${rel.display}" to ${who}: ${who} already holds column-level ${p}; revoke it first`);
      }
    }
  } else {
    for (const p of columns.keys()) {
      if (heldAtTable.has(p)) {
        throw new SqlError('0LP01', `cannot revoke column-level ${p} on relation "${rel.display}" from ${who}: it is granted at table level`);
      }
    }
  }
  return heldAtTable;
}

/** Owners, superusers and holders WITH GRANT OPTION may grant; column grants: owners and superusers only. */
async function checkGrantor(q: Query, me: string, rel: Relation, table: string[], drop: boolean, columns: Map<string, string[]>): Promise<void> {
  const owner = await q('SELECT pg_catalog.pg_has_role($1, relowner, \'USAGE\') FROM pg_catalog.pg_class WHERE oid = $2', [me, rel.oid]);
  if (owner[0]?.[0] === true) return;
  const denied = () => new SqlError(SQLSTATE.insufficientPrivilege, `permission denied for relation ${rel.display}`);
  if (drop || columns.size) throw denied();
  for (const p of table) {
    const ok = await q('SELECT pg_catalog.has_table_privilege($1, $2::oid, $3)', [me, rel.oid, `${p} WITH GRANT OPTION`]);
    if (ok[0]?.[0] !== true) throw denied();
  }
}

async function runTablePrivileges(context: StatementContext, statement: PrivilegeStatement): Promise<void> {
  const { table, drop, columns } = expandPrivileges(statement.privileges, TABLE_PRIVILEGES, 1);
  const relations = await resolveRelations(context, statement);
  await asSecurityAdmin(context, async (q) => {
    await validateGrantees(q, statement.grantees);
    const me = context.session.currentUser;
    const superuser = await isSuperuser(q, me);
    await context.atomic(async () => {
      for (const rel of relations) {
        if (!superuser) await checkGrantor(q, me, rel, table, drop, columns);
        for (const g of statement.grantees) {
          const heldAtTable = await checkLevelClash(q, statement, rel, g, table, columns);
          const verb = statement.grant ? 'GRANT' : `REVOKE${statement.grantOptionFor ? ' GRANT OPTION FOR' : ''}`;
          const prep = statement.grant ? 'TO' : 'FROM';
          const tail = statement.grant ? (g.grantOption ? ' WITH GRANT OPTION' : '') : statement.cascade ? ' CASCADE' : '';
          if (table.length) await q(`${verb} ${table.join(', ')} ON ${rel.sql} ${prep} ${granteeSql(g)}${tail}`);
          // Column grants of a privilege already held on the whole table have no effect.
          const columnList = [...columns].filter(([p]) => !statement.grant || !heldAtTable.has(p));
          if (columnList.length) {
            const list = columnList.map(([p, cols]) => `${p} (${cols.map(quoteIdent).join(', ')})`).join(', ');
            await q(`${statement.grant ? 'GRANT' : 'REVOKE'} ${list} ON ${rel.sql} ${prep} ${granteeSql(g)}`);
          }
          if (drop && statement.grant) {
            await q('INSERT INTO wl_sys.drop_grants (relid, grantee, grantor) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [rel.oid, g.kind === 'public' ? 'PUBLIC' : g.name, me]);
          } else if (drop) {
            await q('DELETE FROM wl_sys.drop_grants WHERE relid = $1 AND grantee = $2', [rel.oid, g.kind === 'public' ? 'PUBLIC' : g.name]);
          }
        }
      }
    });
  });
}

async function runSchemaPrivileges(context: StatementContext, statement: PrivilegeStatement): Promise<void> {
  if (statement.object.kind !== 'schema') return;
  const { table: privileges } = expandPrivileges(statement.privileges, SCHEMA_PRIVILEGES, 1);
  for (const s of statement.object.schemas) await requireSchema(context, s);
  await asSecurityAdmin(context, async (q) => {
    await validateGrantees(q, statement.grantees);
    const me = context.session.currentUser;
    const superuser = await isSuperuser(q, me);
    if (statement.object.kind !== 'schema') return;
    await context.atomic(async () => {
      for (const s of (statement.object as { schemas: Array<{ name: string; at: number }> }).schemas) {
        if (!superuser) {
          for (const p of privileges) {
            const ok = await q('SELECT pg_catalog.has_schema_privilege($1, $2, $3)', [me, s.name, `${p} WITH GRANT OPTION`]);
            if (ok[0]?.[0] !== true) throw new SqlError(SQLSTATE.insufficientPrivilege, `permission denied for schema ${s.name}`, { position: s.at });
          }
        }
        for (const g of statement.grantees) {
          const verb = statement.grant ? 'GRANT' : `REVOKE${statement.grantOptionFor ? ' GRANT OPTION FOR' : ''}`;
          const tail = statement.grant ? (g.grantOption ? ' WITH GRANT OPTION' : '') : statement.cascade ? ' CASCADE' : '';
          await q(`${verb} ${privileges.join(', ')} ON SCHEMA ${quoteIdent(s.name)} ${statement.grant ? 'TO' : 'FROM'} ${granteeSql(g)}${tail}`);
        }
      }
    });
  });
}

async function runOtherPrivileges(context: StatementContext, statement: PrivilegeStatement): Promise<void> {
  if (statement.object.kind !== 'other') return;
  await asSecurityAdmin(context, (q) => validateGrantees(q, statement.grantees));
  const privileges = statement.privileges.map((p) => (p.name === 'ALL' ? 'ALL' : p.name)).join(', ');
  for (const g of statement.grantees) {
    const verb = statement.grant ? 'GRANT' : `REVOKE${statement.grantOptionFor ? ' GRANT OPTION FOR' : ''}`;
    const tail = statement.grant ? (g.grantOption ? ' WITH GRANT OPTION' : '') : statement.cascade ? ' CASCADE' : '';
    await context.runAsUser(`${verb} ${privileges} ON ${statement.object.text} ${statement.grant ? 'TO' : 'FROM'} ${granteeSql(g)}${tail}`);
  }
}

const objectPrivileges: StatementHandler = {
  name: 'grant-revoke-privileges',
  matches: (s) => ['GRANT', 'REVOKE'].includes(keyword(s.words[0])),
  async run(context) {
    const statement = parsePrivilegeStatement(new WordCursor(context.statement));
    for (const g of statement.grantees) {
      if (g.grantOption && g.kind !== 'user') {
        throw new SqlError('0LP01', 'GRANT OPTION cannot be granted to a group, a role or PUBLIC', { position: g.at });
      }
      if (g.grantOption && statement.privileges.some((p) => p.columns)) {
        throw new SqlError('0LP01', 'GRANT OPTION cannot be granted for column-level privileges', { position: g.at });
      }
    }
    if (statement.object.kind === 'schema') await runSchemaPrivileges(context, statement);
    else if (statement.object.kind === 'other') await runOtherPrivileges(context, statement);
    else await runTablePrivileges(context, statement);
    return context.done(statement.grant ? 'GRANT' : 'REVOKE');
  },
};

export const privilegeHandlers: StatementHandler[] = [objectPrivileges];
