import { describe, expect, it } from 'vitest';
import { rewriteDialect, rewriteTokens } from '../../engine/sql/dialect';
import { mapOffset } from '../../engine/sql/rewrite/render';
import { makeStatement } from '../../engine/sql/splitter';
import { tokenize } from '../../engine/sql/tokenizer';

/** Rewritten text with whitespace runs collapsed (rewrites keep the arguments' own spacing). */
const rewrite = (sql: string) =>
  rewriteDialect(makeStatement(sql, 0))
    .text.replace(/\s+/g, ' ')
    .replace(/\(\s+/g, '(')
    .replace(/,\s+/g, ', ');

describe('dialect rewrites', () => {
  it('quotes and canonicalises date parts, typing bare literals as timestamps', () => {
    expect(rewrite("SELECT DATEADD(m, 5, '2024-01-01')")).toBe("SELECT dateadd('minute', 5, '2024-01-01'::timestamp)");
    expect(rewrite('SELECT datediff(qtr, a, b) FROM t')).toBe("SELECT datediff('quarter', a, b) FROM t");
    expect(rewrite("SELECT DATE_PART(dw, d), date_trunc('mon', d) FROM t")).toBe("SELECT date_part('dow', d), date_trunc('month', d) FROM t");
  });

  it('rewrites calls nested inside other rewritten calls', () => {
    const sql = rewrite("SELECT NVL2(DECODE(a, 1, 'x'), CONCAT('a', 'b'), NVL(b, 'c')) FROM t");
    expect(sql).toContain('IS NOT DISTINCT FROM');
    expect(sql).toContain("pg_catalog.concat(('a')::text, ('b')::text)");
    expect(sql).toContain("coalesce(b, 'c')");
    expect(sql).not.toMatch(/nvl|DECODE/i);
  });

  it('leaves strings, comments, quoted and qualified names alone', () => {
    const sql = "SELECT 'dateadd(day, 1, x)', \"nvl\"(1), s.nvl(2) /* decode(a,b,c) */ FROM t -- top 5";
    expect(rewriteDialect(makeStatement(sql, 0)).text).toBe(sql);
  });

  it('keeps two-argument decode (PostgreSQL decode(text, format))', () => {
    expect(rewrite("SELECT decode('aGk=', 'base64')")).toBe("SELECT decode('aGk=', 'base64')");
  });

  it('moves TOP to a LIMIT at the end of its own query level', () => {
    expect(rewrite('SELECT TOP 3 a FROM t ORDER BY a')).toBe('SELECT a FROM t ORDER BY a LIMIT 3 ');
    expect(rewrite('SELECT * FROM (SELECT DISTINCT TOP 2 a FROM t) x ORDER BY 1')).toBe(
      'SELECT * FROM (SELECT DISTINCT a FROM t LIMIT 2 ) x ORDER BY 1',
    );
  });

  it('turns LISTAGG … WITHIN GROUP into an ordered aggregate', () => {
    expect(rewrite("SELECT LISTAGG(a, ',') WITHIN GROUP (ORDER BY a DESC) FROM t")).toBe(
      "SELECT pg_catalog.listagg((a)::varchar, ',' ORDER BY a DESC) FROM t",
    );
    // with DISTINCT the key must be the aggregated (cast) expression
    expect(rewrite("SELECT LISTAGG(DISTINCT a, ',') WITHIN GROUP (ORDER BY a) FROM t")).toBe(
      "SELECT pg_catalog.listagg(DISTINCT (a)::varchar, ',' ORDER BY (a)::varchar ) FROM t",
    );
  });

  it('translates Redshift type names only where a type stands', () => {
    expect(rewrite("SELECT x::varchar(max), CAST(y AS super), super FROM t")).toBe('SELECT x::varchar(65535), CAST(y AS jsonb), super FROM t');
    expect(rewrite('CREATE TABLE t (a varbyte(10), b nvarchar(5))')).toBe('CREATE TABLE t (a bytea, b varchar(5))');
  });

  it('makes #names temporary tables', () => {
    expect(rewrite('CREATE TABLE #t (a int)')).toBe('CREATE TEMP TABLE "#t" (a int)');
    expect(rewrite('SELECT a INTO #T FROM x')).toBe('SELECT a INTO TEMP "#t" FROM x');
    expect(rewrite('SELECT * FROM #t')).toBe('SELECT * FROM "#t"');
  });

  it('rejects CONCAT with other than two arguments at the call', () => {
    expect(() => rewrite("SELECT 1, CONCAT('a', 'b', 'c')")).toThrowError(expect.objectContaining({ code: '42883', position: 11 }));
  });

  it('gives every synthetic token the start of an original token', () => {
    const sql = "SELECT TOP 2 DATEADD(d, 1, '2024-01-01'), NVL2(a, b, c), DECODE(a, 1, 2, 3), LISTAGG(x) WITHIN GROUP (ORDER BY x) FROM t";
    const starts = new Set(tokenize(sql).map((t) => t.start));
    for (const token of rewriteTokens(tokenize(sql))) expect(starts.has(token.start), token.text).toBe(true);
  });

  it('maps offsets in the rewritten text back to the submitted text', () => {
    const sql = "SELECT DATEADD(day, 1, '2024-01-01'), NVL(a, 1), missing_column FROM t";
    const rendered = rewriteDialect(makeStatement(sql, 0));
    const at = rendered.text.indexOf('missing_column');
    expect(mapOffset(rendered, at)).toBe(sql.indexOf('missing_column'));
  });
});
