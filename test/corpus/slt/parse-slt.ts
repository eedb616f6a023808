/**
 * Parser of our sqllogictest dialect (see test/corpus/README.md): records separated by blank lines,
 * each `statement ok`, `statement error <pattern>`, `statement notice <pattern>`, `statement tag <TAG>`
 * or `query <types> [rowsort]`, plus `user <name>`.
 */

export type SltRecord =
  | {
      kind: 'statement';
      line: number;
      user: string | undefined;
      sql: string;
      expectError: string | undefined;
      /** A message of the last statement must match (`NOTICE:  table "t" does not exist, skipping`). */
      expectNotice?: string;
      /** The last statement's command tag (`TRUNCATE TABLE`). */
      expectTag?: string;
      headerIndex: number;
    }
  | {
      kind: 'query';
      line: number;
      user: string | undefined;
      sql: string;
      types: string;
      rowsort: boolean;
      expected: string[];
      headerIndex: number;
      /** Lines [start, end) holding the expected rows (for the complete mode). */
      expectedLines: [number, number];
    };

export class SltSyntaxError extends Error {}

/** Line indexes are 0-based; `line` fields are 1-based for messages. */
export function parseSlt(text: string, file: string): SltRecord[] {
  const lines = text.split('\n');
  const records: SltRecord[] = [];
  let user: string | undefined;
  let i = 0;
  const fail = (message: string) => new SltSyntaxError(`${file}:${i + 1}: ${message}`);
  while (i < lines.length) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) {
      i++;
      continue;
    }
    const [directive, ...rest] = line.split(/\s+/);
    if (directive === 'user') {
      if (rest.length !== 1) throw fail('user takes one name');
      user = rest[0];
      i++;
      continue;
    }
    const headerIndex = i;
    i++;
    const sqlLines: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '' && lines[i]!.trim() !== '----') sqlLines.push(lines[i++]!);
    const sql = sqlLines.join('\n');
    if (sql.trim() === '') throw fail(`${directive} without SQL`);
    if (directive === 'statement') {
      const mode = rest[0];
      if (mode === 'ok') {
        records.push({ kind: 'statement', line: headerIndex + 1, user, sql, expectError: undefined, headerIndex });
      } else if (mode === 'error') {
        records.push({ kind: 'statement', line: headerIndex + 1, user, sql, expectError: line.replace(/^statement\s+error\s*/, ''), headerIndex });
      } else if (mode === 'notice' || mode === 'tag') {
        const expected = line.replace(/^statement\s+\w+\s*/, '');
        if (!expected) throw fail(`statement ${mode} needs what to expect`);
        records.push({ kind: 'statement', line: headerIndex + 1, user, sql, expectError: undefined, ...(mode === 'notice' ? { expectNotice: expected } : { expectTag: expected }), headerIndex });
      } else {
        throw fail('expected "statement ok", "statement error <pattern>", "statement notice <pattern>" or "statement tag <TAG>"');
      }
      if (lines[i]?.trim() === '----') throw fail('statement records have no result section');
    } else if (directive === 'query') {
      const types = rest[0] ?? '';
      if (!/^[ITRBD]+$/.test(types)) throw fail('query needs column type letters (I, T, R, B, D)');
      const rowsort = rest[1] === 'rowsort';
      if (rest.length > 2 || (rest[1] !== undefined && !rowsort)) throw fail(`unknown query option ${rest[1]}`);
      const expected: string[] = [];
      let start = i;
      if (lines[i]?.trim() === '----') {
        i++;
        start = i;
        while (i < lines.length && lines[i]!.trim() !== '') expected.push(lines[i++]!);
      }
      records.push({ kind: 'query', line: headerIndex + 1, user, sql, types, rowsort, expected, headerIndex, expectedLines: [start, i] });
    } else {
      throw fail(`unknown directive "${directive}"`);
    }
  }
  return records;
}
