import { quoteIdent } from '../../sql/quote';
import { runSql, firstError, type LabEnvironment } from '../environment';
import type { Check } from '../types';
import { fail, pass, text, type CheckResult } from './result';

type PrivilegeCheck = Extract<Check, { kind: 'privilege' }>;

const DENIED = '42501';

/**
 * Probes a privilege by running a statement that touches no rows (`WHERE false`) as the user:
 * permission checks happen before any row is read, so success means the privilege works.
 */
export async function runPrivilegeCheck(env: LabEnvironment, check: PrivilegeCheck): Promise<CheckResult> {
  const table = check.table.split('.').map(quoteIdent).join('.');
  const column = check.column ?? (await firstColumn(env, check.table));
  if (!column) return fail(text(`테이블 ${check.table}이(가) 없습니다.`, `Table ${check.table} does not exist.`));
  const col = quoteIdent(column);
  const probe = {
    SELECT: check.column ? `SELECT ${col} FROM ${table} WHERE false` : `SELECT * FROM ${table} WHERE false`,
    INSERT: `INSERT INTO ${table} (${col}) SELECT NULL WHERE false`,
    UPDATE: `UPDATE ${table} SET ${col} = NULL WHERE false`,
    DELETE: `DELETE FROM ${table} WHERE false`,
  }[check.privilege];
  const failed = firstError(await runSql(env, probe, check.user));
  const what = check.column ? `${check.privilege} (${check.column}) ON ${check.table}` : `${check.privilege} ON ${check.table}`;
  if (failed && failed.error.code !== DENIED) {
    return fail(text(`${check.user} 사용자로 ${what}을(를) 확인하지 못했습니다: ${failed.error.message}`, `Could not probe ${what} as ${check.user}: ${failed.error.message}`));
  }
  const can = !failed;
  if (can === check.can) return pass();
  return can
    ? fail(text(`${check.user} 사용자가 아직 ${what} 할 수 있습니다 (막혀야 합니다).`, `${check.user} can still ${what} (it should be denied).`))
    : fail(text(`${check.user} 사용자가 ${what} 할 수 없습니다: ${failed!.error.message}`, `${check.user} cannot ${what}: ${failed!.error.message}`));
}

async function firstColumn(env: LabEnvironment, qualified: string): Promise<string | undefined> {
  const [schema, name] = qualified.split('.');
  const r = await env.warehouse.runAsSystem((backend) =>
    backend.query(
      `SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = $1 AND c.relname = $2 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum LIMIT 1`,
      [schema, name],
    ),
  );
  return r.rows[0] ? String(r.rows[0][0]) : undefined;
}
