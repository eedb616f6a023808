import { ADMIN_USER } from '../api/types';
import type { SqlBackend } from '../backend/backend';
import { bulkInsert, createTableSql } from '../data/bulk-load';
import { quoteIdent } from '../sql/quote';
import { generateCourseData } from '../seed/course';

export const COURSE_SCHEMAS = ['raw_data', 'analytics', 'adhoc', 'pii'];

/** Creates the course schemas and tables, owned by the admin user, filled with generated data. */
export async function loadCourseData(backend: SqlBackend, seed = 1): Promise<void> {
  const data = generateCourseData(seed);
  await backend.setIdentity(ADMIN_USER);
  await backend.exec('BEGIN');
  try {
    for (const schema of COURSE_SCHEMAS) await backend.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    for (const table of data.tables) {
      await backend.exec(createTableSql(table));
      await bulkInsert(backend, table);
    }
    await backend.exec('COMMIT');
  } catch (e) {
    await backend.exec('ROLLBACK');
    throw e;
  } finally {
    await backend.setIdentity(null);
  }
  await backend.exec('ANALYZE');
}
