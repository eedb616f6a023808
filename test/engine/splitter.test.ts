import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../engine/sql/splitter';
import { tokenize } from '../../engine/sql/tokenizer';

describe('tokenizer', () => {
  it('is lossless: tokens join back to the input', () => {
    const input = `SELECT 'a''b', "Q""x", $$body;$$, E'\\'x', 1.5e3, a::int -- c\n/* x /* nested */ y */ FROM t;`;
    expect(tokenize(input).map((t) => t.text).join('')).toBe(input);
  });

  it('marks unterminated strings, identifiers and comments', () => {
    expect(tokenize("select 'abc").at(-1)).toMatchObject({ kind: 'string', unterminated: true });
    expect(tokenize('select "abc').at(-1)).toMatchObject({ kind: 'quoted', unterminated: true });
    expect(tokenize('select /* abc').at(-1)).toMatchObject({ kind: 'comment', unterminated: true });
    expect(tokenize('select $x$ abc').at(-1)).toMatchObject({ kind: 'string', unterminated: true });
  });

  it('reads #temp names as one word and :: as one operator', () => {
    const kinds = tokenize('select * from #stage where a::int > 1').filter((t) => t.kind !== 'space');
    expect(kinds.map((t) => t.text)).toEqual(['select', '*', 'from', '#stage', 'where', 'a', '::', 'int', '>', '1']);
  });
});

describe('splitStatements', () => {
  it('splits at top-level semicolons only', () => {
    const parts = splitStatements(`select ';' as a; select $$x;y$$; -- c;\nselect "a;b" from t /* ; */;`);
    expect(parts.map((p) => p.text)).toEqual([`select ';' as a`, 'select $$x;y$$', 'select "a;b" from t']);
  });

  it('keeps offsets into the original text', () => {
    const input = '  select 1;\n\n  select 2  ';
    const parts = splitStatements(input);
    expect(parts.map((p) => input.slice(p.offset, p.offset + p.text.length))).toEqual(['select 1', 'select 2']);
  });

  it('drops statements that hold only comments or whitespace', () => {
    expect(splitStatements('-- only a comment\n;  ; /* and this */')).toEqual([]);
  });

  it('keeps a procedure body with semicolons in one statement', () => {
    const sql = `CREATE PROCEDURE p() AS $$ BEGIN INSERT INTO t VALUES (1); END; $$ LANGUAGE plpgsql; select 1`;
    expect(splitStatements(sql)).toHaveLength(2);
  });
});
