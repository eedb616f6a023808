import { SqlError, SQLSTATE } from '../../errors/sql-error';
import type { Statement } from '../../sql/splitter';
import { identifierName, keyword, stringValue, type Token } from '../../sql/tokenizer';

/** A parsed Redshift COPY … FROM statement. */
export interface CopyCommand {
  schema?: string;
  table: string;
  /** Offset of the table name in the statement (for error positions). */
  tableAt: number;
  columns?: string[];
  source: string;
  sourceAt: number;
  /** The role ARN or `default` (IAM_ROLE or CREDENTIALS 'aws_iam_role=…'); undefined with access keys. */
  iamRole?: string;
  accessKeys: boolean;
  csv: boolean;
  quote: string;
  delimiter: string;
  ignoreHeader: number;
  removeQuotes: boolean;
  dateFormat: string;
  timeFormat: string;
  nullAs: string;
  emptyAsNull: boolean;
  blanksAsNull: boolean;
  fillRecord: boolean;
  truncateColumns: boolean;
  trimBlanks: boolean;
  ignoreBlankLines: boolean;
  maxError: number;
  gzip: boolean;
  manifest: boolean;
  noload: boolean;
  region?: string;
  /** FORMAT AS JSON 'auto' | 'auto ignorecase': one row per root-level JSON object. */
  json?: 'auto' | 'auto ignorecase';
}

/** Options that take no value and that the lab accepts without changing the load. */
const ACCEPTED_FLAGS = new Set(['STATUPDATE', 'COMPUPDATE', 'ACCEPTANYDATE', 'ROUNDEC', 'EXPLICIT_IDS', 'ESCAPE', 'ACCEPTINVCHARS', 'BZIP2', 'LZOP', 'ZSTD', 'READRATIO', 'SSH']);
const ON_OFF = new Set(['ON', 'OFF', 'TRUE', 'FALSE']);

export function isCopyFrom(statement: Statement): boolean {
  const w = statement.words;
  if (keyword(w[0]) !== 'COPY') return false;
  return w.some((t) => keyword(t) === 'FROM');
}

