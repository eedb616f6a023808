import { SqlError, SQLSTATE } from '../../errors/sql-error';
import { quoteIdent } from '../../sql/quote';
import { keyword } from '../../sql/tokenizer';
import type { StatementContext, StatementHandler } from '../../session/statement-handler';
import { checkRoleFor } from '../iam/check-role';
import { parseS3Uri } from '../s3/s3-uri';
import { catalogOf, knownExternalSchemas, saveCatalog, type ExternalTable } from './catalog';
import { Cursor, delimiterValue } from './ddl-parse';
import { dropViews, materialize } from './materialize';
import { countHelper } from './count-helper';

const notInTransaction = (context: StatementContext, what: string) => {
  if (context.backend.inTransaction()) throw new SqlError(SQLSTATE.activeSqlTransaction, `${what} cannot run inside a transaction block`);
};

/** CREATE EXTERNAL SCHEMA [IF NOT EXISTS] s FROM [DATA CATALOG] DATABASE 'db' IAM_ROLE … [CREATE EXTERNAL DATABASE IF NOT EXISTS] */
export const createExternalSchemaHandler: StatementHandler = {
  name: 'create-external-schema',
  matches: (s) => keyword(s.words[0]) === 'CREATE' && keyword(s.words[1]) === 'EXTERNAL' && keyword(s.words[2]) === 'SCHEMA',
  async run(context) {
    const c = new Cursor(context.statement);
    c.expect('CREATE', 'EXTERNAL', 'SCHEMA');
    const ifNotExists = c.accept('IF', 'NOT', 'EXISTS');
    const nameAt = c.peek();
    const name = c.name();
    c.expect('FROM');
    if (c.is('HIVE') || c.is('POSTGRES') || c.is('MYSQL') || c.is('KINESIS') || c.is('MSK') || c.is('REDSHIFT')) {
      throw new SqlError(SQLSTATE.featureNotSupported, `external schemas FROM ${c.peek()!.text.toUpperCase()} are not available in this lab; use FROM DATA CATALOG`, { position: c.peek()!.start + 1 });
    }
    c.accept('DATA', 'CATALOG');
    let database: string | undefined;
    let role: string | undefined;
    let createDatabase = false;
    while (c.peek()) {
      if (c.accept('DATABASE')) database = c.string();
      else if (c.accept('IAM_ROLE')) role = c.accept('DEFAULT') ? 'default' : c.string();
      else if (c.accept('REGION') || c.accept('CATALOG_ROLE') || c.accept('SCHEMA') || c.accept('CATALOG_ID')) c.string();
      else if (c.accept('CREATE', 'EXTERNAL', 'DATABASE', 'IF', 'NOT', 'EXISTS')) createDatabase = true;
      else throw c.error();
    }
    if (!database) throw c.error('syntax error: DATABASE \'name\' is required');
    if (!role) throw c.error('syntax error: IAM_ROLE is required');
    const catalog = await catalogOf(context);
    const exists = await context.backend.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [name]);
    if (exists.rows.length) {
      if (ifNotExists) {
        const result = context.done('CREATE SCHEMA');
        result.notices.push(`NOTICE:  schema "${name}" already exists, skipping`);
        return result;
      }
      throw new SqlError('42P06', `Schema "${name}" already exists`, { position: (nameAt?.start ?? 0) + 1 });
    }
    const arn = await checkRoleFor(context.services, role, ['s3', 'glue'], { user: context.session.currentUser });
    if (!catalog.databases[database]) {
      if (!createDatabase) throw new SqlError(SQLSTATE.internalError, `External database "${database}" does not exist in the data catalog. Add CREATE EXTERNAL DATABASE IF NOT EXISTS to create it.`);
      catalog.databases[database] = { created: new Date().toISOString(), tables: {} };
    }
    await context.atomic(async () => {
      await context.runAsUser(`CREATE SCHEMA ${quoteIdent(name)}`);
      catalog.schemas[name] = { database, iamRole: role === 'default' ? 'default' : arn, owner: context.session.currentUser, created: new Date().toISOString() };
      await saveCatalog(context, catalog);
    });
    // Tables the database already has (made through another schema or Athena) appear here too.
    for (const table of Object.values(catalog.databases[database]!.tables)) await context.asAdmin(() => materialize(context.backend, context.services.store, name, table));
    return context.done('CREATE SCHEMA');
  },
};

