import { SqlError, SQLSTATE } from '../../errors/sql-error';
import { synth } from '../../sql/rewrite/render';
import { identifierName, keyword, type Token } from '../../sql/tokenizer';
import { isPunct, matchingParen, nextSignificantIndex, significant, splitArguments } from '../../sql/dialect/token-utils';
import { emptyAttributes, ENCODINGS, type TableAttributes } from './table-attributes';

/** A Redshift CREATE TABLE taken apart: PostgreSQL tokens plus the Redshift-only attributes. */
export interface ParsedCreateTable {
  /** The statement without Redshift clauses (dialect passes still to run). */
  tokens: Token[];
  /** Name as written (after `#temp` handling), e.g. `raw_data.user_property`. */
  nameText: string;
  ifNotExists: boolean;
  /** Parent of `(LIKE parent …)`, as written. */
  likeParent?: string;
  attrs: TableAttributes;
}

const syntaxError = (token: Token | undefined, fallbackAt: number) =>
  new SqlError(SQLSTATE.syntaxError, token ? `syntax error at or near "${token.text}"` : 'syntax error at end of input', {
    position: (token?.start ?? fallbackAt) + 1,
  });

/** Parses CREATE [LOCAL] [TEMP] TABLE [IF NOT EXISTS] name [( … )] [attributes] [AS query]. */
export function parseCreateTable(tokens: Token[]): ParsedCreateTable {
  const attrs = emptyAttributes();
  let i = nextSignificantIndex(tokens, -1); // CREATE
  while (keyword(tokens[i]) !== 'TABLE') i = nextSignificantIndex(tokens, i);
  let ifNotExists = false;
  let nameStart = nextSignificantIndex(tokens, i);
  if (keyword(tokens[nameStart]) === 'IF') {
    ifNotExists = true;
    nameStart = nextSignificantIndex(tokens, nextSignificantIndex(tokens, nextSignificantIndex(tokens, nameStart)));
  }
  let nameEnd = nameStart;
  while (isPunct(tokens[nextSignificantIndex(tokens, nameEnd)], '.')) nameEnd = nextSignificantIndex(tokens, nextSignificantIndex(tokens, nameEnd));
  if (nameStart === -1 || !tokens[nameEnd]) throw syntaxError(undefined, tokens.at(-1)?.start ?? 0);
  const nameText = significant(tokens.slice(nameStart, nameEnd + 1)).map(nameTokenText).join('');

  const out: Token[] = tokens.slice(0, nameEnd + 1);
  let likeParent: string | undefined;
  let j = nameEnd + 1;
  const open = nextSignificantIndex(tokens, nameEnd);
  if (isPunct(tokens[open], '(')) {
    const close = matchingParen(tokens, open);
    if (close === -1) throw syntaxError(undefined, tokens.at(-1)!.start + tokens.at(-1)!.text.length);
    out.push(...tokens.slice(nameEnd + 1, open + 1));
    const elements = splitArguments(tokens.slice(open + 1, close));
    elements.forEach((element, index) => {
      if (index > 0) out.push(synth(',', significant(element)[0]?.start ?? tokens[close]!.start, 'op'));
      const first = significant(element)[0];
      if (keyword(first) === 'LIKE') {
        likeParent = significant(element).slice(1).filter((t) => !['INCLUDING', 'EXCLUDING', 'DEFAULTS'].includes(keyword(t))).map(nameTokenText).join('');
        out.push(...element);
      } else if (['PRIMARY', 'UNIQUE', 'FOREIGN', 'CONSTRAINT', 'CHECK'].includes(keyword(first))) {
        out.push(...element);
      } else {
        out.push(...columnDefinition(element, attrs));
      }
    });
    out.push(tokens[close]!);
    j = close + 1;
  }
  // Table attributes, in any order, up to AS (CTAS) or the end.
  while (j < tokens.length) {
    const t = tokens[j]!;
    const word = keyword(t);
    if (word === 'AS') {
      out.push(...tokens.slice(j));
      break;
    }
    const next = nextSignificantIndex(tokens, j);
    if (word === 'DISTSTYLE') {
      const value = keyword(tokens[next]);
      if (!['AUTO', 'EVEN', 'KEY', 'ALL'].includes(value)) throw syntaxError(tokens[next], t.start);
      attrs.diststyle = { value: value as 'AUTO' | 'EVEN' | 'KEY' | 'ALL', token: t };
      j = next + 1;
    } else if (word === 'DISTKEY') {
      const columns = columnList(tokens, next, t);
      attrs.distkeys.push(...columns.names);
      j = columns.end + 1;
    } else if (word === 'COMPOUND' || word === 'INTERLEAVED' || word === 'SORTKEY') {
      const sortkeyAt = word === 'SORTKEY' ? j : next;
      if (keyword(tokens[sortkeyAt]) !== 'SORTKEY') throw syntaxError(tokens[sortkeyAt], t.start);
      if (attrs.tableSortkeyToken) throw new SqlError(SQLSTATE.syntaxError, 'multiple SORTKEY clauses specified', { position: t.start + 1 });
      attrs.tableSortkeyToken = t;
      const after = nextSignificantIndex(tokens, sortkeyAt);
      if (keyword(tokens[after]) === 'AUTO' && word === 'SORTKEY') {
        attrs.sortkeyType = 'auto';
        j = after + 1;
      } else {
        const columns = columnList(tokens, after, tokens[sortkeyAt]!);
        attrs.sortkeyType = word === 'INTERLEAVED' ? 'interleaved' : 'compound';
        attrs.sortkeys = columns.names;
        j = columns.end + 1;
      }
    } else if (word === 'ENCODE') {
      if (keyword(tokens[next]) !== 'AUTO') throw syntaxError(tokens[next], t.start);
      attrs.encodeAuto = true;
      j = next + 1;
    } else if (word === 'BACKUP') {
      const value = keyword(tokens[next]);
      if (value !== 'YES' && value !== 'NO') throw syntaxError(tokens[next], t.start);
      attrs.backup = value === 'YES';
      j = next + 1;
    } else {
      out.push(t);
      j++;
    }
  }
  const parsed: ParsedCreateTable = { tokens: out, nameText, ifNotExists, attrs };
  if (likeParent) parsed.likeParent = likeParent;
  return parsed;
}

