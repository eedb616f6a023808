import { keyword } from '../sql/tokenizer';
import type { Statement } from '../sql/splitter';

const CREATE_MODIFIERS = new Set(['OR', 'REPLACE', 'TEMP', 'TEMPORARY', 'LOCAL', 'EXTERNAL', 'UNIQUE', 'UNLOGGED']);

/** The command tag Redshift reports for a statement: `SELECT`, `CREATE TABLE`, `GRANT` … */
export function commandTag(statement: Statement): string {
  const words = statement.words.map((t) => keyword(t));
  const first = words[0] ?? '';
  switch (first) {
    case 'WITH': {
      const dml = words.find((w) => w === 'INSERT' || w === 'UPDATE' || w === 'DELETE');
      return dml ?? 'SELECT';
    }
    case 'CREATE': {
      let i = 1;
      while (CREATE_MODIFIERS.has(words[i] ?? '')) i++;
      if (words[i] === 'TABLE' && words.includes('AS') && !words.includes('(')) return 'SELECT';
      return `CREATE ${objectKind(words, i)}`.trim();
    }
    case 'DROP':
    case 'ALTER':
    case 'REFRESH':
      return `${first} ${objectKind(words, 1)}`.trim();
    case 'START':
      return 'START TRANSACTION';
    case 'BEGIN':
      return 'BEGIN';
    case 'TRUNCATE':
      return 'TRUNCATE TABLE';
    case 'END':
      return 'COMMIT';
    case 'ABORT':
      return 'ROLLBACK';
    case '':
      return 'EMPTY';
    default:
      return first;
  }
}

/** The kind of object named from `words[at]`: `TABLE`, `MATERIALIZED VIEW` … */
function objectKind(words: string[], at: number): string {
  return words[at] === 'MATERIALIZED' ? `MATERIALIZED ${words[at + 1] ?? ''}` : (words[at] ?? '');
}