/** CREATE EXTERNAL TABLE s.t (cols) [PARTITIONED BY (…)] [ROW FORMAT …] STORED AS f LOCATION 's3://…' [TABLE PROPERTIES (…)] */
export const createExternalTableHandler: StatementHandler = {
  name: 'create-external-table',
  matches: (s) => keyword(s.words[0]) === 'CREATE' && keyword(s.words[1]) === 'EXTERNAL' && keyword(s.words[2]) === 'TABLE',
  async run(context) {
    notInTransaction(context, 'CREATE EXTERNAL TABLE');
    const c = new Cursor(context.statement);
    c.expect('CREATE', 'EXTERNAL', 'TABLE');
    const ifNotExists = c.accept('IF', 'NOT', 'EXISTS');
    const schemaAt = c.peek();
    const first = c.name();
    if (!c.punct('.')) throw new SqlError(SQLSTATE.syntaxError, 'External table name must be qualified with an external schema', { position: (schemaAt?.start ?? 0) + 1 });
    const name = c.name();
    const catalog = await catalogOf(context);
    const schema = catalog.schemas[first];
    if (!schema) throw new SqlError('3F000', `External schema "${first}" does not exist`, { position: (schemaAt?.start ?? 0) + 1 });
    const columns = c.columns();
    const table: ExternalTable = {
      name, columns, partitionKeys: [], location: '', format: 'TEXTFILE', delimiter: '\u0001', skipHeaderLines: 0, properties: {}, partitions: [], created: new Date().toISOString(),
    };
    let locationAt = c.peek();
    while (c.peek()) {
      if (c.accept('PARTITIONED', 'BY')) table.partitionKeys = c.columns();
      else if (c.accept('ROW', 'FORMAT', 'DELIMITED')) {
        for (;;) {
          if (c.accept('FIELDS', 'TERMINATED', 'BY')) table.delimiter = delimiterValue(c.string());
          else if (c.accept('LINES', 'TERMINATED', 'BY')) c.string();
          else break;
        }
      } else if (c.accept('ROW', 'FORMAT', 'SERDE')) {
        const serde = c.string();
        if (/OpenCSVSerde/i.test(serde)) table.delimiter = ',';
        if (c.accept('WITH', 'SERDEPROPERTIES')) {
          const props = c.properties();
          if (props['separatorChar']) table.delimiter = props['separatorChar'];
          if (props['field.delim']) table.delimiter = delimiterValue(props['field.delim']);
        }
      } else if (c.accept('STORED', 'AS')) {
        const formatAt = c.peek();
        const format = c.name().toUpperCase();
        if (format !== 'TEXTFILE' && format !== 'PARQUET') {
          throw new SqlError(SQLSTATE.featureNotSupported, `STORED AS ${format} is not supported in this lab; use TEXTFILE or PARQUET`, { position: (formatAt?.start ?? 0) + 1 });
        }
        table.format = format;
      } else if (c.is('LOCATION')) {
        c.i++;
        locationAt = c.peek();
        table.location = c.string();
      } else if (c.accept('TABLE', 'PROPERTIES')) table.properties = c.properties();
      else throw c.error();
    }
    if (!table.location) throw c.error('syntax error: LOCATION \'s3://bucket/folder/\' is required');
    if (!parseS3Uri(table.location)) throw new SqlError(SQLSTATE.invalidParameterValue, `Invalid LOCATION '${table.location}': it must be an s3://bucket/folder/ URI`, { position: (locationAt?.start ?? 0) + 1 });
    const skip = table.properties['skip.header.line.count'];
    if (skip !== undefined) table.skipHeaderLines = Number(skip) || 0;
    if (table.properties['serialization.null.format'] !== undefined) table.nullFormat = table.properties['serialization.null.format'];
    for (const key of table.partitionKeys) {
      if (columns.some((col) => col.name === key.name)) throw new SqlError('42701', `column "${key.name}" duplicated: partition columns can't also be table columns`);
    }
    const owner = await context.backend.query(
      `SELECT n.nspowner = r.oid OR r.rolsuper FROM pg_namespace n, pg_roles r WHERE n.nspname = $1 AND r.rolname = $2`,
      [first, context.session.currentUser],
    );
    if (owner.rows[0]?.[0] !== true) throw new SqlError(SQLSTATE.insufficientPrivilege, `must be owner of schema ${first}`);
    const tables = catalog.databases[schema.database]!.tables;
    if (tables[name]) {
      if (ifNotExists) return context.done('CREATE EXTERNAL TABLE');
      throw new SqlError('42P07', `relation "${name}" already exists`);
    }
    tables[name] = table;
    try {
      await context.asAdmin(() => materialize(context.backend, context.services.store, first, table));
    } catch (e) {
      delete tables[name];
      throw e;
    }
    await saveCatalog(context, catalog);
    countHelper()?.warm(); // the table's first query is likely to follow
    return context.done('CREATE EXTERNAL TABLE');
  },
};