function nameTokenText(token: Token): string {
  if (token.kind === 'word' && token.text.startsWith('#')) return `"${token.text.toLowerCase()}"`;
  return token.text;
}

/** `( col [, col …] )` at `open`: the names and the index of `)`. */
function columnList(tokens: Token[], open: number, clause: Token): { names: Array<{ name: string; token: Token }>; end: number } {
  if (!isPunct(tokens[open], '(')) throw syntaxError(tokens[open], clause.start + clause.text.length);
  const close = matchingParen(tokens, open);
  if (close === -1) throw syntaxError(undefined, tokens.at(-1)!.start + tokens.at(-1)!.text.length);
  const names = splitArguments(tokens.slice(open + 1, close)).map((arg) => {
    const sig = significant(arg);
    if (sig.length !== 1 || (sig[0]!.kind !== 'word' && sig[0]!.kind !== 'quoted')) throw syntaxError(sig[1] ?? sig[0], tokens[open]!.start);
    return { name: identifierName(sig[0]!), token: sig[0]! };
  });
  if (names.length === 0) throw syntaxError(tokens[close], tokens[open]!.start);
  return { names, end: close };
}

const DEFAULT_LENGTH_TYPES: Record<string, string> = { text: 'varchar(256)', varchar: 'varchar(256)', nvarchar: 'varchar(256)', bpchar: 'char(256)' };

/** One column definition: Redshift column attributes stripped or translated, TEXT → VARCHAR(256). */
function columnDefinition(element: Token[], attrs: TableAttributes): Token[] {
  const sig = significant(element);
  const column = sig[0];
  if (!column) return element;
  const columnName = identifierName(column);
  const out: Token[] = [];
  for (let k = 0; k < element.length; k++) {
    const t = element[k]!;
    const word = keyword(t);
    const next = nextSignificantIndex(element, k);
    if (t === sig[1] && DEFAULT_LENGTH_TYPES[t.text.toLowerCase()] && !isPunct(element[next], '(')) {
      out.push(synth(DEFAULT_LENGTH_TYPES[t.text.toLowerCase()]!, t.start));
    } else if (word === 'ENCODE' && t !== column) {
      const encoding = element[next];
      const value = encoding?.kind === 'word' ? encoding.text.toLowerCase() : '';
      if (!ENCODINGS.has(value)) {
        throw new SqlError(SQLSTATE.syntaxError, `invalid encoding type specified for column "${columnName}"`, { position: (encoding ?? t).start + 1 });
      }
      attrs.encodings[columnName] = value;
      k = next;
    } else if (word === 'DISTKEY' && t !== column) {
      attrs.distkeys.push({ name: columnName, token: t });
    } else if (word === 'SORTKEY' && t !== column) {
      attrs.columnSortkeys.push({ name: columnName, token: t });
    } else if (word === 'COLLATE' && ['CASE_SENSITIVE', 'CASE_INSENSITIVE'].includes(keyword(element[next]))) {
      k = next;
    } else if (word === 'IDENTITY' && t !== column && isPunct(element[next], '(')) {
      k = identity(element, next, 'ALWAYS', t, out);
    } else if (word === 'GENERATED' && keyword(element[next]) === 'BY') {
      const identityAt = element.findIndex((x, index) => index > next && keyword(x) === 'IDENTITY');
      const open = nextSignificantIndex(element, identityAt);
      if (identityAt !== -1 && isPunct(element[open], '(')) k = identity(element, open, 'BY DEFAULT', t, out);
      else out.push(t);
    } else {
      out.push(t);
    }
  }
  return out;
}

/** `IDENTITY(seed, step)` at `open` → PostgreSQL identity; returns the index of `)`. */
function identity(element: Token[], open: number, kind: string, at: Token, out: Token[]): number {
  const close = matchingParen(element, open);
  const args = splitArguments(element.slice(open + 1, close === -1 ? element.length : close));
  if (close === -1 || args.length !== 2) throw syntaxError(element[open], at.start);
  const [seed, step] = args.map((arg) => significant(arg).map((x) => x.text).join('')) as [string, string];
  out.push(synth(`GENERATED ${kind} AS IDENTITY (START WITH ${seed} INCREMENT BY ${step})`, at.start));
  return close;
}
