export default {
  app: { title: 'Warehouse Lab', loading: 'Starting the warehouse…', firstRun: 'Preparing your workspace (first start only)…', ready: 'Ready', engineRestarted: 'The engine was restarted ({reason}). Your workspace is intact.' },
  nav: { labs: 'Labs', sandbox: 'SQL sandbox', console: 'Console' },
  menu: { settings: 'Settings', shortcuts: 'Keyboard shortcuts', about: 'About', language: 'Language', theme: 'Theme', fontSize: 'Editor font size', close: 'Close', light: 'Light', dark: 'Dark', system: 'System', resetWorkspace: 'Reset workspace…', confirmResetWorkspace: 'Put the whole workspace (database, S3 files, lab progress) back to the course\'s starting state?', resetting: 'Resetting…' },
  user: { runAs: 'Run as', you: 'You are {user}', superuser: 'superuser' },
  labs: {
    title: 'Labs', progress: '{done} / {total} steps', none: 'No labs are installed in this build.', back: 'All labs', steps: 'Steps',
    run: 'Run', check: 'Check', hint: 'Hint', nextHint: 'Next hint', solution: 'Show solution', resetStep: 'Reset step', resetLab: 'Reset lab',
    passed: 'Passed', failed: 'Not yet', completed: 'Completed', solutionComment: 'Solution', confirmReset: 'Reset this lab and lose its progress?',
  },
  sandbox: {
    run: 'Run', runAll: 'Run all', cancel: 'Cancel', format: 'Format', newTab: 'New tab', open: 'Open…', save: 'Save…', history: 'History',
    searchHistory: 'Search history', noHistory: 'No queries yet', schema: 'Schema', refresh: 'Refresh', tab: 'Query {n}', closeTab: 'Close tab',
    insertName: 'Insert name', selectTop: 'SELECT first 100 rows', copyName: 'Copy name', external: 'external', view: 'view', model: 'model',
    queryWith: 'Query with', redshift: 'Redshift', athena: 'Athena (Glue catalog)', athenaDatabase: 'Database', athenaHint: 'Athena reads the Glue catalog\'s tables without the cluster, one SELECT at a time, billed by the bytes it scans.',
  },
  result: {
    rows: '{count} row | {count} rows', affected: '{command}: {count} row | {command}: {count} rows', time: '{ms} ms', scan: 'Spectrum scan: {bytes} bytes, {files} file, USD {cost} | Spectrum scan: {bytes} bytes, {files} files, USD {cost}', athenaScan: 'Athena scan: {bytes} bytes, {files} file, USD {cost} | Athena scan: {bytes} bytes, {files} files, USD {cost}',
    copy: 'Copy', exportCsv: 'CSV', exportXlsx: 'XLSX', exportJson: 'JSON', noResult: 'Run a query to see its result here.', error: 'Error {code}', at: 'at position {position}',
    statement: 'Statement {n}', notices: 'Messages', copied: 'Copied', loadingRows: 'Loading rows…',
  },
  console: { title: 'Console', placeholder: 'aws s3 ls s3://bucket/ — type a command and press Enter', attach: 'Attach files', attached: '{count} file attached | {count} files attached', panels: 'Console panels', panelsSoon: 'AWS console panels (clusters, S3, snapshots) appear here.', run: 'Run', exit: 'exit code {code}', dropHint: 'Drop files here to use them in aws s3 cp' },
  shortcuts: {
    title: 'Keyboard shortcuts', runStatement: 'Run the statement at the cursor (or the selection)', runAll: 'Run all statements', format: 'Format SQL', cancel: 'Cancel the running query', help: 'Show this help', newTab: 'New tab',
  },
  about: { title: 'About Warehouse Lab', text: 'Practise Amazon Redshift offline: security, backup and restore, Spectrum and Redshift ML.', app: 'App', engine: 'Engine', postgres: 'PostgreSQL (PGlite)', host: 'Host', workspace: 'Workspace' },
  progress: { workspace: 'Preparing workspace' },
};
