#!/usr/bin/env node
// Builds the Node bundles that `npm ci` leaves usable (run by `npm run prepare`):
//   lib/index.ts    → dist/index.mjs  (the library: import { classify, loadPolicy } from 'telltale')
//   lib/cli/main.ts → dist/cli.mjs    (the `telltale` command)
// The policy JSON and the endpoint catalogue are imported by the sources, so esbuild inlines them.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const common = {
  absWorkingDir: root,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  loader: { '.json': 'json' },
};

await build({ ...common, entryPoints: ['lib/index.ts'], outfile: 'dist/index.mjs' });
await build({
  ...common,
  entryPoints: ['lib/cli/main.ts'],
  outfile: 'dist/cli.mjs',
  banner: { js: '#!/usr/bin/env node' },
});
await chmod(join(root, 'dist', 'cli.mjs'), 0o755);
