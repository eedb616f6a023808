export { createTableHandler } from './create-table-handler';
export { createDatabaseHandler } from './create-database-handler';
export { forgetDroppedRelations, forgetDroppedTables } from './forget-dropped';
