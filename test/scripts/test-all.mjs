/**
 * `npm test`: every check in order, each a named step, stopping at the first failure so it names itself.
 *   typecheck → lint → unit tests → Chrome build → Firefox build → browsers present → e2e in real browsers
 */
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npx', ['tsc', '--noEmit']],
  ['lint', 'npx', ['eslint', '--config', 'test/config/eslint.config.js', '.']],
  ['unit tests', 'npx', ['vitest', 'run', '--config', 'test/config/vitest.unit.config.ts']],
  ['node library and CLI build', 'node', ['test/scripts/build-node.mjs']],
  ['chrome build', 'npx', ['wxt', 'build']],
  ['firefox build', 'npx', ['wxt', 'build', '-b', 'firefox']],
  ['browsers present', 'node', ['test/scripts/ensure-browsers.mjs']],
  ['end-to-end tests', 'npx', ['vitest', 'run', '--config', 'test/config/vitest.e2e.config.ts']],
];

const started = Date.now();
for (const [name, command, args] of steps) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n✖ ${name} failed after ${seconds} s (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
  console.log(`✔ ${name} (${seconds} s)`);
}
console.log(`\nAll checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
