import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { Statement } from '../../sql/splitter';
import { identifierName, keyword, stringValue, type Token } from '../../sql/tokenizer';
import type { ExternalColumn } from './catalog';

/** A cursor over a statement's significant tokens with Redshift-style syntax errors. */
export class Cursor {
  i = 0;
  constructor(readonly statement: Statement) {}
  get w(): Token[] {
    return this.statement.words;
  }
  peek(offset = 0): Token | undefined {
    return this.w[this.i + offset];
  }
  is(...words: string[]): boolean {
    return words.every((word, k) => keyword(this.peek(k)) === word);
  }
  accept(...words: string[]): boolean {
    if (!this.is(...words)) return false;
    this.i += words.length;
    return true;
  }
  error(message?: string, at = this.peek()): SqlError {
    const text = at?.text ?? 'end of input';
    return new SqlError(SQLSTATE.syntaxError, message ?? `syntax error at or near "${text}"`, { position: (at?.start ?? this.statement.text.length) + 1 });
  }
  expect(...words: string[]): void {
    if (!this.accept(...words)) throw this.error();
  }
  name(): string {
    const t = this.peek();
    if (!t || (t.kind !== 'word' && t.kind !== 'quoted')) throw this.error();
    this.i++;
    return identifierName(t);
  }
  string(): string {
    const t = this.peek();
    if (t?.kind !== 'string') throw this.error();
    this.i++;
    return stringValue(t);
  }
  punct(text: string): boolean {
    if (this.peek()?.text !== text) return false;
    this.i++;
    return true;
  }
  /** Text of the tokens from here to the next `,` or `)` at depth 0 (a column type). */
  typeText(): string {
    const start = this.peek();
    let depth = 0;
    let end = this.i;
    while (end < this.w.length) {
      const t = this.w[end]!.text;
      if (depth === 0 && (t === ',' || t === ')')) break;
      if (t === '(') depth++;
      if (t === ')') depth--;
      end++;
    }
    if (end === this.i) throw this.error();
    const last = this.w[end - 1]!;
    this.i = end;
    return this.statement.text.slice(start!.start, last.start + last.text.length).replace(/\s+/g, ' ').toLowerCase();
  }
  columns(): ExternalColumn[] {
    if (!this.punct('(')) throw this.error();
    const columns: ExternalColumn[] = [];
    do {
      const at = this.peek();
      const name = this.name();
      if (name === '$path' || name === '$size' || name === '$spectrum_oid') {
        throw new SqlError(SQLSTATE.syntaxError, `column name "${name}" is reserved for pseudocolumns`, { position: (at?.start ?? 0) + 1 });
      }
      columns.push({ name, type: this.typeText() });
    } while (this.punct(','));
    if (!this.punct(')')) throw this.error();
    return columns;
  }
  /** `( 'k' = 'v' [, …] )` */
  properties(): Record<string, string> {
    const out: Record<string, string> = {};
    if (!this.punct('(')) throw this.error();
    do {
      const key = this.string();
      if (!this.punct('=')) throw this.error();
      out[key] = this.string();
    } while (this.punct(','));
    if (!this.punct(')')) throw this.error();
    return out;
  }
  /** `( col = value [, …] )` of a PARTITION clause. */
  partitionSpec(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    if (!this.punct('(')) throw this.error();
    do {
      const key = this.name();
      if (!this.punct('=')) throw this.error();
      const t = this.peek();
      if (!t || (t.kind !== 'string' && t.kind !== 'number')) throw this.error();
      this.i++;
      out.push([key, t.kind === 'string' ? stringValue(t) : t.text]);
    } while (this.punct(','));
    if (!this.punct(')')) throw this.error();
    return out;
  }
  end(): void {
    if (this.i < this.w.length) throw this.error();
  }
}

/** `'\t'`, `'\001'`, `'\A'` (Hive's default ^A) and plain characters. */
export function delimiterValue(text: string): string {
  if (text === '\\t') return '\t';
  if (text === '\\A' || text === '\\a') return '\u0001';
  const octal = /^\\([0-7]{3})$/.exec(text);
  if (octal) return String.fromCharCode(parseInt(octal[1]!, 8));
  return text;
}
