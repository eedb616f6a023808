import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { Statement } from '../../sql/splitter';
import { identifierName, keyword, stringValue, type Token } from '../../sql/tokenizer';

/** Reads a statement's significant tokens left to right, with Redshift-style syntax errors. */
export class WordCursor {
  index = 0;
  constructor(readonly statement: Statement) {}

  get words(): Token[] {
    return this.statement.words;
  }

  peek(ahead = 0): Token | undefined {
    return this.words[this.index + ahead];
  }

  peekKeyword(ahead = 0): string {
    return keyword(this.peek(ahead));
  }

  atEnd(): boolean {
    return this.index >= this.words.length;
  }

  next(): Token | undefined {
    return this.words[this.index++];
  }

  /** Consumes the keywords if they come next, in order. */
  accept(...keywords: string[]): boolean {
    if (!keywords.every((k, i) => this.peekKeyword(i) === k)) return false;
    this.index += keywords.length;
    return true;
  }

  acceptOp(op: string): boolean {
    const t = this.peek();
    if (t?.kind === 'op' && t.text === op) {
      this.index++;
      return true;
    }
    return false;
  }

  expect(...keywords: string[]): void {
    for (const k of keywords) if (!this.accept(k)) throw this.syntaxError();
  }

  expectOp(op: string): void {
    if (!this.acceptOp(op)) throw this.syntaxError();
  }

  expectEnd(): void {
    if (!this.atEnd()) throw this.syntaxError();
  }

  /** An identifier (plain or quoted). `sys:name` system role names are read as one name. */
  name(): string {
    const t = this.peek();
    if (!t || (t.kind !== 'word' && t.kind !== 'quoted')) throw this.syntaxError();
    this.index++;
    let name = identifierName(t);
    const colon = this.peek();
    const rest = this.peek(1);
    if (name === 'sys' && t.kind === 'word' && colon?.kind === 'op' && colon.text === ':' && rest?.kind === 'word' && colon.start === t.start + t.text.length) {
      this.index += 2;
      name = `sys:${rest.text.toLowerCase()}`;
    }
    return name;
  }

  /** A possibly schema-qualified name, returned as the text PostgreSQL would parse. */
  qualifiedName(): { text: string; parts: string[]; at: number } {
    const at = this.position();
    const first = this.peek();
    const parts = [this.name()];
    let text = first!.text;
    while (this.acceptOp('.')) {
      const t = this.peek();
      parts.push(this.name());
      text += `.${t!.text}`;
    }
    return { text, parts, at };
  }

  string(): string {
    const t = this.peek();
    if (!t || t.kind !== 'string') throw this.syntaxError();
    this.index++;
    return stringValue(t);
  }

  /** 1-based position of the next token (or the end of the statement). */
  position(ahead = 0): number {
    const t = this.peek(ahead);
    return t ? t.start + 1 : this.statement.text.length + 1;
  }

  syntaxError(): SqlError {
    const t = this.peek();
    const near = t ? t.text : 'end of input';
    return new SqlError(SQLSTATE.syntaxError, `syntax error at or near "${near}"`, { position: this.position() });
  }

  /** Text of the statement from the next token to the end. */
  rest(): string {
    const t = this.peek();
    return t ? this.statement.text.slice(t.start) : '';
  }
}

export function startsWithWords(statement: Statement, ...expected: string[]): boolean {
  return expected.every((k, i) => keyword(statement.words[i]) === k);
}
