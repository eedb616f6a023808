import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LECTURE_ROLE_SCRIPTS } from './helpers';

/**
 * Lecture section 1 through the CLI: the three role scripts run verbatim on a seeded workspace,
 * then a matrix of (user, statement, expected outcome) — one CLI call per user batch.
 */
type Expect = { ok: true; rows?: unknown[][]; columns?: string[] } | { error: string };
type Case = [user: string, sql: string, expected: Expect];
const ok = (rows?: unknown[][], columns?: string[]): Expect => ({ ok: true, ...(rows ? { rows } : {}), ...(columns ? { columns } : {}) });
const err = (error: string): Expect => ({ error });

let dir = '';
interface CliOutcome {
  sql: string;
  rows?: unknown[][];
  columns?: string[];
  error?: { code: string; message: string };
}

function cli(user: string, sql: string): CliOutcome[] {
  let out: string;
  try {
    out = execFileSync('node', ['bin/warehouse-lab.mjs', 'sql', '--workspace', dir, '--user', user, '--format', 'json', '--continue-on-error', '-c', sql], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    const failure = e as { stdout: string; stderr: string };
    out = failure.stdout;
    if (!out.trim()) throw new Error(`CLI failed: ${failure.stderr}`);
  }
  return JSON.parse(out) as CliOutcome[];
}

const SETUP = `CREATE ROLE analytics_authors; CREATE ROLE analytics_users; CREATE ROLE pii_users;
CREATE USER alice PASSWORD 'Alice2024x'; CREATE USER bob PASSWORD 'Bob2024xyz'; CREATE USER carol PASSWORD 'Carol2024x';
CREATE USER dave PASSWORD 'Dave2024xy'; CREATE USER erin PASSWORD 'Erin2024xy';
GRANT ROLE analytics_authors TO alice; GRANT ROLE analytics_users TO bob;
GRANT ROLE analytics_users TO carol; GRANT ROLE pii_users TO carol; GRANT ROLE pii_users TO dave;
${LECTURE_ROLE_SCRIPTS}
GRANT USAGE ON SCHEMA pii TO erin; GRANT SELECT (userid, region) ON pii.user_contact TO erin;
CREATE RLS POLICY seoul_only WITH (region varchar(20)) USING (region = 'seoul');
ATTACH RLS POLICY seoul_only ON pii.user_contact TO ROLE pii_users;
ALTER TABLE pii.user_contact ROW LEVEL SECURITY ON;`;

const DENIED_PII = err('permission denied for schema pii');
const BATCHES: Case[][] = [
  [
    ['alice', 'SELECT count(*) > 0 FROM analytics.channel_summary', ok([[true]])],
    ['alice', 'INSERT INTO analytics.mau_summary SELECT * FROM analytics.mau_summary LIMIT 0', ok()],
    ['alice', 'UPDATE analytics.channel_summary SET sessions = sessions WHERE false', ok()],
    ['alice', 'CREATE TABLE analytics.alice_t (a int)', ok()],
    ['alice', 'DROP TABLE analytics.alice_t', ok()],
    ['alice', 'SELECT count(*) > 0 FROM adhoc.user_notes', ok([[true]])],
    ['alice', 'DELETE FROM adhoc.user_notes WHERE false', ok()],
    ['alice', 'SELECT count(*) FROM raw_data.channel', ok([[6]])],
    ['alice', 'SELECT count(*) FROM raw_data.user_session_channel', ok([[101520]])],
    ['alice', "INSERT INTO raw_data.channel VALUES ('x')", err('permission denied for relation channel')],
    ['alice', 'DELETE FROM raw_data.channel', err('permission denied for relation channel')],
    ['alice', 'CREATE TABLE raw_data.t (a int)', err('permission denied for schema raw_data')],
    ['alice', 'SELECT count(*) FROM pii.user_contact', DENIED_PII],
    ['alice', 'SELECT * FROM pii.user_contact', DENIED_PII],
    ['alice', 'SELECT email FROM pii.user_contact WHERE userid IN (SELECT userid FROM raw_data.user_session_channel)', DENIED_PII],
    ['alice', 'SELECT current_user', ok([['alice']])],
    ['alice', "SELECT has_schema_privilege('pii', 'USAGE')", ok([[false]])],
    ['alice', 'GRANT SELECT ON raw_data.channel TO bob', err('permission denied for relation channel')],
    ['alice', "CREATE USER mallory PASSWORD 'Mallory2024'", err('permission denied to create user')],
    ['alice', "SET SESSION AUTHORIZATION 'carol'", err('permission denied to set session authorization')],
  ],
  [
    ['bob', 'SELECT count(*) > 0 FROM analytics.channel_summary', ok([[true]])],
    ['bob', "INSERT INTO analytics.channel_summary VALUES ('x', 1, 1)", err('permission denied for relation channel_summary')],
    ['bob', 'CREATE TABLE analytics.b (a int)', err('permission denied for schema analytics')],
    ['bob', 'CREATE TABLE adhoc.bob_t (a int)', ok()],
    ['bob', 'INSERT INTO adhoc.bob_t VALUES (1)', ok()],
    ['bob', 'SELECT count(*) > 0 FROM adhoc.user_notes', ok([[true]])],
    ['bob', 'DELETE FROM adhoc.user_notes WHERE false', ok()],
    ['bob', 'SELECT count(*) > 0 FROM raw_data.session_timestamp', ok([[true]])],
    ['bob', 'SELECT count(*) FROM pii.user_contact', DENIED_PII],
    ['bob', 'DROP TABLE analytics.channel_summary', err('must be owner of relation')],
    ['bob', 'WITH x AS (SELECT * FROM pii.user_contact) SELECT count(*) FROM x', DENIED_PII],
    ['bob', 'SELECT 1 UNION ALL SELECT userid FROM pii.user_contact', DENIED_PII],
    ['bob', 'CREATE VIEW adhoc.leak AS SELECT * FROM pii.user_contact', DENIED_PII],
    ['bob', 'SELECT has_table_privilege(\'raw_data.channel\', \'insert\')', ok([[false]])],
  ],
  [
    ['carol', 'SELECT count(*) > 0 AND count(*) < 949 FROM pii.user_contact', ok([[true]])],
    ['carol', "SELECT count(*) FROM pii.user_contact WHERE region <> 'seoul'", ok([[0]])],
    ['carol', 'SELECT count(*) > 0 FROM analytics.channel_summary', ok([[true]])],
    ['carol', "INSERT INTO analytics.channel_summary VALUES ('x', 1, 1)", err('permission denied for relation channel_summary')],
    ['carol', 'SELECT count(*) FROM raw_data.channel', ok([[6]])],
    ['carol', "INSERT INTO pii.user_contact (userid) VALUES (1)", err('permission denied for relation user_contact')],
    ['carol', 'UPDATE pii.user_contact SET region = region WHERE false', err('permission denied for relation user_contact')],
    ['carol', 'CREATE TABLE pii.x (a int)', DENIED_PII],
    ['carol', 'SELECT * FROM pii.user_contact LIMIT 1', ok(undefined, ['userid', 'name', 'email', 'phone', 'region', 'signup_date'])],
    ['carol', 'CREATE TABLE adhoc.carol_copy AS SELECT userid, region FROM pii.user_contact', ok()],
    ['carol', "SELECT count(*) > 0 FROM adhoc.carol_copy WHERE region = 'seoul'", ok([[true]])],
  ],
  [
    ['dave', 'SELECT count(*) > 0 FROM pii.user_contact', ok([[true]])],
    ['dave', 'SELECT count(*) FROM analytics.channel_summary', err('permission denied for schema analytics')],
    ['dave', 'SELECT count(*) FROM raw_data.channel', err('permission denied for schema raw_data')],
    ['dave', 'SELECT count(*) FROM adhoc.user_notes', err('permission denied for schema adhoc')],
    ['dave', "SELECT has_table_privilege('pii.user_contact', 'select')", ok([[true]])],
    ['dave', 'DELETE FROM pii.user_contact', err('permission denied for relation user_contact')],
  ],
  [
    ['erin', 'SELECT count(*) FROM analytics.channel_summary', err('permission denied for schema analytics')],
    ['erin', 'SELECT count(*) FROM raw_data.channel', err('permission denied for schema raw_data')],
    ['erin', 'SELECT * FROM pii.user_contact LIMIT 1', ok([], ['userid', 'region'])],
    ['erin', 'SELECT count(*) FROM pii.user_contact', ok([[0]])],
    ['erin', 'SELECT email FROM pii.user_contact', err('permission denied for relation user_contact')],
    ['erin', 'CREATE TABLE public.erin_t (a int)', ok()],
    ['erin', 'SELECT count(*) FROM svv_user_grants', ok([[0]])],
    ['erin', "SET SESSION AUTHORIZATION 'awsuser'", err('permission denied to set session authorization')],
    ['erin', 'GRANT ROLE pii_users TO erin', err('permission denied to grant role "pii_users"')],
    ['erin', 'CREATE ROLE hacker', err('permission denied to create role')],
    ['erin', 'SELECT count(*) FROM adhoc.carol_copy', err('permission denied for schema adhoc')],
  ],
  [
    ['awsuser', 'SELECT count(*) FROM svv_user_grants', ok([[5]])],
    ['awsuser', 'SELECT count(*) FROM pii.user_contact', ok([[949]])],
    ['awsuser', "SELECT has_schema_privilege('bob', 'pii', 'usage')", ok([[false]])],
    ['awsuser', "SELECT has_table_privilege('carol', 'pii.user_contact', 'select')", ok([[true]])],
    ['awsuser', "SELECT has_table_privilege('alice', 'raw_data.channel', 'insert')", ok([[false]])],
    ['awsuser', "SELECT count(*) FROM svv_relation_privileges WHERE identity_name = 'pii_users'", ok([[1]])],
    ['awsuser', "SELECT has_column_privilege('erin', 'pii.user_contact', 'email', 'select')", ok([[false]])],
    ['awsuser', "SELECT role_name FROM svv_user_grants WHERE user_name = 'carol' ORDER BY 1", ok([['analytics_users'], ['pii_users']])],
    ['awsuser', 'REVOKE ROLE analytics_users FROM bob', ok()],
  ],
  [
    ['bob', 'SELECT count(*) FROM analytics.channel_summary', err('permission denied for schema analytics')],
    ['bob', 'SELECT count(*) FROM adhoc.carol_copy', err('permission denied for schema adhoc')],
  ],
  [
    ['alice', 'SELECT count(*) FROM adhoc.carol_copy', err('permission denied for relation carol_copy')],
    // ALL on ALL TABLES IN SCHEMA includes Redshift's DROP privilege
    ['alice', 'DROP TABLE adhoc.user_notes', ok()],
    ['alice', 'SELECT count(*) FROM adhoc.user_notes', err('relation "adhoc.user_notes" does not exist')],
  ],
];

describe('lecture section 1 through the CLI', () => {
  beforeAll(async () => {
    execFileSync('node', ['scripts/build-cli.mjs'], { stdio: 'ignore' });
    dir = join(await mkdtemp(join(tmpdir(), 'wlab-sec-')), 'ws');
    const outcomes = cli('awsuser', SETUP);
    const failed = outcomes.filter((o) => o.error);
    expect(failed).toEqual([]);
  }, 180_000);
  afterAll(async () => {
    if (dir) await rm(join(dir, '..'), { recursive: true, force: true });
  });

  it('has at least 60 cases', () => {
    expect(BATCHES.flat().length).toBeGreaterThanOrEqual(60);
  });

  it.each(BATCHES.map((batch, i) => [i, batch] as const))('batch %i behaves as on Redshift', (_i, batch) => {
    const user = batch[0]![0];
    const outcomes = cli(user, batch.map((c) => c[1]).join(';\n'));
    expect(outcomes).toHaveLength(batch.length);
    batch.forEach(([, sql, expected], k) => {
      const o = outcomes[k]!;
      const label = `${user}: ${sql}`;
      if ('error' in expected) {
        expect(o.error?.message, label).toContain(expected.error);
        expect(o.error?.code, label).toMatch(/^(42501|42P01|42704)$/);
      } else {
        expect(o.error, label).toBeUndefined();
        if (expected.rows) expect(o.rows, label).toEqual(expected.rows);
        if (expected.columns) expect(o.columns, label).toEqual(expected.columns);
      }
    });
  }, 60_000);
});
