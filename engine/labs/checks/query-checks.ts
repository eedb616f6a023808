import { ADMIN_USER, type QueryResult, type SqlErrorShape } from '../../api/types';
import { firstError, runSql, type LabEnvironment } from '../environment';
import type { Check } from '../types';
import { compareRows, countText } from './compare-rows';
import { fail, pass, text, type CheckResult } from './result';

type QueryCheck = Extract<Check, { kind: 'query' }>;
type ErrorCheck = Extract<Check, { kind: 'error' }>;

/** Runs SQL and returns the last statement's result, or the first error. */
export async function lastResult(env: LabEnvironment, sql: string, user: string): Promise<{ result?: QueryResult; error?: SqlErrorShape }> {
  const outcomes = await runSql(env, sql, user);
  const failed = firstError(outcomes);
  if (failed) return { error: failed.error };
  const last = outcomes[outcomes.length - 1];
  return last?.ok ? { result: last.result } : { error: { code: 'XX000', message: 'no result' } };
}

export function errorText(user: string, error: SqlErrorShape) {
  return text(`${user} 사용자로 실행한 쿼리가 실패했습니다: [${error.code}] ${error.message}`, `The query run as ${user} failed: [${error.code}] ${error.message}`);
}

export async function runQueryCheck(env: LabEnvironment, check: QueryCheck): Promise<CheckResult> {
  const user = check.user ?? ADMIN_USER;
  const actual = await lastResult(env, check.sql, user);
  if (actual.error) return fail(errorText(user, actual.error));
  const rows = actual.result!.rows as unknown[][];
  if (check.expect.rowCount !== undefined && rows.length !== check.expect.rowCount) {
    return fail(countText(rows.length, check.expect.rowCount));
  }
  let expected: unknown[][] | undefined = check.expect.rows;
  if (check.expect.referenceSql) {
    const reference = await lastResult(env, check.expect.referenceSql, ADMIN_USER);
    if (reference.error) {
      return fail(text(`기준 쿼리가 실패했습니다 (실습 데이터가 바뀌었나요?): ${reference.error.message}`, `The reference query failed (was the lab data changed?): ${reference.error.message}`));
    }
    expected = reference.result!.rows as unknown[][];
  }
  if (!expected) return pass();
  return compareRows(rows, expected, { ordered: check.ordered ?? false, tolerance: check.tolerance ?? 0 });
}

export async function runErrorCheck(env: LabEnvironment, check: ErrorCheck): Promise<CheckResult> {
  const user = check.user ?? ADMIN_USER;
  const outcome = await lastResult(env, check.sql, user);
  const wanted = [check.sqlstate, check.message && `/${check.message}/`].filter(Boolean).join(' ');
  if (!outcome.error) {
    return fail(text(`${user} 사용자로 실행한 문장이 성공했지만 오류(${wanted})가 나야 합니다.`, `The statement run as ${user} succeeded, but it should fail with ${wanted}.`));
  }
  const { code, message } = outcome.error;
  const codeOk = !check.sqlstate || code === check.sqlstate;
  const messageOk = !check.message || new RegExp(check.message, 'i').test(message);
  if (codeOk && messageOk) return pass();
  return fail(text(`다른 오류가 났습니다: [${code}] ${message} (기대: ${wanted}).`, `A different error occurred: [${code}] ${message} (expected ${wanted}).`));
}
