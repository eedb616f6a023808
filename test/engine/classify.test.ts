import { describe, expect, it } from 'vitest';
import { classifyStatement } from '../../engine/sql/classify';
import { makeStatement } from '../../engine/sql/splitter';

const classify = (sql: string) => classifyStatement(makeStatement(sql, 0));

describe('classifyStatement', () => {
  it('tells queries, DML, DDL, DCL and transaction control apart', () => {
    expect(classify('with x as (select 1) select * from x').kind).toBe('query');
    expect(classify("copy t from 's3://b/k' iam_role default").kind).toBe('dml');
    expect(classify('create table t (a int)')).toEqual({ kind: 'ddl', redshiftOnly: false, changesCatalog: true });
    expect(classify('create user u password disable').kind).toBe('dcl');
    expect(classify('commit').kind).toBe('transaction');
    expect(classify('set search_path to public').kind).toBe('session');
  });

  it('flags Redshift-only syntax', () => {
    for (const sql of [
      'GRANT ROLE analytics_users TO alice',
      'GRANT USAGE ON SCHEMA analytics TO ROLE analytics_users',
      'CREATE RLS POLICY p WITH (region varchar) USING (region = current_user)',
      'ATTACH RLS POLICY p ON pii.user_contact TO ROLE r',
      'ALTER TABLE t ROW LEVEL SECURITY ON',
      "CREATE EXTERNAL SCHEMA s FROM DATA CATALOG DATABASE 'db' IAM_ROLE default",
      "COPY t FROM 's3://bucket/key' IAM_ROLE default",
      'SHOW MODEL ALL',
    ]) {
      expect(classify(sql).redshiftOnly, sql).toBe(true);
    }
    expect(classify('GRANT USAGE ON SCHEMA analytics TO alice').redshiftOnly).toBe(false);
    expect(classify("COPY t FROM '/tmp/x.csv'").redshiftOnly).toBe(false);
  });
});