const externalTarget = (s: { words: { text: string }[] }, from: number) =>
  knownExternalSchemas.has(identifierOf(s.words[from]?.text)) && s.words[from + 1]?.text === '.';

/** The pre-filter's names are process-wide; this asks the workspace's own catalog. */
async function isExternalHere(context: StatementContext, schemaWord: number): Promise<boolean> {
  return (await catalogOf(context)).schemas[identifierOf(context.statement.words[schemaWord]?.text)] !== undefined;
}

function identifierOf(text: string | undefined): string {
  if (!text) return '';
  return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text.toLowerCase();
}

/** ALTER TABLE ext.t ADD [IF NOT EXISTS] PARTITION (…) LOCATION '…' [, …] | DROP PARTITION (…) */
export const alterExternalTableHandler: StatementHandler = {
  name: 'alter-external-table',
  matches: (s) => keyword(s.words[0]) === 'ALTER' && keyword(s.words[1]) === 'TABLE' && externalTarget(s, 2),
  async run(context) {
    if (!(await isExternalHere(context, 2))) return context.handOn(alterExternalTableHandler);
    notInTransaction(context, 'ALTER EXTERNAL TABLE');
    const c = new Cursor(context.statement);
    c.expect('ALTER', 'TABLE');
    const schemaName = c.name();
    c.punct('.');
    const tableAt = c.peek();
    const name = c.name();
    const catalog = await catalogOf(context);
    const schema = catalog.schemas[schemaName]!;
    const table = catalog.databases[schema.database]?.tables[name];
    if (!table) throw new SqlError(SQLSTATE.undefinedTable, `relation "${schemaName}.${name}" does not exist`, { position: (tableAt?.start ?? 0) + 1 });
    await requireOwner(context, schemaName);
    const spec = () => {
      const values = c.partitionSpec();
      if (values.length !== table.partitionKeys.length || values.some(([k], i) => table.partitionKeys[i]!.name !== k)) {
        throw new SqlError(SQLSTATE.invalidParameterValue, `partition columns must be (${table.partitionKeys.map((k) => k.name).join(', ')}), in order`);
      }
      return values.map(([, v]) => v);
    };
    if (c.accept('ADD')) {
      const ifNotExists = c.accept('IF', 'NOT', 'EXISTS');
      do {
        c.expect('PARTITION');
        const values = spec();
        c.expect('LOCATION');
        const location = c.string();
        if (!parseS3Uri(location)) throw new SqlError(SQLSTATE.invalidParameterValue, `Invalid LOCATION '${location}'`);
        const existing = table.partitions.find((p) => p.values.join('\u0000') === values.join('\u0000'));
        if (existing) {
          if (!ifNotExists) throw new SqlError(SQLSTATE.duplicateObject, `Partition already exists.`);
          continue;
        }
        table.partitions.push({ values, location });
      } while (c.punct(',') || c.is('PARTITION'));
    } else if (c.accept('DROP', 'PARTITION')) {
      const values = spec();
      const before = table.partitions.length;
      table.partitions = table.partitions.filter((p) => p.values.join('\u0000') !== values.join('\u0000'));
      if (table.partitions.length === before) throw new SqlError(SQLSTATE.undefinedObject, 'Partition does not exist.');
    } else if (c.accept('SET', 'LOCATION')) {
      table.location = c.string();
    } else throw c.error();
    c.end();
    await context.asAdmin(() => materialize(context.backend, context.services.store, schemaName, table));
    await saveCatalog(context, catalog);
    return context.done('ALTER TABLE');
  },
};

