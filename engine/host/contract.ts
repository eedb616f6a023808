/**
 * THE contract between the app's renderer and the engine host (a Web Worker in the browser, a
 * utility process under Electron). Each channel maps to its request and response; hosts implement
 * every channel (`HostHandlers`), and every request is validated at runtime (`requestValidators`).
 * Errors cross as SqlErrorShape.
 */
import type { Progress, SqlErrorShape, SqlValue, StatementOutcome } from '../api/types';
import { arrayOf, bool, bytes, int, object, optional, str, type Validator } from './validate';

export interface WorkspaceStatus {
  ready: boolean;
  /** Where the workspace lives: a folder, `idb://…`. */
  location: string;
  kind: 'node-dir' | 'indexeddb' | 'opfs' | 'memory';
  /** True when this open created the workspace from the template. */
  created: boolean;
  engineVersion: string;
  postgresVersion: string;
  labsInstalled: boolean;
}

export interface CatalogColumn {
  name: string;
  type: string;
}
export interface CatalogTable {
  schema: string;
  name: string;
  kind: 'table' | 'view' | 'external';
  columns: CatalogColumn[];
}
export interface CatalogSnapshot {
  schemas: string[];
  externalSchemas: string[];
  tables: CatalogTable[];
  models: string[];
  functions: string[];
}

export interface ConsoleResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Texts in both course languages. */
export interface LocalizedText {
  ko: string;
  en: string;
}
export interface LabSummary {
  id: string;
  title: LocalizedText;
  stepCount: number;
  completedSteps: number;
}
export interface LabStepView {
  id: string;
  title: LocalizedText;
  instructions: LocalizedText;
  starterSql: string;
  /** The user the step runs as (default: the admin). */
  user?: string;
  hintCount: number;
  completed: boolean;
}
export interface LabView {
  id: string;
  title: LocalizedText;
  steps: LabStepView[];
}
export interface CheckOutcome {
  passed: boolean;
  message: LocalizedText;
}

/** Channel → request and response. */
export interface Contract {
  'workspace.open': { request: { reset?: boolean }; response: WorkspaceStatus };
  'workspace.status': { request: Record<string, never>; response: WorkspaceStatus };
  'sql.execute': {
    request: { requestId: string; user: string; sql: string; pageSize?: number };
    response: StatementOutcome[];
  };
  'sql.fetchPage': {
    request: { user: string; resultId: string; offset: number; limit: number };
    response: SqlValue[][];
  };
  'sql.cancel': { request: { requestId: string }; response: { cancelled: boolean } };
  'users.list': { request: Record<string, never>; response: { name: string; superuser: boolean }[] };
  'catalog.get': { request: Record<string, never>; response: CatalogSnapshot };
  'console.run': {
    request: { line: string; files?: { name: string; bytes: Uint8Array }[] };
    response: ConsoleResult;
  };
  /** One Athena query over the Glue catalog (no cluster, no user): its result, or its failure, as one outcome. */
  'athena.query': { request: { sql: string; database?: string }; response: StatementOutcome[] };
  /** An object's bytes from the local S3, for the S3 panel's download (console output is text only). */
  's3.getObject': { request: { bucket: string; key: string }; response: { bytes: Uint8Array } };
  'labs.list': { request: Record<string, never>; response: LabSummary[] };
  'labs.get': { request: { labId: string }; response: LabView };
  'labs.hint': { request: { labId: string; stepId: string; level: number }; response: { hint: LocalizedText; last: boolean } };
  'labs.solution': { request: { labId: string; stepId: string }; response: { sql: string } };
  'labs.check': { request: { labId: string; stepId: string; sql: string }; response: CheckOutcome };
  'labs.reset': { request: { labId: string; stepId?: string }; response: { reset: boolean } };
}

export type Channel = keyof Contract;
export type RequestOf<K extends Channel> = Contract[K]['request'];
export type ResponseOf<K extends Channel> = Contract[K]['response'];
export type Handler<K extends Channel> = (request: RequestOf<K>) => Promise<ResponseOf<K>>;
/** What a host implements: every channel, exactly typed (a missing handler is a compile error). */
export type HostHandlers = { [K in Channel]: Handler<K> };

