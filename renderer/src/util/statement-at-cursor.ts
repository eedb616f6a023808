import { splitStatements } from '../../../engine/sql/splitter';

export interface SqlSlice {
  text: string;
  /** 0-based offset of `text` in the editor. */
  offset: number;
}

/**
 * The text to run for "run statement": the selection when there is one, else the statement the
 * cursor is in (or the closest one before it, when the cursor is after a semicolon).
 */
export function sliceToRun(all: string, cursor: number, selection?: { start: number; end: number }): SqlSlice | undefined {
  if (selection && selection.end > selection.start) return { text: all.slice(selection.start, selection.end), offset: selection.start };
  const statements = splitStatements(all);
  if (statements.length === 0) return undefined;
  let chosen = statements[0]!;
  for (const s of statements) {
    if (s.offset <= cursor) chosen = s;
    if (cursor <= s.offset + s.text.length) break;
  }
  return { text: chosen.text, offset: chosen.offset };
}

/** Where an error points in the editor: 0-based offset of SqlErrorShape.position (1-based in the submitted text). */
export function errorOffset(sliceOffset: number, submitted: string, position: number): number {
  return sliceOffset + Math.min(Math.max(position - 1, 0), submitted.length);
}
