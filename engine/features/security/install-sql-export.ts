export { SECURITY_INSTALL_SQL as securityInstallSql } from './install-sql';
