import { securityInstallSql } from './security/install-sql-export';
/**
 * SQL each feature installs into every workspace database (views, functions, tables), run as the
 * internal superuser with allow_system_table_mods on. Each entry must be idempotent.
 */
export const featureInstallSql: string[] = [
  securityInstallSql,
];
