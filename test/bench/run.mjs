/**
 * `npm run bench`: every benchmark in this folder, one after another (the engine first), each printing its own
 * table. They run in turn, never side by side, so one does not slow another down. A benchmark that fails (for
 * instance one that needs a built extension and a browser that are not there) is reported and the rest still
 * run; the exit code is 1 when any failed.
 *
 *   node test/bench/run.mjs            all of them
 *   node test/bench/run.mjs engine     only those whose file name contains "engine"
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const self = basename(fileURLToPath(import.meta.url));
const filter = process.argv[2];

const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== self && (!filter || f.includes(filter)))
  .sort((a, b) => Number(b === 'engine.mjs') - Number(a === 'engine.mjs') || a.localeCompare(b));

const failed = [];
for (const script of scripts) {
  console.log(`\n## ${script}\n`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(here, script)], { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) {
    failed.push(script);
    console.log(`\n(${script} failed after ${seconds} s: ${run.error?.message ?? `exit code ${run.status ?? run.signal}`})`);
  } else {
    console.log(`\n(${script}: ${seconds} s)`);
  }
}
if (failed.length > 0) {
  console.log(`\nFailed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
