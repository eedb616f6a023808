import type { Statement } from '../sql/splitter';
import { featureHandlers } from '../features';
import { identityHandlers } from './identity-statements';
import { passthroughHandler } from './passthrough';
import type { StatementHandler } from './statement-handler';

/** Identity guards first, then Redshift features implemented in the front end, else PostgreSQL. */
const HANDLERS: StatementHandler[] = [...identityHandlers, ...featureHandlers];

export function findHandler(statement: Statement): StatementHandler {
  return HANDLERS.find((h) => h.matches(statement)) ?? passthroughHandler;
}

/** The handler that would have run the statement if `self` were not registered. */
export function handlerAfter(self: StatementHandler, statement: Statement): StatementHandler {
  return HANDLERS.slice(HANDLERS.indexOf(self) + 1).find((h) => h.matches(statement)) ?? passthroughHandler;
}
