import { ADMIN_USER } from '../../api/types';
import { quoteIdent, quoteLiteral as q } from '../../sql/quote';
import type { LabEnvironment } from '../environment';
import type { CatalogCondition } from '../types';
import { lastResult } from './query-checks';
import { consoleJson } from './store-console-checks';
import { fail, pass, text, type CheckResult } from './result';

/** Asks the warehouse a catalog question (through the Redshift system views, as the admin). */
async function ask(env: LabEnvironment, sql: string): Promise<{ rows: unknown[][] } | CheckResult> {
  const r = await lastResult(env, sql, ADMIN_USER);
  if (r.error) return fail(text(`카탈로그를 조회하지 못했습니다: [${r.error.code}] ${r.error.message}`, `Could not query the catalog: [${r.error.code}] ${r.error.message}`));
  return { rows: r.result!.rows as unknown[][] };
}

function split(table: string): [string, string] {
  const [schema, name] = table.includes('.') ? table.split('.') : ['public', table];
  return [schema!.toLowerCase(), name!.toLowerCase()];
}

const isTrue = (v: unknown) => v === true || v === 't' || v === 'true';

export async function runCatalogCheck(env: LabEnvironment, c: CatalogCondition): Promise<CheckResult> {
  switch (c.condition) {
    case 'roleExists': {
      const r = await ask(env, `SELECT role_name FROM svv_roles WHERE role_name = ${q(c.role)}`);
      if (!('rows' in r)) return r;
      return r.rows.length ? pass() : fail(text(`역할 ${c.role}이(가) 없습니다.`, `Role ${c.role} does not exist.`));
    }
    case 'userInRole': {
      const r = await ask(env, `SELECT 1 FROM svv_user_grants WHERE user_name = ${q(c.user)} AND role_name = ${q(c.role)}`);
      if (!('rows' in r)) return r;
      return r.rows.length ? pass() : fail(text(`사용자 ${c.user}에게 역할 ${c.role}이(가) 부여되지 않았습니다.`, `User ${c.user} has not been granted role ${c.role}.`));
    }
    case 'policyAttached': {
      const [schema, name] = split(c.table);
      const role = /^role\s+(.+)$/i.exec(c.grantee.trim());
      const grantee = role ? role[1]! : c.grantee;
      const kind = role ? 'role' : c.grantee.toUpperCase() === 'PUBLIC' ? 'public' : 'user';
      const r = await ask(
        env,
        `SELECT granteekind FROM svv_rls_attached_policy WHERE relschema = ${q(schema)} AND relname = ${q(name)}
         AND polname = ${q(c.policy)} AND lower(grantee) = lower(${q(grantee)})`,
      );
      if (!('rows' in r)) return r;
      if (r.rows.some((row) => String(row[0]).toLowerCase() === kind)) return pass();
      return fail(text(`정책 ${c.policy}이(가) ${c.table}에 ${c.grantee} 대상으로 연결(ATTACH)되지 않았습니다.`, `Policy ${c.policy} is not attached to ${c.table} for ${c.grantee}.`));
    }
    case 'rlsOn': {
      const [schema, name] = split(c.table);
      const r = await ask(env, `SELECT is_rls_on FROM svv_rls_relation WHERE relschema = ${q(schema)} AND relname = ${q(name)}`);
      if (!('rows' in r)) return r;
      return r.rows.some((row) => isTrue(row[0]))
        ? pass()
        : fail(text(`${c.table}의 행 수준 보안(ROW LEVEL SECURITY)이 켜져 있지 않습니다.`, `Row-level security is not on for ${c.table}.`));
    }
    case 'tableExists': {
      const [schema, name] = split(c.table);
      const r = await ask(env, `SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ${q(schema)} AND c.relname = ${q(name)} AND c.relkind IN ('r','p','v','m','f')`);
      if (!('rows' in r)) return r;
      return r.rows.length ? pass() : fail(text(`테이블 ${c.table}이(가) 없습니다.`, `Table ${c.table} does not exist.`));
    }
    case 'externalTable': {
      const [schema, name] = split(c.table);
      const r = await ask(env, `SELECT location FROM svv_external_tables WHERE schemaname = ${q(schema)} AND tablename = ${q(name)}`);
      if (!('rows' in r)) return r;
      if (!r.rows.length) return fail(text(`외부 테이블 ${c.table}이(가) 없습니다.`, `External table ${c.table} does not exist.`));
      const location = String(r.rows[0]![0]);
      const norm = (s: string) => s.trim().replace(/\/+$/, '');
      return norm(location) === norm(c.location)
        ? pass()
        : fail(text(`외부 테이블 ${c.table}의 LOCATION이 ${location}입니다 (기대: ${c.location}).`, `External table ${c.table} points at ${location} (expected ${c.location}).`));
    }
    case 'tableRows': {
      const table = split(c.table).map(quoteIdent).join('.');
      const r = await ask(env, `SELECT count(*) FROM ${table}`);
      if (!('rows' in r)) return r;
      let expected = c.rows;
      if (c.rowsSql) {
        const e = await ask(env, c.rowsSql);
        if (!('rows' in e)) return e;
        expected = Number(e.rows[0]?.[0]);
      }
      const actual = Number(r.rows[0]?.[0]);
      return actual === expected
        ? pass()
        : fail(text(`${c.table}의 행 수가 ${actual}입니다 (기대: ${expected}).`, `${c.table} has ${actual} rows (expected ${expected}).`));
    }
    case 'snapshotExists': {
      const out = await consoleJson(env, `aws redshift describe-cluster-snapshots --snapshot-identifier ${c.snapshot}`);
      if ('error' in out) return fail(text(`스냅샷 ${c.snapshot}이(가) 없습니다: ${out.error}`, `Snapshot ${c.snapshot} does not exist: ${out.error}`));
      const snapshots = (out.json as { Snapshots?: unknown[] }).Snapshots ?? [];
      return snapshots.length ? pass() : fail(text(`스냅샷 ${c.snapshot}이(가) 없습니다.`, `Snapshot ${c.snapshot} does not exist.`));
    }
    case 'modelReady':
      return modelReady(env, c);
  }
}

async function modelReady(env: LabEnvironment, c: Extract<CatalogCondition, { condition: 'modelReady' }>): Promise<CheckResult> {
  const r = await ask(env, `SHOW MODEL ${c.model}`);
  if (!('rows' in r)) return r;
  const value = (key: string) => r.rows.find((row) => String(row[0]).toLowerCase() === key.toLowerCase())?.[1];
  const state = String(value('Model State') ?? '');
  if (state !== 'READY') return fail(text(`모델 ${c.model}의 상태가 ${state || '알 수 없음'}입니다 (READY여야 합니다).`, `Model ${c.model} is ${state || 'in an unknown state'} (it should be READY).`));
  if (c.metric === undefined || c.min === undefined) return pass();
  const raw = value(`validation:${c.metric}`);
  const metric = Number(raw);
  if (raw === undefined || !Number.isFinite(metric)) {
    return fail(text(`SHOW MODEL에 validation:${c.metric} 값이 없습니다.`, `SHOW MODEL shows no validation:${c.metric}.`));
  }
  return metric >= c.min
    ? pass()
    : fail(text(`validation:${c.metric} = ${metric} 로 기준 ${c.min}보다 낮습니다.`, `validation:${c.metric} is ${metric}, below ${c.min}.`));
}
