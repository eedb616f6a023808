import { securityInstallSql } from './security/install-sql-export';
import { LOAD_ERRORS_SQL } from './copy';
import { spectrumInstallSql } from './spectrum';
import { SVV_TABLE_INFO_SQL } from './maintenance';
import { ML_INSTALL_SQL } from './ml/install-sql';
/**
 * SQL each feature installs into every workspace database (views, functions, tables), run as the
 * internal superuser with allow_system_table_mods on. Each entry must be idempotent.
 */
export const featureInstallSql: string[] = [
  securityInstallSql,
  LOAD_ERRORS_SQL,
  spectrumInstallSql,
  SVV_TABLE_INFO_SQL,
  ML_INSTALL_SQL,
];
