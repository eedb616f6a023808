/**
 * Cuts an object's bytes, arriving in chunks of any size, into pieces of whole lines for KeyCounter:
 * a line cut by a chunk boundary is carried into the next piece, the header line (skip.header.line.count
 * = 1) is dropped, and a last line without a newline gets one. Pieces can then be counted in any
 * order, by any counter (see count-helper.ts).
 */
export const NEWLINE = 10;
export const CR = 13;
export const QUOTE = 34;
const NEWLINE_BYTES = new Uint8Array([NEWLINE]);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether the bytes form valid UTF-8 (PostgreSQL rejects anything else). */
export function validUtf8(bytes: Uint8Array): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const EMPTY = new Uint8Array(0);

export class LinePieces {
  private carry: Uint8Array | undefined;
  private headerPending: boolean;

  constructor(private readonly header: boolean) {
    this.headerPending = header;
  }

  /** The whole lines completed by `chunk` (possibly none); false when the header needs PostgreSQL. */
  push(chunk: Uint8Array): Uint8Array | false {
    let bytes = this.carry ? concat(this.carry, chunk) : chunk;
    this.carry = undefined;
    if (this.headerPending) {
      const end = bytes.indexOf(NEWLINE);
      if (end < 0) {
        this.carry = bytes;
        return EMPTY;
      }
      if (!plainHeader(bytes.subarray(0, end))) return false;
      this.headerPending = false;
      bytes = bytes.subarray(end + 1);
    }
    const lastNewline = bytes.lastIndexOf(NEWLINE);
    if (lastNewline + 1 < bytes.length) this.carry = bytes.slice(lastNewline + 1);
    return lastNewline < 0 ? EMPTY : bytes.subarray(0, lastNewline + 1);
  }

  /** Ends the object: its last line if it lacked a newline; false when the header needs PostgreSQL. */
  endObject(): Uint8Array | false {
    const last = this.carry;
    const headerOnly = this.headerPending;
    this.carry = undefined;
    this.headerPending = this.header;
    if (!last) return EMPTY;
    if (headerOnly) return plainHeader(last) ? EMPTY : false;
    return concat(last, NEWLINE_BYTES);
  }
}

/** A header line PostgreSQL would also skip as one line: no quotes (a quoted field may span lines), no CR or NUL, valid UTF-8. */
function plainHeader(line: Uint8Array): boolean {
  return line.indexOf(QUOTE) < 0 && line.indexOf(CR) < 0 && line.indexOf(0) < 0 && validUtf8(line);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