export function parseCopy(statement: Statement): CopyCommand {
  const w = statement.words;
  let i = 1;
  const fail = (message: string, at: Token | undefined = w[i]) =>
    new SqlError(SQLSTATE.syntaxError, message, { position: (at?.start ?? statement.text.length) + 1 });
  const name = (): string => {
    const t = w[i];
    if (!t || (t.kind !== 'word' && t.kind !== 'quoted')) throw fail(`syntax error at or near "${t?.text ?? 'end of input'}"`);
    i++;
    return identifierName(t);
  };
  const str = (what: string): string => {
    const t = w[i];
    if (t?.kind !== 'string') throw fail(`syntax error at or near "${t?.text ?? 'end of input'}": ${what} must be a quoted string`);
    i++;
    return stringValue(t);
  };
  const optionalAs = () => {
    if (keyword(w[i]) === 'AS') i++;
  };
  const tableAt = w[i]?.start ?? 0;
  let table = name();
  let schema: string | undefined;
  if (w[i]?.text === '.') {
    i++;
    schema = table;
    table = name();
  }
  let columns: string[] | undefined;
  if (w[i]?.text === '(') {
    i++;
    columns = [];
    while (w[i] && w[i]!.text !== ')') {
      columns.push(name());
      if (w[i]?.text === ',') i++;
    }
    if (w[i]?.text !== ')') throw fail('syntax error: unterminated column list');
    i++;
  }
  if (keyword(w[i]) !== 'FROM') throw fail(`syntax error at or near "${w[i]?.text ?? 'end of input'}"`);
  i++;
  const sourceAt = w[i]?.start ?? 0;
  const source = str('the data source');
  const command: CopyCommand = {
    table, tableAt, source, sourceAt, accessKeys: false, csv: false, quote: '"', delimiter: '|', ignoreHeader: 0, removeQuotes: false,
    dateFormat: 'YYYY-MM-DD', timeFormat: 'YYYY-MM-DD HH:MI:SS', nullAs: '\\N', emptyAsNull: false, blanksAsNull: false,
    fillRecord: false, truncateColumns: false, trimBlanks: false, ignoreBlankLines: false, maxError: 0, gzip: false, manifest: false, noload: false,
  };
  if (schema !== undefined) command.schema = schema;
  if (columns) command.columns = columns;
  let delimiterGiven = false;
  while (i < w.length) {
    const t = w[i]!;
    const k = keyword(t);
    i++;
    switch (k) {
      case 'IAM_ROLE':
        if (keyword(w[i]) === 'DEFAULT') {
          i++;
          command.iamRole = 'default';
        } else command.iamRole = str('IAM_ROLE');
        break;
      case 'WITH':
        break;
      case 'CREDENTIALS': {
        optionalAs();
        const credentials = str('CREDENTIALS');
        const role = /aws_iam_role=([^;]+)/i.exec(credentials);
        if (role) command.iamRole = role[1]!.trim();
        else if (/aws_access_key_id=/i.test(credentials)) command.accessKeys = true;
        else throw fail(`Invalid credentials. Must be of the format: credentials 'aws_iam_role=...' or 'aws_access_key_id=...;aws_secret_access_key=...[;token=...]'`, t);
        break;
      }
      case 'ACCESS_KEY_ID':
      case 'SECRET_ACCESS_KEY':
      case 'SESSION_TOKEN':
        str(k);
        command.accessKeys = true;
        break;
      case 'FORMAT':
        optionalAs();
        break;
      case 'CSV':
        command.csv = true;
        if (keyword(w[i]) === 'QUOTE') {
          i++;
          optionalAs();
          command.quote = str('QUOTE');
          if (command.quote.length !== 1) throw fail('QUOTE must be a single character', w[i - 1]);
        }
        break;
      case 'DELIMITER':
        optionalAs();
        command.delimiter = unescapeChar(str('DELIMITER'));
        delimiterGiven = true;
        if (command.delimiter.length !== 1) throw fail('DELIMITER must be a single character', w[i - 1]);
        break;
      case 'IGNOREHEADER':
        optionalAs();
        command.ignoreHeader = integer(w[i++], fail);
        break;
      case 'MAXERROR':
        optionalAs();
        command.maxError = Math.min(100000, integer(w[i++], fail));
        break;
      case 'REMOVEQUOTES':
        command.removeQuotes = true;
        break;
      case 'DATEFORMAT':
        optionalAs();
        command.dateFormat = str('DATEFORMAT');
        break;
      case 'TIMEFORMAT':
        optionalAs();
        command.timeFormat = str('TIMEFORMAT');
        break;
      case 'NULL':
        optionalAs();
        command.nullAs = str('NULL AS');
        break;
      case 'EMPTYASNULL':
        command.emptyAsNull = true;
        break;
      case 'BLANKSASNULL':
        command.blanksAsNull = true;
        break;
      case 'FILLRECORD':
        command.fillRecord = true;
        break;
      case 'TRUNCATECOLUMNS':
        command.truncateColumns = true;
        break;
      case 'TRIMBLANKS':
        command.trimBlanks = true;
        break;
      case 'IGNOREBLANKLINES':
        command.ignoreBlankLines = true;
        break;
      case 'GZIP':
        command.gzip = true;
        break;
      case 'MANIFEST':
        command.manifest = true;
        break;
      case 'NOLOAD':
        command.noload = true;
        break;
      case 'REGION':
        optionalAs();
        command.region = str('REGION');
        break;
      default:
        if (ACCEPTED_FLAGS.has(k)) {
          if (ON_OFF.has(keyword(w[i]))) i++;
          break;
        }
        if (k === 'JSON') {
          optionalAs();
          const argAt = w[i];
          const mode = str('JSON').trim().toLowerCase().replace(/\s+/g, ' ');
          if (mode === 'auto' || mode === 'auto ignorecase') command.json = mode;
          else {
            throw new SqlError(SQLSTATE.featureNotSupported, `JSON '${mode}' is not supported in this lab: use JSON 'auto' or JSON 'auto ignorecase' (JSONPaths files and 'noshred' are not available)`, {
              position: (argAt?.start ?? t.start) + 1,
            });
          }
          break;
        }
        if (k === 'FIXEDWIDTH' || k === 'AVRO' || k === 'PARQUET' || k === 'ORC' || k === 'SHAPEFILE') {
          throw new SqlError(SQLSTATE.featureNotSupported, `COPY format ${k} is not supported in this lab; use CSV or delimited text`, { position: t.start + 1 });
        }
        throw fail(`syntax error at or near "${t.text}"`, t);
    }
  }
  if (command.json) {
    const clash = [command.csv && 'CSV', delimiterGiven && 'DELIMITER', command.removeQuotes && 'REMOVEQUOTES', command.fillRecord && 'FILLRECORD', command.ignoreHeader > 0 && 'IGNOREHEADER'].find(Boolean);
    if (clash) throw new SqlError(SQLSTATE.syntaxError, `${clash} argument is not supported for JSON based COPY`);
  }
  if (command.csv && !delimiterGiven) command.delimiter = ',';
  if (command.csv && command.removeQuotes) throw new SqlError(SQLSTATE.syntaxError, 'CSV is not compatible with REMOVEQUOTES');
  if (!command.iamRole && !command.accessKeys) {
    throw new SqlError(SQLSTATE.syntaxError, 'Missing authorization: add IAM_ROLE \'arn\' | IAM_ROLE default | CREDENTIALS \'aws_iam_role=arn\'');
  }
  return command;
}

function integer(token: Token | undefined, fail: (m: string, at?: Token) => SqlError): number {
  if (token?.kind !== 'number' || !/^\d+$/.test(token.text)) throw fail(`syntax error at or near "${token?.text ?? 'end of input'}"`, token);
  return Number(token.text);
}

/** `'\t'`, octal `'\001'` and plain characters. */
function unescapeChar(text: string): string {
  if (text === '\\t') return '\t';
  const octal = /^\\([0-7]{3})$/.exec(text);
  if (octal) return String.fromCharCode(parseInt(octal[1]!, 8));
  return text;
}
