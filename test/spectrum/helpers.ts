import type { EmbeddedWarehouse } from '../../engine';
import { runConsoleCommand } from '../../engine/console/run-console-command';
import type { ConsoleIo } from '../../engine/console/console-command';

export const TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'redshift.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** Console io over an in-memory map of "local" files. */
export function memoryIo(files: Record<string, string | Uint8Array> = {}): ConsoleIo & { files: Record<string, string | Uint8Array> } {
  return {
    files,
    readLocalFile: async (path) => {
      const f = files[path];
      if (f === undefined) throw new Error(`ENOENT ${path}`);
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
    listLocalFiles: async (folder) => {
      const prefix = folder.replace(/\/$/, '') + '/';
      const out = Object.keys(files).filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
      if (out.length === 0) throw new Error('ENOENT');
      return out.sort();
    },
    writeLocalFile: async (path, data) => {
      files[path] = data;
    },
  };
}

export function aws(warehouse: EmbeddedWarehouse, line: string[], io: ConsoleIo = memoryIo()) {
  return runConsoleCommand(warehouse, line, io);
}

/** Creates a role with the given managed policies and associates it with the cluster. */
export async function makeRole(warehouse: EmbeddedWarehouse, name: string, policies: string[], options: { trust?: string; associate?: boolean } = {}): Promise<string> {
  const created = await aws(warehouse, ['iam', 'create-role', '--role-name', name, '--assume-role-policy-document', options.trust ?? TRUST_POLICY]);
  if (created.exitCode !== 0) throw new Error(created.stderr);
  for (const p of policies) await aws(warehouse, ['iam', 'attach-role-policy', '--role-name', name, '--policy-arn', `arn:aws:iam::aws:policy/${p}`]);
  const arn = `arn:aws:iam::123456789012:role/${name}`;
  if (options.associate !== false) await aws(warehouse, ['redshift', 'modify-cluster-iam-roles', '--cluster-identifier', 'redshift-cluster-1', '--add-iam-roles', arn]);
  return arn;
}
