import { ok, type ConsoleOperation } from '../../console/console-command';
import { advanceClock, readClock } from './clock';
import { catchUp } from './catch-up';
import { ArgumentError, operation } from './console-support';
import { readLedger, totalUsd } from './cost-meter';
import { parseDuration } from './clock';

/** `clock show`, `clock advance 8h` and the running bill (`aws ce get-cost-and-usage`). */

const clockShow = operation('clock', 'show', 'Show the simulated time', async (context) => {
  const { offsetMs } = await readClock(context.warehouse.store);
  return ok({ Now: new Date(Date.now() + offsetMs).toISOString(), OffsetHours: Math.round((offsetMs / 3_600_000) * 100) / 100 });
});

const clockAdvance = operation('clock', 'advance', 'Move the simulated time forward (e.g. 8h, 30m, 2d)', async (context) => {
  const text = context.positionals[0] ?? '';
  const ms = parseDuration(text);
  if (ms === undefined) throw new ArgumentError(`invalid duration '${text}': use e.g. 30m, 8h, 2d or 1d12h`);
  await advanceClock(context.warehouse.store, ms);
  const report = await catchUp(context.warehouse);
  return ok({
    Now: report.now,
    AutomatedSnapshotsTaken: report.automatedSnapshots,
    RecoveryPointsCreated: report.recoveryPoints.length,
    SnapshotsExpired: report.expired,
  });
});

const getCostAndUsage = operation('ce', 'get-cost-and-usage', 'The running bill of this workspace (AWS list prices)', async (context) => {
  const ledger = await readLedger(context.warehouse.store);
  const { offsetMs } = await readClock(context.warehouse.store);
  const amount = (usd: number) => ({ Amount: usd.toFixed(6), Unit: 'USD' });
  return ok({
    GroupDefinitions: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }],
    ResultsByTime: [
      {
        TimePeriod: { Start: 'workspace-created', End: new Date(Date.now() + offsetMs).toISOString().slice(0, 10) },
        Total: { UnblendedCost: amount(totalUsd(ledger)) },
        Groups: ledger.lines.map((l) => ({
          Keys: [l.kind],
          Metrics: { UnblendedCost: amount(l.usd), UsageQuantity: { Amount: l.quantity.toFixed(6), Unit: l.unit } },
        })),
        Estimated: true,
      },
    ],
  });
});

export const clockOperations: ConsoleOperation[] = [clockShow, clockAdvance, getCostAndUsage];
