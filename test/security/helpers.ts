import type { StatementOutcome } from '../../engine/api/types';
import type { EmbeddedWarehouse } from '../../engine/warehouse/embedded-warehouse';

/** Runs SQL as a user (a fresh session) and returns the outcomes of every statement. */
export async function run(warehouse: EmbeddedWarehouse, user: string, sql: string): Promise<StatementOutcome[]> {
  const session = await warehouse.session(user);
  try {
    return await session.execute(sql, { continueOnError: true });
  } finally {
    await session.close();
  }
}

/** Rows of the last statement; throws with the error text if any statement failed. */
export async function rows(warehouse: EmbeddedWarehouse, user: string, sql: string): Promise<unknown[][]> {
  const outcomes = await run(warehouse, user, sql);
  for (const o of outcomes) if (!o.ok) throw new Error(`${o.sql}: ${o.error.code} ${o.error.message}`);
  const last = outcomes[outcomes.length - 1]!;
  return last.ok ? last.result.rows : [];
}

/** The error of the one statement, or undefined if it succeeded. */
export async function errorOf(warehouse: EmbeddedWarehouse, user: string, sql: string): Promise<{ code: string; message: string; position?: number } | undefined> {
  const outcomes = await run(warehouse, user, sql);
  const failed = outcomes.find((o) => !o.ok);
  return failed && !failed.ok ? failed.error : undefined;
}

/** The lecture's grant scripts (section 1), verbatim. */
export const LECTURE_ROLE_SCRIPTS = `GRANT ALL ON SCHEMA analytics TO ROLE analytics_authors;
GRANT ALL ON ALL TABLES IN SCHEMA analytics TO ROLE analytics_authors; 
-- ALL TABLES 명령을 쓰기 위해서는 위 명령이 같이 실행되어야 함

GRANT ALL ON SCHEMA adhoc TO ROLE analytics_authors;
GRANT ALL ON ALL TABLES IN SCHEMA adhoc TO ROLE analytics_authors;

GRANT USAGE ON SCHEMA raw_data TO ROLE analytics_authors;
GRANT SELECT ON ALL TABLES IN SCHEMA raw_data TO ROLE analytics_authors;   
-- SELECT 권한을 주기 위해서는 SCHEMA에 대한 USAGE 권한을 주어야 함

GRANT USAGE ON SCHEMA analytics TO ROLE analytics_users;
GRANT SELECT ON ALL TABLES IN SCHEMA analytics TO ROLE analytics_users; 

GRANT ALL ON SCHEMA adhoc TO ROLE analytics_users;
GRANT ALL ON ALL TABLES IN SCHEMA adhoc TO ROLE analytics_users;

GRANT USAGE ON SCHEMA raw_data TO ROLE analytics_users;
GRANT SELECT ON ALL TABLES IN SCHEMA raw_data TO ROLE analytics_users;   

GRANT USAGE ON SCHEMA pii TO ROLE pii_users;
GRANT SELECT ON ALL TABLES IN SCHEMA pii TO ROLE pii_users;
`;
