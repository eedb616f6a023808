import type { StatementHandler } from '../../session/statement-handler';
import { defaultPrivilegeHandlers } from './default-privileges';
import { dropPrivilegeHandlers } from './drop-privilege';
import { groupHandlers } from './groups';
import { privilegeHandlers } from './object-privileges';
import { rlsLookupGrants } from './rls-lookup-grants';
import { rlsHandlers } from './rls-statements';
import { roleHandlers } from './roles';
import { selectStarHandlers } from './select-star';
import { guardHandlers } from './statement-guards';
import { userHandlers } from './users';

/** Redshift security statements: users, groups, roles, privileges, RLS, and guards against escape. */
export const securityHandlers: StatementHandler[] = [
  ...guardHandlers,
  ...userHandlers,
  ...groupHandlers,
  ...roleHandlers,
  ...rlsHandlers,
  rlsLookupGrants, // GRANT/REVOKE SELECT … TO/FROM RLS POLICY, before the generic GRANT
  ...defaultPrivilegeHandlers,
  ...dropPrivilegeHandlers,
  // after GRANT ROLE / GRANT IGNORE RLS, which share the first word
  ...privilegeHandlers,
  ...selectStarHandlers,
];

