// Serves the web build (dist/web) at http://127.0.0.1:${PORT:-4173}/ with Vite's preview server.
import { preview } from 'vite';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 4173);
const server = await preview({ configFile: join(root, 'vite.config.ts'), preview: { host: '127.0.0.1', port, strictPort: true } });
console.log(`Warehouse Lab is at http://127.0.0.1:${port}/ (Ctrl+C to stop)`);
const stop = () => server.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
