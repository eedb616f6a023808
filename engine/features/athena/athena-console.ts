import { AwsError, ok, type ConsoleContext, type ConsoleOperation } from '../../console/console-command';
import { LocalS3, parseS3Uri, S3Problem } from '../s3';
import { athenaResultSet } from './result-set';
import { AthenaError, runAthenaQuery, type AthenaResult } from './run-athena-query';

/** What `aws athena get-query-execution` reports about one query, kept in the workspace. */
interface QueryExecution {
  QueryExecutionId: string;
  Query: string;
  StatementType: 'DML';
  ResultConfiguration: { OutputLocation?: string };
  QueryExecutionContext: { Database?: string; Catalog: 'AwsDataCatalog' };
  Status: { State: 'SUCCEEDED' | 'FAILED'; StateChangeReason?: string; SubmissionDateTime: string; CompletionDateTime: string };
  Statistics: { EngineExecutionTimeInMillis: number; DataScannedInBytes: number; TotalExecutionTimeInMillis: number };
  WorkGroup: 'primary';
}

const HISTORY = 'meta/athena-queries.json';
const KEEP = 200;

/** `Database=db,Catalog=…` / `OutputLocation=s3://…` shorthand, as the AWS CLI accepts it. */
function shorthand(value: string | true | undefined, key: string): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value.trim().startsWith('{')) return (JSON.parse(value) as Record<string, string>)[key];
  return value.split(',').map((p) => p.split('=')).find(([k]) => k?.trim() === key)?.[1]?.trim();
}

function csvCell(value: string | null): string {
  return value === null ? '' : `"${value.replace(/"/g, '""')}"`;
}

/** Athena writes every result as a CSV with a quoted header to OutputLocation/<id>.csv. */
function resultCsv(result: AthenaResult): string {
  const lines = [result.columns.map((c) => csvCell(c.name)).join(','), ...result.rows.map((r) => r.map(csvCell).join(','))];
  return lines.join('\n') + '\n';
}

async function history(context: ConsoleContext): Promise<QueryExecution[]> {
  return (await context.warehouse.store.readJson<QueryExecution[]>(HISTORY)) ?? [];
}

async function findExecution(context: ConsoleContext, operation: string): Promise<QueryExecution> {
  const id = context.options.get('query-execution-id');
  if (typeof id !== 'string') throw new AwsError('InvalidRequestException', 'QueryExecutionId is required', operation);
  const found = (await history(context)).find((q) => q.QueryExecutionId === id);
  if (!found) throw new AwsError('InvalidRequestException', `QueryExecution ${id} was not found`, operation);
  return found;
}

const startQueryExecution: ConsoleOperation = {
  service: 'athena',
  name: 'start-query-execution',
  summary: 'run an Athena query over the Glue catalog and store its result CSV in S3',
  async run(context) {
    const query = context.options.get('query-string');
    if (typeof query !== 'string') throw new AwsError('InvalidRequestException', 'QueryString is required', 'StartQueryExecution');
    const database = shorthand(context.options.get('query-execution-context'), 'Database');
    const output = shorthand(context.options.get('result-configuration'), 'OutputLocation');
    const target = output ? parseS3Uri(output) : undefined;
    if (output && !target) throw new AwsError('InvalidRequestException', `outputLocation is not a valid S3 path: ${output}`, 'StartQueryExecution');
    const s3 = new LocalS3(context.warehouse.store);
    if (target && !(await s3.bucketExists(target.bucket))) {
      throw new AwsError('InvalidRequestException', `Unable to verify/create output bucket ${target.bucket}`, 'StartQueryExecution');
    }
    const id = crypto.randomUUID();
    const resultKey = target ? `${target.key.replace(/^\/+/, '').replace(/([^/])$/, '$1/')}${id}.csv` : '';
    const submitted = new Date().toISOString();
    const execution: QueryExecution = {
      QueryExecutionId: id,
      Query: query,
      StatementType: 'DML',
      ResultConfiguration: target ? { OutputLocation: `s3://${target.bucket}/${resultKey}` } : {},
      QueryExecutionContext: { ...(database ? { Database: database } : {}), Catalog: 'AwsDataCatalog' },
      Status: { State: 'SUCCEEDED', SubmissionDateTime: submitted, CompletionDateTime: submitted },
      Statistics: { EngineExecutionTimeInMillis: 0, DataScannedInBytes: 0, TotalExecutionTimeInMillis: 0 },
      WorkGroup: 'primary',
    };
    try {
      const result = await runAthenaQuery(context.warehouse, query, database ? { database } : {});
      execution.Statistics = { EngineExecutionTimeInMillis: Math.round(result.elapsedMs), DataScannedInBytes: result.scan.bytes, TotalExecutionTimeInMillis: Math.round(result.elapsedMs) };
      if (target) {
        await s3.put(target.bucket, resultKey, resultCsv(result));
        await s3.put(target.bucket, `${resultKey}.metadata`, JSON.stringify(athenaResultSet(result)));
      }
    } catch (e) {
      if (!(e instanceof AthenaError) && !(e instanceof S3Problem)) throw e;
      execution.Status = { ...execution.Status, State: 'FAILED', StateChangeReason: e.message };
    }
    execution.Status.CompletionDateTime = new Date().toISOString();
    const all = [...(await history(context)), execution].slice(-KEEP);
    await context.warehouse.store.writeJson(HISTORY, all);
    return ok({ QueryExecutionId: id });
  },
};

const getQueryExecution: ConsoleOperation = {
  service: 'athena',
  name: 'get-query-execution',
  summary: 'state, statistics and output location of an Athena query',
  async run(context) {
    return ok({ QueryExecution: await findExecution(context, 'GetQueryExecution') });
  },
};

const getQueryResults: ConsoleOperation = {
  service: 'athena',
  name: 'get-query-results',
  summary: 'the result rows of a finished Athena query',
  async run(context) {
    const execution = await findExecution(context, 'GetQueryResults');
    if (execution.Status.State !== 'SUCCEEDED') {
      throw new AwsError('InvalidRequestException', `Query has not yet finished. Current state: ${execution.Status.State}`, 'GetQueryResults');
    }
    const location = execution.ResultConfiguration.OutputLocation ? parseS3Uri(execution.ResultConfiguration.OutputLocation) : undefined;
    if (!location) throw new AwsError('InvalidRequestException', 'The query has no stored result (no OutputLocation was given)', 'GetQueryResults');
    const metadata = await new LocalS3(context.warehouse.store).get(location.bucket, `${location.key}.metadata`);
    const { ResultSet, UpdateCount } = JSON.parse(new TextDecoder().decode(metadata)) as { ResultSet: unknown; UpdateCount: number };
    return ok({ UpdateCount, ResultSet });
  },
};

export const athenaConsoleOperations: ConsoleOperation[] = [startQueryExecution, getQueryExecution, getQueryResults];