/** Events the host pushes to the renderer. */
export interface HostEvents {
  progress: Progress & { requestId?: string };
  /** The host (re)started, e.g. after a hard cancel or a crash. */
  restarted: { reason: string };
  /** A new workspace is now wholly in the browser's storage (its first save runs in the background). */
  stored: { location: string };
}
export type HostEventName = keyof HostEvents;

// ---- wire messages ------------------------------------------------------------------------------

export interface RequestMessage<K extends Channel = Channel> {
  kind: 'request';
  id: number;
  channel: K;
  payload: RequestOf<K>;
}
export type ResponseMessage =
  | { kind: 'response'; id: number; ok: true; value: unknown }
  | { kind: 'response'; id: number; ok: false; error: SqlErrorShape };
export interface EventMessage<E extends HostEventName = HostEventName> {
  kind: 'event';
  event: E;
  payload: HostEvents[E];
}

// ---- runtime validation -------------------------------------------------------------------------

const MAX_SQL = 1_000_000;
const MAX_UPLOAD = 256 * 1024 * 1024;
const id = str({ nonEmpty: true, max: 200 });
const userName = str({ nonEmpty: true, max: 128 });
const empty = object({});

export const requestValidators: { [K in Channel]: Validator } = {
  'workspace.open': object({ reset: optional(bool) }),
  'workspace.status': empty,
  'sql.execute': object({ requestId: id, user: userName, sql: str({ max: MAX_SQL }), pageSize: optional(int(1, 1_000_000)) }),
  'sql.fetchPage': object({ user: userName, resultId: id, offset: int(0, Number.MAX_SAFE_INTEGER), limit: int(1, 100_000) }),
  'sql.cancel': object({ requestId: id }),
  'users.list': empty,
  'catalog.get': empty,
  'console.run': object({
    line: str({ nonEmpty: true, max: 10_000 }),
    files: optional(arrayOf(object({ name: str({ nonEmpty: true, max: 1024 }), bytes: bytes(MAX_UPLOAD) }), 1000)),
  }),
  'athena.query': object({ sql: str({ max: MAX_SQL }), database: optional(str({ nonEmpty: true, max: 255 })) }),
  's3.getObject': object({ bucket: str({ nonEmpty: true, max: 63 }), key: str({ nonEmpty: true, max: 1024 }) }),
  'labs.list': empty,
  'labs.get': object({ labId: id }),
  'labs.hint': object({ labId: id, stepId: id, level: int(0, 100) }),
  'labs.solution': object({ labId: id, stepId: id }),
  'labs.check': object({ labId: id, stepId: id, sql: str({ max: MAX_SQL }) }),
  'labs.reset': object({ labId: id, stepId: optional(id) }),
};

export const channels = Object.keys(requestValidators) as Channel[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(requestValidators, value);
}

/** SQLSTATE for a payload the contract refuses. */
export const INVALID_REQUEST = '22023';

/** Checks a request; returns the error to send back, or undefined when it is valid. */
export function validateRequest(channel: unknown, payload: unknown): SqlErrorShape | undefined {
  if (!isChannel(channel)) return { code: INVALID_REQUEST, message: `unknown channel "${String(channel)}"` };
  const problem = requestValidators[channel](payload, 'request');
  return problem ? { code: INVALID_REQUEST, message: `invalid ${channel} request: ${problem}` } : undefined;
}

/** Turns anything thrown into the shape that crosses the boundary. */
export function toErrorShape(error: unknown): SqlErrorShape {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error && typeof (error as { code: unknown }).code === 'string') {
    const e = error as SqlErrorShape;
    const shape: SqlErrorShape = { code: e.code, message: String(e.message) };
    if (typeof e.position === 'number') shape.position = e.position;
    if (typeof e.detail === 'string') shape.detail = e.detail;
    if (typeof e.hint === 'string') shape.hint = e.hint;
    return shape;
  }
  return { code: 'XX000', message: error instanceof Error ? error.message : String(error) };
}
