import { SqlError } from '../../errors/sql-error';
import type { StatementHandler } from '../../session/statement-handler';
import { ClusterRuntime, unavailableRuntimes } from './runtime';

/** 57P03 cannot_connect_now: the database exists but does not accept queries right now. */
const CANNOT_CONNECT_NOW = '57P03';

/**
 * Refuses SQL while the cluster is paused or deleted (and no serverless workgroup is available).
 * Registered first among the feature handlers; it only matches while some open workspace is
 * unavailable, so the normal path costs one Set size check. When it matches a statement of a
 * workspace that is available, it hands the statement to the handler that would have run it.
 */
export const availabilityGuard: StatementHandler = {
  name: 'cluster-availability',
  matches: () => unavailableRuntimes.size > 0,
  async run(context) {
    const runtime = context.services.features.get('cluster');
    const refusal = runtime instanceof ClusterRuntime ? runtime.refusal() : undefined;
    if (refusal) throw new SqlError(CANNOT_CONNECT_NOW, refusal);
    return context.handOn(availabilityGuard);
  },
};
