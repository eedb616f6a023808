/**
 * Reads the JSON records of a COPY … JSON file: root-level values one after another, separated by
 * whitespace (usually one object per line, but an object may span lines). Numbers keep their text
 * (JSON.parse would round 0.1-style decimals and big integers before the column sees them), and a
 * nested object or array keeps its JSON text.
 */

export type JsonField = { kind: 'null' } | { kind: 'scalar'; text: string; isString: boolean } | { kind: 'nested'; text: string };

export interface JsonRecord {
  /** 1-based line where the record starts. */
  line: number;
  offset: number;
  raw: string;
  /** Root-level object's members (last one wins on duplicate keys), or why the record is unusable. */
  members?: Map<string, JsonField>;
  problem?: string;
}

class JsonSyntax extends Error {}

export function readJsonRecords(text: string, visit: (record: JsonRecord) => void): void {
  const n = text.length;
  let pos = 0;
  let line = 1;
  const skipSpace = () => {
    for (; pos < n; pos++) {
      const c = text.charCodeAt(pos);
      if (c === 10) line++;
      else if (c !== 32 && c !== 9 && c !== 13 && c !== 0xfeff) break;
    }
  };
  skipSpace();
  while (pos < n) {
    const start = pos;
    const startLine = line;
    let members: Map<string, JsonField> | undefined;
    let problem: string | undefined;
    const parser = new Parser(text, pos);
    try {
      if (text[pos] !== '{') {
        parser.value();
        problem = text[pos] === '[' ? "a JSON array needs a JSONPaths file; JSON 'auto' reads objects" : 'the record is not a JSON object';
      } else members = parser.object();
      pos = parser.pos;
    } catch {
      problem = 'Invalid JSON object';
      // Resynchronise at the next line that starts an object.
      const next = text.indexOf('\n{', parser.pos > start ? parser.pos - 1 : start);
      pos = next === -1 ? n : next + 1;
    }
    for (let i = start; i < pos; i++) if (text.charCodeAt(i) === 10) line++;
    const record: JsonRecord = { line: startLine, offset: start, raw: text.slice(start, pos).replace(/\s+$/, '') };
    if (members) record.members = members;
    if (problem) record.problem = problem;
    visit(record);
    skipSpace();
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Parser {
  constructor(
    private readonly text: string,
    public pos: number,
  ) {}

  object(): Map<string, JsonField> {
    const members = new Map<string, JsonField>();
    this.expect('{');
    this.space();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return members;
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"') throw new JsonSyntax();
      const key = this.string();
      this.space();
      this.expect(':');
      this.space();
      const from = this.pos;
      const c = this.text[this.pos];
      if (c === '"') members.set(key, { kind: 'scalar', text: this.string(), isString: true });
      else if (c === '{' || c === '[') {
        this.value();
        members.set(key, { kind: 'nested', text: JSON.stringify(JSON.parse(this.text.slice(from, this.pos))) });
      } else if (this.text.startsWith('null', this.pos)) {
        this.pos += 4;
        members.set(key, { kind: 'null' });
      } else {
        this.value();
        members.set(key, { kind: 'scalar', text: this.text.slice(from, this.pos), isString: false });
      }
      this.space();
      const next = this.text[this.pos++];
      if (next === '}') return members;
      if (next !== ',') throw new JsonSyntax();
    }
  }

  /** Skips any JSON value. */
  value(): void {
    const c = this.text[this.pos];
    if (c === '"') this.string();
    else if (c === '{') this.object();
    else if (c === '[') {
      this.pos++;
      this.space();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return;
      }
      for (;;) {
        this.space();
        this.value();
        this.space();
        const next = this.text[this.pos++];
        if (next === ']') return;
        if (next !== ',') throw new JsonSyntax();
      }
    } else if (this.text.startsWith('true', this.pos)) this.pos += 4;
    else if (this.text.startsWith('false', this.pos)) this.pos += 5;
    else if (this.text.startsWith('null', this.pos)) this.pos += 4;
    else {
      NUMBER.lastIndex = this.pos;
      const m = NUMBER.exec(this.text);
      if (!m || m[0] === '') throw new JsonSyntax();
      this.pos += m[0].length;
    }
  }

  string(): string {
    const start = this.pos;
    this.pos++;
    let escaped = false;
    for (; this.pos < this.text.length; this.pos++) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x5c) {
        escaped = true;
        this.pos++;
      } else if (c === 0x22) break;
      else if (c < 0x20) throw new JsonSyntax();
    }
    if (this.pos >= this.text.length) throw new JsonSyntax();
    this.pos++;
    const body = this.text.slice(start, this.pos);
    return escaped ? (JSON.parse(body) as string) : body.slice(1, -1);
  }

  private space(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  private expect(c: string): void {
    if (this.text[this.pos] !== c) throw new JsonSyntax();
    this.pos++;
  }
}
