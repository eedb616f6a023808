export { createTableHandler } from './create-table-handler';
