import { parseArgs } from 'node:util';
import { AthenaError, athenaOutcome, athenaResultSet, runAthenaQuery, type AthenaResult } from '../../engine/features/athena';
import { defaultWorkspaceDir, openFolderWorkspace } from '../../engine/node';
import { formatOutcomes, streamText } from '../format/outcomes';
import { count } from '../format/values';
import { EXIT, type CliCommand } from './command';
import { outputFormat, readSqlInput } from './sql-input';

/** `warehouse-lab athena`: one query over the Glue catalog, without the cluster (works while it is paused or deleted). */
export const athenaCommand: CliCommand = {
  name: 'athena',
  summary: 'query the Glue catalog (external tables) with Athena, without the cluster',
  usage: `warehouse-lab athena [--workspace DIR] [--database DB] [--format table|csv|json] (-c "SELECT …" | -f FILE | < FILE)`,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        workspace: { type: 'string' },
        database: { type: 'string' },
        format: { type: 'string', default: 'table' },
        command: { type: 'string', short: 'c' },
        file: { type: 'string', short: 'f' },
      },
      allowPositionals: false,
    });
    const format = outputFormat(values.format);
    const sql = await readSqlInput(values, io, 'no query given: use -c "SELECT …", -f FILE or standard input');

    const warehouse = await openFolderWorkspace(values.workspace ?? defaultWorkspaceDir());
    let result: AthenaResult;
    try {
      result = await runAthenaQuery(warehouse, sql, values.database ? { database: values.database } : {});
    } catch (e) {
      if (!(e instanceof AthenaError)) throw e;
      io.stderr(`An error occurred (InvalidRequestException) when calling the StartQueryExecution operation: ${e.message}\n`);
      return EXIT.failed;
    } finally {
      await warehouse.close();
    }
    if (format === 'json') io.stdout(JSON.stringify(athenaResultSet(result), null, 4) + '\n');
    else io.stdout(streamText(formatOutcomes([athenaOutcome(sql, result)], format), 'stdout'));
    const mb = (result.scan.bytes / (1024 * 1024)).toFixed(2);
    io.stderr(`Athena scan: ${result.scan.bytes} bytes (${mb} MB), ${count(result.scan.files, 'file')}, $${result.scan.costUsd.toFixed(6)}\n`);
    return EXIT.ok;
  },
};
