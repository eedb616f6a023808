/** Splits delimited text into records and fields the way COPY reads them. */

export interface ReaderOptions {
  delimiter: string;
  /** CSV quoting (quoted fields may hold delimiters, doubled quotes and newlines). */
  csv: boolean;
  quote: string;
  /** REMOVEQUOTES: surrounding double quotes are removed, delimiters inside them kept. */
  removeQuotes: boolean;
}

export interface RawRecord {
  /** 1-based line number in the file where the record starts. */
  line: number;
  /** Byte-ish (character) offset of the record in the file. */
  offset: number;
  raw: string;
  fields: string[];
  /** Field i was quoted in the input (CSV), so an empty value is an empty string, not NULL. */
  quoted?: boolean[];
  /** A parse problem that makes the whole record bad. */
  problem?: { code: number; reason: string };
}

/** Calls `visit` for each record of `text`; fast path for lines without quote characters. */
export function readRecords(text: string, options: ReaderOptions, visit: (record: RawRecord) => void): void {
  const quote = options.csv ? options.quote : '"';
  const quoting = options.csv || options.removeQuotes;
  const { delimiter } = options;
  let pos = 0;
  let line = 1;
  const n = text.length;
  while (pos < n) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1) nl = n;
    let end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const simple = text.slice(pos, end);
    if (!quoting || simple.indexOf(quote) === -1) {
      visit({ line, offset: pos, raw: simple, fields: simple.split(delimiter) });
      pos = nl + 1;
      line++;
      continue;
    }
    // Slow path: walk characters, quotes may span lines.
    const fields: string[] = [];
    const quoted: boolean[] = [];
    let field = '';
    let inQuotes = false;
    let wasQuoted = false;
    let i = pos;
    let startLine = line;
    let problem: RawRecord['problem'];
    for (; i < n; i++) {
      const c = text[i]!;
      if (inQuotes) {
        if (c === quote) {
          if (text[i + 1] === quote) {
            field += quote;
            i++;
          } else inQuotes = false;
        } else {
          if (c === '\n') line++;
          field += c;
        }
        continue;
      }
      if (c === quote && field === '' && !wasQuoted) {
        inQuotes = true;
        wasQuoted = true;
      } else if (c === delimiter) {
        fields.push(field);
        quoted.push(wasQuoted);
        field = '';
        wasQuoted = false;
      } else if (c === '\n') {
        break;
      } else if (c === '\r' && text[i + 1] === '\n') {
        continue;
      } else {
        if (wasQuoted && !problem) problem = { code: 1216, reason: `Invalid quote formatting for ${options.csv ? 'CSV' : 'REMOVEQUOTES'}` };
        field += c;
      }
    }
    if (inQuotes) problem = { code: 1216, reason: 'Unterminated quoted string (missing closing quote)' };
    fields.push(field);
    quoted.push(wasQuoted);
    end = i;
    const record: RawRecord = { line: startLine, offset: pos, raw: text.slice(pos, end).replace(/\r$/, ''), fields, quoted };
    if (problem) record.problem = problem;
    visit(record);
    pos = i + 1;
    line++;
    startLine = line;
  }
}
