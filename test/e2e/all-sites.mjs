/**
 * A copy of a built extension whose manifest already grants the optional all-sites host permission, as the
 * third-party switch would after the user allowed it. Headless browsers cannot answer a permission prompt,
 * and the switch is defined as "on exactly while the permission is granted, however granted" — so the tests
 * grant it through the manifest and check what the extension does with it.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** @param {string} buildDir @returns {Promise<{ dir: string, remove: () => Promise<void> }>} */
export async function withAllSitesGranted(buildDir) {
  const dir = await mkdtemp(path.join(tmpdir(), 'telltale-all-sites-'));
  await cp(buildDir, dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(file, 'utf8'));
  if (manifest.manifest_version === 3) manifest.host_permissions = [...manifest.host_permissions, '*://*/*'];
  else manifest.permissions = [...manifest.permissions, '*://*/*'];
  await writeFile(file, JSON.stringify(manifest));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
