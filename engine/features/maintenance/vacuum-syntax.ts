import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { Statement } from '../../sql/splitter';
import type { Token } from '../../sql/tokenizer';

/**
 * `VACUUM [ FULL | SORT ONLY | DELETE ONLY | REINDEX | RECLUSTER ] [ [ table ] [ TO n PERCENT ] [ BOOST ] ]`
 * parsed with Redshift's rules (reference §8).
 */
export type VacuumMode = 'FULL' | 'SORT ONLY' | 'DELETE ONLY' | 'REINDEX' | 'RECLUSTER';

export interface VacuumCommand {
  mode: VacuumMode;
  table?: { schema?: string; name: string; position: number };
  /** 0–100; default 95. */
  threshold: number;
  explicitThreshold: boolean;
  boost: boolean;
}

const ident = (t: Token) => (t.kind === 'quoted' ? t.text.slice(1, -1).replace(/""/g, '"') : t.text.toLowerCase());
const isWord = (t: Token | undefined, w: string) => t !== undefined && t.kind === 'word' && t.text.toUpperCase() === w;

export function parseVacuum(statement: Statement): VacuumCommand {
  const words = statement.words;
  let i = 1;
  const fail = (message: string, token?: Token) => new SqlError(SQLSTATE.syntaxError, message, token ? { position: token.start + 1 } : {});
  let mode: VacuumMode = 'FULL';
  if (isWord(words[i], 'FULL')) i++;
  else if (isWord(words[i], 'SORT') && isWord(words[i + 1], 'ONLY')) (mode = 'SORT ONLY'), (i += 2);
  else if (isWord(words[i], 'DELETE') && isWord(words[i + 1], 'ONLY')) (mode = 'DELETE ONLY'), (i += 2);
  else if (isWord(words[i], 'REINDEX')) (mode = 'REINDEX'), i++;
  else if (isWord(words[i], 'RECLUSTER')) (mode = 'RECLUSTER'), i++;
  const command: VacuumCommand = { mode, threshold: 95, explicitThreshold: false, boost: false };
  const next = words[i];
  if (next && (next.kind === 'quoted' || (next.kind === 'word' && !['TO', 'BOOST'].includes(next.text.toUpperCase())))) {
    if (words[i + 1]?.text === '.' && words[i + 2]) {
      command.table = { schema: ident(next), name: ident(words[i + 2]!), position: next.start + 1 };
      i += 3;
    } else {
      command.table = { name: ident(next), position: next.start + 1 };
      i++;
    }
  }
  if (isWord(words[i], 'TO')) {
    const to = words[i]!;
    const n = words[i + 1];
    if (!n || n.kind !== 'number' || !isWord(words[i + 2], 'PERCENT')) throw fail(`syntax error at or near "${n?.text ?? 'end of input'}"`, n ?? to);
    if (mode === 'REINDEX' || mode === 'RECLUSTER') throw fail(`VACUUM ${mode} does not accept a TO threshold PERCENT clause`, to);
    if (!command.table) throw fail('VACUUM TO threshold PERCENT requires a table name', to);
    const value = Number(n.text);
    if (!Number.isInteger(value) || value < 0 || value > 100) {
      throw new SqlError(SQLSTATE.invalidParameterValue, `threshold percent must be an integer from 0 to 100: ${n.text}`, { position: n.start + 1 });
    }
    command.threshold = value;
    command.explicitThreshold = true;
    i += 3;
  }
  if (isWord(words[i], 'BOOST')) {
    const boost = words[i]!;
    if (mode === 'REINDEX') throw fail('BOOST is not supported with VACUUM REINDEX', boost);
    if (!command.table) throw fail('VACUUM BOOST requires a table name', boost);
    command.boost = mode !== 'DELETE ONLY';
    i++;
  }
  if ((mode === 'REINDEX' || mode === 'RECLUSTER') && !command.table) throw fail(`VACUUM ${mode} requires a table name`, words[0]);
  if (i < words.length) throw fail(`syntax error at or near "${words[i]!.text}"`, words[i]);
  return command;
}
