import { parseArgs } from 'node:util';
import { SqlError, type StatementOutcome } from '../../engine';
import { defaultWorkspaceDir, openFolderWorkspace } from '../../engine/node';
import { formatOutcomes } from '../format/outcomes';
import { EXIT, type CliCommand } from './command';
import { outputFormat, readSqlInput } from './sql-input';
import { afterStatementsHooks } from './hooks';


export const sqlCommand: CliCommand = {
  name: 'sql',
  summary: 'run SQL against a workspace',
  usage: `warehouse-lab sql [--workspace DIR] [--empty] [--user NAME] [--format table|csv|json]
                  [--continue-on-error] [--no-wait] (-c "SQL" | -f FILE | < FILE)`,
  async run(args, io) {
    const { values } = parseArgs({
      args,
      options: {
        workspace: { type: 'string' },
        user: { type: 'string' },
        format: { type: 'string', default: 'table' },
        'continue-on-error': { type: 'boolean', default: false },
        'no-wait': { type: 'boolean', default: false },
        empty: { type: 'boolean', default: false },
        command: { type: 'string', short: 'c' },
        file: { type: 'string', short: 'f' },
      },
      allowPositionals: false,
    });
    const format = outputFormat(values.format);
    const sql = await readSqlInput(values, io, 'no SQL given: use -c "SQL", -f FILE or standard input');

    const warehouse = await openFolderWorkspace(values.workspace ?? defaultWorkspaceDir(), { seeded: !values.empty });
    let outcomes: StatementOutcome[];
    try {
      try {
        const session = await warehouse.session(values.user);
        outcomes = await session.execute(sql, { continueOnError: values['continue-on-error'] });
        await session.close();
      } catch (e) {
        if (!(e instanceof SqlError)) throw e;
        outcomes = [{ ok: false, sql: '', error: e.toJSON() }];
      }
      for (const hook of afterStatementsHooks) await hook(warehouse, { wait: !values['no-wait'], stderr: io.stderr });
    } finally {
      await warehouse.close();
    }
    for (const part of formatOutcomes(outcomes, format)) io[part.stream](part.text);
    return outcomes.some((o) => !o.ok) ? EXIT.failed : EXIT.ok;
  },
};
