/**
 * The lab format (labs are data, not code). `labs/schema/lab.schema.json` is the authoritative
 * description of a lab file; these types mirror it for the runtime.
 */
import type { LocalizedText } from '../host/contract';

export type { LocalizedText };

/** One thing done to a workspace: SQL as a user, a console command, or a generated local file. */
export type Action =
  | { sql: string; user?: string; continueOnError?: boolean }
  | { console: string; continueOnError?: boolean; capture?: { name: string; path: string } }
  | { file: { dataset: 'user_session_channel' | 'churn'; path: string } }
  | { until: Check; timeoutSeconds?: number };

export type Privilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

export type CatalogCondition =
  | { condition: 'roleExists'; role: string }
  | { condition: 'userInRole'; user: string; role: string }
  | { condition: 'policyAttached'; policy: string; table: string; grantee: string }
  | { condition: 'rlsOn'; table: string }
  | { condition: 'tableExists'; table: string }
  | { condition: 'externalTable'; table: string; location: string }
  | { condition: 'tableRows'; table: string; rows?: number; rowsSql?: string }
  | { condition: 'snapshotExists'; snapshot: string }
  | { condition: 'modelReady'; model: string; metric?: string; min?: number };

export type ConsoleExpectation = { path?: string; equals?: string | number | boolean; matches?: string; exitCode?: number };

interface CheckBase {
  /** Unique within the step; nested checks of all/any/not may omit it. */
  id?: string;
  /** What the check verifies, shown in the feedback. */
  description?: LocalizedText;
  /** Extra advice shown when the check fails. */
  feedback?: LocalizedText;
  /** Also run on the hidden data variant (hard-coded answers fail there). */
  variant?: boolean;
}

export type Check = CheckBase &
  (
    | {
        kind: 'query';
        user?: string;
        sql: string;
        expect: { rows?: unknown[][]; referenceSql?: string; rowCount?: number };
        ordered?: boolean;
        tolerance?: number;
      }
    | { kind: 'error'; user?: string; sql: string; sqlstate?: string; message?: string }
    | { kind: 'privilege'; user: string; can: boolean; privilege: Privilege; table: string; column?: string }
    | ({ kind: 'catalog' } & CatalogCondition)
    | { kind: 's3Object'; uri: string; minBytes?: number }
    | ({ kind: 'console'; command: string } & ConsoleExpectation)
    | { kind: 'all' | 'any'; checks: Check[] }
    | { kind: 'not'; check: Check }
  );

export type CheckKind = Check['kind'];

/** A typical wrong answer: applied after the step's setup, it must fail the listed checks. */
export interface Mistake {
  id: string;
  description: LocalizedText;
  actions: Action[];
  /** Ids of the step's checks this mistake must fail. */
  fails: string[];
}

export interface Step {
  id: string;
  title: LocalizedText;
  /** Markdown; loaded from `steps/<id>.ko.md` and `steps/<id>.en.md`. */
  instructions: LocalizedText;
  /** The database user the student works as in this step (default: the admin). */
  user?: string;
  /** Restores this step's starting state (idempotent): undoes its own objects, adds preconditions. */
  setup: Action[];
  starterSql: string;
  hints: LocalizedText[];
  solution: Action[];
  checks: Check[];
  mistakes: Mistake[];
}

export interface Lab {
  id: string;
  order: number;
  title: LocalizedText;
  summary: LocalizedText;
  estimatedMinutes: number;
  /** Lecture section number(s) the lab follows. */
  lectureSections: number[];
  /** Feature folders the lab depends on (reported when verify fails). */
  requires: string[];
  /** Puts the workspace in the lab's starting state (idempotent). */
  setup: Action[];
  steps: Step[];
}

/** Everything the labs need, as one JSON document (labs/bundle.json). */
export interface LabBundle {
  format: 1;
  labs: Lab[];
}
