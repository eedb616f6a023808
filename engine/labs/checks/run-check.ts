import type { LabEnvironment } from '../environment';
import type { Check } from '../types';
import { runCatalogCheck } from './catalog-check';
import { runPrivilegeCheck } from './privilege-check';
import { runErrorCheck, runQueryCheck } from './query-checks';
import { fail, pass, text, type CheckResult } from './result';
import { runConsoleCheck, runS3Check } from './store-console-checks';

/** Runs one check (composites recursively); never throws for a wrong workspace, only reports. */
export async function runCheck(env: LabEnvironment, check: Check): Promise<CheckResult> {
  let result: CheckResult;
  try {
    result = await runKind(env, check);
  } catch (e) {
    result = fail(text(`검사를 실행하지 못했습니다: ${(e as Error).message}`, `The check could not run: ${(e as Error).message}`));
  }
  return {
    ...result,
    ...(check.id ? { id: check.id } : {}),
    ...(check.description ? { description: check.description } : {}),
    ...(!result.passed && check.feedback ? { feedback: check.feedback } : {}),
  };
}

async function runKind(env: LabEnvironment, check: Check): Promise<CheckResult> {
  switch (check.kind) {
    case 'query':
      return runQueryCheck(env, check);
    case 'error':
      return runErrorCheck(env, check);
    case 'privilege':
      return runPrivilegeCheck(env, check);
    case 'catalog':
      return runCatalogCheck(env, check);
    case 's3Object':
      return runS3Check(env, check);
    case 'console':
      return runConsoleCheck(env, check);
    case 'all': {
      const results = [];
      for (const c of check.checks) results.push(await runCheck(env, c));
      const failed = results.filter((r) => !r.passed);
      return failed.length ? fail(...failed.flatMap(explain)) : pass();
    }
    case 'any': {
      const results = [];
      for (const c of check.checks) {
        const r = await runCheck(env, c);
        if (r.passed) return pass();
        results.push(r);
      }
      return fail(text('다음 중 어느 것도 만족하지 않습니다:', 'None of these holds:'), ...results.flatMap(explain));
    }
    case 'not': {
      const inner = await runCheck(env, check.check);
      if (!inner.passed) return pass();
      const what = check.check.description;
      return fail(
        what
          ? text(`다음이 성립하면 안 됩니다: ${what.ko}`, `This must not hold: ${what.en}`)
          : text('성립하면 안 되는 조건이 성립합니다.', 'A condition that must not hold holds.'),
      );
    }
  }
}

/** A nested result's lines, led by its description when it has one. */
function explain(result: CheckResult) {
  return result.description ? [result.description, ...result.details] : result.details;
}
