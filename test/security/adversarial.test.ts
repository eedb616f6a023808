import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTempWorkspace } from '../../engine/node';
import type { EmbeddedWarehouse } from '../../engine/warehouse/embedded-warehouse';
import { errorOf, rows, run } from './helpers';

/**
 * A student (no privileges on pii) tries to get around the security model. Every attempt must fail
 * with an error, and afterwards the data and the student's identity must be unchanged.
 */
let w: EmbeddedWarehouse;
const PII = 'SELECT count(*) FROM pii.user_contact';

const ATTEMPTS: string[] = [
  PII,
  'SELECT * FROM pii.user_contact',
  'WITH c AS (SELECT * FROM pii.user_contact) SELECT * FROM c',
  'SELECT * FROM (SELECT email FROM pii.user_contact) s',
  'SELECT 1 UNION SELECT userid FROM pii.user_contact',
  'SELECT u.email FROM raw_data.channel c JOIN pii.user_contact u ON true',
  'CREATE VIEW public.v_leak AS SELECT * FROM pii.user_contact',
  'CREATE TABLE public.t_leak AS SELECT * FROM pii.user_contact',
  'SET ROLE awsuser',
  'SET ROLE postgres',
  "SET SESSION AUTHORIZATION 'awsuser'",
  'SET SESSION AUTHORIZATION postgres',
  'RESET SESSION AUTHORIZATION; SELECT count(*) FROM pii.user_contact',
  "SELECT set_config('role', 'awsuser', false)",
  "SELECT set_config('session_authorization', 'postgres', false)",
  "SELECT pg_read_file('/etc/passwd')",
  "SELECT pg_ls_dir('.')",
  "SELECT lo_import('/etc/passwd')",
  "COPY pii.user_contact TO '/tmp/pii.csv'",
  "COPY public.mine FROM '/etc/passwd'",
  "COPY (SELECT 1) TO PROGRAM 'id'",
  "CREATE FUNCTION public.esc() RETURNS text LANGUAGE plpgsql AS $$ BEGIN EXECUTE 'SET SESSION AUTHORIZATION postgres'; RETURN current_user; END $$",
  "CREATE FUNCTION public.esc2() RETURNS text LANGUAGE plpgsql AS $$ BEGIN EXECUTE 'SET SESSION AUTH' || 'ORIZATION postgres'; RETURN current_user; END $$",
  "CREATE FUNCTION public.esc3() RETURNS text LANGUAGE sql SET session_authorization = 'postgres' AS $$ SELECT current_user::text $$",
  "CREATE FUNCTION public.esc4() RETURNS text LANGUAGE sql AS 'SET SESSION AUTHORIZATION postgres; SELECT current_user::text'",
  "CREATE FUNCTION public.esc5() RETURNS void LANGUAGE plpgsql AS $$ BEGIN PERFORM set_config('role', 'awsuser', false); END $$",
  "CREATE FUNCTION public.esc6() RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE format('SET %s', 'ROLE awsuser'); END $$",
  "CREATE FUNCTION public.esc7() RETURNS text LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN EXECUTE chr(83) || 'ET SESSION AUTHORIZATION postgres'; RETURN 'x'; END $$",
  "CREATE FUNCTION public.esc8() RETURNS text LANGUAGE plpgsql AS $$ BEGIN EXECUTE U&'\\0053ET ROLE awsuser'; RETURN 'x'; END $$",
  "CREATE PROCEDURE public.esc9() LANGUAGE plpgsql AS $$ BEGIN SET SESSION AUTHORIZATION postgres; END $$",
  'DO $$ BEGIN EXECUTE \'SET SESSION AUTHORIZATION postgres\'; END $$',
  'PREPARE p AS SELECT * FROM pii.user_contact; EXECUTE p',
  'ALTER ROLE student SUPERUSER',
  'ALTER USER student CREATEUSER',
  'ALTER USER student WITH CREATEUSER',
  "CREATE USER hacker PASSWORD 'Hacker2024' CREATEUSER",
  'GRANT USAGE ON SCHEMA pii TO student',
  'GRANT SELECT ON pii.user_contact TO student',
  'GRANT ROLE pii_users TO student',
  'GRANT pii_users TO student',
  'ALTER DEFAULT PRIVILEGES FOR USER awsuser GRANT SELECT ON TABLES TO student',
  'CREATE SCHEMA evil AUTHORIZATION awsuser',
  'ALTER TABLE public.mine OWNER TO awsuser',
  "LOAD 'plpgsql'",
  'CREATE EXTENSION file_fdw',
  "ALTER SYSTEM SET log_statement = 'none'",
  'ALTER TABLE pii.user_contact DISABLE ROW LEVEL SECURITY',
  'ALTER TABLE pii.user_contact ROW LEVEL SECURITY OFF',
  'DETACH RLS POLICY seoul_only ON pii.user_contact FROM ROLE pii_users',
  'GRANT IGNORE RLS TO ROLE pii_users',
  'CREATE POLICY p ON public.mine USING (true)',
  'DROP TABLE pii.user_contact',
  'DROP USER awsuser',
  'CREATE ROLE evil SUPERUSER',
  "SET search_path = public, pg_catalog; SELECT count(*) FROM pii.user_contact",
  'CREATE TRIGGER t BEFORE INSERT ON public.mine FOR EACH ROW EXECUTE FUNCTION public.noop()',
];

describe('a student cannot get around the security model', () => {
  beforeAll(async () => {
    w = await openTempWorkspace();
    await rows(w, 'awsuser', `CREATE ROLE pii_users; CREATE USER student PASSWORD 'Student2024';
      CREATE RLS POLICY seoul_only WITH (region varchar(20)) USING (region = 'seoul');
      ATTACH RLS POLICY seoul_only ON pii.user_contact TO ROLE pii_users;
      ALTER TABLE pii.user_contact ROW LEVEL SECURITY ON;`);
    await rows(w, 'student', 'CREATE TABLE public.mine (a int)');
  }, 120_000);
  afterAll(async () => {
    await w?.close();
  });

  it('has at least 40 attempts', () => expect(ATTEMPTS.length).toBeGreaterThanOrEqual(40));

  it.each(ATTEMPTS)('refuses: %s', async (sql) => {
    const outcomes = await run(w, 'student', sql);
    const failed = outcomes.find((o) => !o.ok);
    expect(failed, sql).toBeDefined();
    if (failed && !failed.ok) {
      expect(failed.error.code).toMatch(/^(42501|42601|0A000|42883|42704|55006|58P01|3F000|42P01)$/);
      expect(failed.error.message).not.toMatch(/^[a-z]+Error|undefined/);
    }
    // identity and data intact
    expect(await rows(w, 'student', 'SELECT current_user, session_user')).toEqual([['student', 'student']]);
  });

  it('leaves data, privileges and RLS intact', async () => {
    expect(await rows(w, 'awsuser', PII)).toEqual([[949]]);
    expect(await errorOf(w, 'student', PII)).toMatchObject({ code: '42501', message: 'permission denied for schema pii' });
    expect(await rows(w, 'awsuser', "SELECT usesuper FROM pg_user WHERE usename = 'student'")).toEqual([[false]]);
    expect(await rows(w, 'awsuser', "SELECT count(*) FROM svv_user_grants WHERE user_name = 'student'")).toEqual([[0]]);
    expect(await rows(w, 'awsuser', "SELECT is_rls_on FROM svv_rls_relation WHERE relname = 'user_contact'")).toEqual([[true]]);
    expect(await rows(w, 'awsuser', "SELECT count(*) FROM pg_proc WHERE proname LIKE 'esc%'")).toEqual([[0]]);
  });
});
