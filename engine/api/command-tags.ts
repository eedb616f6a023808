/** Commands whose tag carries a row count (`INSERT 0 2`, `UPDATE 3`); psql prints a count only for these. */
export function reportsRowCount(command: string): boolean {
  return /^(INSERT|UPDATE|DELETE|SELECT|COPY|MERGE)$/.test(command);
}
