import { runConsole, type LabEnvironment } from '../environment';
import type { Check } from '../types';
import { fail, pass, show, text, type CheckResult } from './result';

type S3Check = Extract<Check, { kind: 's3Object' }>;
type ConsoleCheck = Extract<Check, { kind: 'console' }>;

/** `s3://b/k` exists in the workspace's local S3 (a URI ending in `/` means: any object under it). */
export async function runS3Check(env: LabEnvironment, check: S3Check): Promise<CheckResult> {
  const path = `s3/${check.uri.slice('s3://'.length)}`;
  const files = await env.warehouse.store.listFiles(path);
  const found = check.uri.endsWith('/') ? files : files.filter((f) => f.path === path);
  if (!found.length) return fail(text(`S3에 ${check.uri} 객체가 없습니다.`, `There is no S3 object at ${check.uri}.`));
  const size = found.reduce((sum, f) => sum + f.size, 0);
  if (check.minBytes !== undefined && size < check.minBytes) {
    return fail(text(`${check.uri}의 크기가 ${size}바이트로 너무 작습니다 (최소 ${check.minBytes}).`, `${check.uri} holds only ${size} bytes (at least ${check.minBytes} expected).`));
  }
  return pass();
}

/** Runs a console command and parses its JSON output. */
export async function consoleJson(env: LabEnvironment, line: string): Promise<{ json: unknown; exitCode: number } | { error: string; exitCode: number }> {
  const out = await runConsole(env, line);
  if (out.exitCode !== 0) return { error: out.stderr.trim() || `exit ${out.exitCode}`, exitCode: out.exitCode };
  try {
    return { json: out.stdout.trim() ? JSON.parse(out.stdout) : null, exitCode: 0 };
  } catch {
    return { json: out.stdout, exitCode: 0 };
  }
}

/** Looks up `Clusters[0].ClusterStatus` style paths; `[*]` would be overkill for lab checks. */
export function valueAt(json: unknown, path: string): unknown {
  let node: unknown = json;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

export async function runConsoleCheck(env: LabEnvironment, check: ConsoleCheck): Promise<CheckResult> {
  const out = await consoleJson(env, check.command);
  const wantedExit = check.exitCode ?? 0;
  if (out.exitCode !== wantedExit && out.exitCode === 0) {
    return fail(text(`콘솔 명령 \`${check.command}\`이(가) 성공했지만 실패해야 합니다 (exit ${wantedExit}).`, `Console command \`${check.command}\` succeeded, but it should fail (exit ${wantedExit}).`));
  }
  if (out.exitCode !== wantedExit) {
    const why = 'error' in out ? out.error : `exit ${out.exitCode}`;
    return fail(text(`콘솔 명령 \`${check.command}\`의 결과가 다릅니다: ${why}`, `Console command \`${check.command}\` gave a different outcome: ${why}`));
  }
  if (!('json' in out) || check.path === undefined) return pass();
  const value = valueAt(out.json, check.path);
  if (check.equals !== undefined && value !== check.equals) {
    return fail(text(`${check.path} 값이 ${show(value)}입니다 (기대: ${show(check.equals)}).`, `${check.path} is ${show(value)} (expected ${show(check.equals)}).`));
  }
  if (check.matches !== undefined && !new RegExp(check.matches, 'i').test(value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value))) {
    return fail(text(`${check.path} 값 ${show(value)}이(가) /${check.matches}/ 와 맞지 않습니다.`, `${check.path} is ${show(value)}, which does not match /${check.matches}/.`));
  }
  if (check.equals === undefined && check.matches === undefined && value === undefined) {
    return fail(text(`출력에 ${check.path} 값이 없습니다.`, `The output has no ${check.path}.`));
  }
  return pass();
}