async function requireOwner(context: StatementContext, schemaName: string): Promise<void> {
  const owner = await context.backend.query(
    `SELECT n.nspowner = r.oid OR r.rolsuper FROM pg_namespace n, pg_roles r WHERE n.nspname = $1 AND r.rolname = $2`,
    [schemaName, context.session.currentUser],
  );
  if (owner.rows[0]?.[0] !== true) throw new SqlError(SQLSTATE.insufficientPrivilege, `must be owner of schema ${schemaName}`);
}

/** DROP TABLE [IF EXISTS] ext.t — removes the table from the data catalog (its S3 objects stay). */
export const dropExternalTableHandler: StatementHandler = {
  name: 'drop-external-table',
  matches: (s) => keyword(s.words[0]) === 'DROP' && keyword(s.words[1]) === 'TABLE' && (externalTarget(s, 2) || (keyword(s.words[2]) === 'IF' && externalTarget(s, 4))),
  async run(context) {
    const w = context.statement.words;
    if (!(await isExternalHere(context, keyword(w[2]) === 'IF' ? 4 : 2))) return context.handOn(dropExternalTableHandler);
    notInTransaction(context, 'DROP EXTERNAL TABLE');
    const c = new Cursor(context.statement);
    c.expect('DROP', 'TABLE');
    const ifExists = c.accept('IF', 'EXISTS');
    const schemaName = c.name();
    c.punct('.');
    const tableAt = c.peek();
    const name = c.name();
    if (c.peek()?.text === ',') throw new SqlError(SQLSTATE.featureNotSupported, 'drop external tables one at a time', { position: c.peek()!.start + 1 });
    const catalog = await catalogOf(context);
    const schema = catalog.schemas[schemaName]!;
    const tables = catalog.databases[schema.database]?.tables ?? {};
    if (!tables[name]) {
      if (ifExists) return context.done('DROP TABLE');
      throw new SqlError(SQLSTATE.undefinedTable, `table "${name}" does not exist`, { position: (tableAt?.start ?? 0) + 1 });
    }
    await requireOwner(context, schemaName);
    delete tables[name];
    await context.asAdmin(async () => {
      for (const [local, s] of Object.entries(catalog.schemas)) if (s.database === schema.database) await dropViews(context.backend, local, name);
    });
    await saveCatalog(context, catalog);
    return context.done('DROP TABLE');
  },
};

/** DROP SCHEMA ext [DROP EXTERNAL DATABASE] [CASCADE|RESTRICT] */
export const dropExternalSchemaHandler: StatementHandler = {
  name: 'drop-external-schema',
  matches: (s) =>
    keyword(s.words[0]) === 'DROP' && keyword(s.words[1]) === 'SCHEMA' &&
    (knownExternalSchemas.has(identifierOf(s.words[2]?.text)) || (keyword(s.words[2]) === 'IF' && knownExternalSchemas.has(identifierOf(s.words[4]?.text)))),
  async run(context) {
    const c = new Cursor(context.statement);
    c.expect('DROP', 'SCHEMA');
    const ifExists = c.accept('IF', 'EXISTS');
    const name = c.name();
    const dropDatabase = c.accept('DROP', 'EXTERNAL', 'DATABASE');
    c.accept('CASCADE');
    c.accept('RESTRICT');
    c.end();
    const catalog = await catalogOf(context);
    const schema = catalog.schemas[name];
    if (!schema) return context.handOn(dropExternalSchemaHandler);
    await context.atomic(async () => {
      await context.asAdmin(async () => {
        for (const table of Object.keys(catalog.databases[schema.database]?.tables ?? {})) await dropViews(context.backend, name, table);
      });
      await context.runAsUser(`DROP SCHEMA ${ifExists ? 'IF EXISTS ' : ''}${quoteIdent(name)}`);
      delete catalog.schemas[name];
      if (dropDatabase) delete catalog.databases[schema.database];
      await saveCatalog(context, catalog);
    });
    knownExternalSchemas.delete(name);
    return context.done('DROP SCHEMA');
  },
};
