/**
 * The e2e suite needs Debian's Chromium and Firefox ESR. When one is missing and we run as root on Debian, install
 * it with apt-get; otherwise fail with a message that says how to install it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromiumPath, firefoxPath, hasChromium, hasFirefox } from '../e2e/browsers.mjs';

// `node ensure-browsers.mjs chromium` checks only Chromium (npm start needs nothing else).
const wanted = process.argv.slice(2);
const wants = (name) => wanted.length === 0 || wanted.includes(name);
const missing = [];
if (wants('chromium') && !hasChromium()) missing.push({ pkg: 'chromium', path: chromiumPath(), env: 'CHROMIUM_PATH' });
if (wants('firefox') && !hasFirefox()) missing.push({ pkg: 'firefox-esr', path: firefoxPath(), env: 'FIREFOX_PATH' });

if (missing.length > 0) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  const packages = missing.map((m) => m.pkg);
  if (isRoot && hasApt) {
    console.log(`Installing ${packages.join(' and ')} with apt-get (needed by the end-to-end tests)…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
  } else {
    for (const m of missing) console.error(`Missing ${m.pkg}: expected at ${m.path} (or set ${m.env}).`);
    console.error(`Install with: sudo apt-get install -y ${packages.join(' ')}`);
    process.exit(1);
  }
}
