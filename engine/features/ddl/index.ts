export { createTableHandler } from './create-table-handler';
export { createDatabaseHandler } from './create-database-handler';
