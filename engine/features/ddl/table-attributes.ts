import type { Token } from '../../sql/tokenizer';

/** A column named in a Redshift clause, with where it was written (for error positions). */
export interface NamedColumn {
  name: string;
  token: Token;
}

/** Redshift physical-design attributes of a table, as written in CREATE TABLE. */
export interface TableAttributes {
  diststyle?: { value: 'AUTO' | 'EVEN' | 'KEY' | 'ALL'; token: Token };
  distkeys: NamedColumn[];
  sortkeyType?: 'compound' | 'interleaved' | 'auto';
  sortkeys: NamedColumn[];
  /** Column-level SORTKEY markers (only one is allowed, and not with a table SORTKEY). */
  columnSortkeys: NamedColumn[];
  tableSortkeyToken?: Token;
  encodings: Record<string, string>;
  encodeAuto: boolean;
  backup?: boolean;
}

export function emptyAttributes(): TableAttributes {
  return { distkeys: [], sortkeys: [], columnSortkeys: [], encodings: {}, encodeAuto: false };
}

/** True when CREATE TABLE said anything about distribution or sorting (LIKE then does not copy them). */
export function hasPhysicalDesign(attrs: TableAttributes): boolean {
  return attrs.diststyle !== undefined || attrs.distkeys.length > 0 || attrs.sortkeyType !== undefined || attrs.columnSortkeys.length > 0;
}

/** Redshift's column compression encodings. */
export const ENCODINGS = new Set([
  'raw', 'az64', 'bytedict', 'delta', 'delta32k', 'lzo', 'mostly8', 'mostly16', 'mostly32', 'runlength', 'text255', 'text32k', 'zstd',
]);
