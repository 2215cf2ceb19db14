/**
 * The Firefox parts of the manifest, as wxt.config.ts produces them for each target (the built manifests are
 * checked by the Firefox end-to-end test, which runs after the builds).
 */
import { describe, expect, it } from 'vitest';
import type { ConfigEnv, UserManifest } from 'wxt';
import config from '../../../wxt.config';

async function manifestFor(browser: string, manifestVersion: 2 | 3): Promise<Record<string, any>> {
  const env = { browser, manifestVersion, mode: 'production', command: 'build' } as ConfigEnv;
  const manifest = config.manifest as UserManifest | ((env: ConfigEnv) => UserManifest | Promise<UserManifest>);
  return (typeof manifest === 'function' ? await manifest(env) : manifest) as Record<string, any>;
}

const major = (version: string) => Number(version.split('.')[0]);

describe('Firefox manifest settings', () => {
  for (const mv of [2, 3] as const) {
    describe(`MV${mv}`, () => {
      it('names the add-on and declares that it collects and transmits nothing', async () => {
        const gecko = (await manifestFor('firefox', mv)).browser_specific_settings?.gecko;
        expect(gecko?.id).toBe('telltale@telltale.invalid');
        expect(gecko?.data_collection_permissions).toEqual({ required: ['none'] });
      });

      it('asks for a Firefox that understands data_collection_permissions (140 desktop, 142 Android)', async () => {
        const settings = (await manifestFor('firefox', mv)).browser_specific_settings;
        expect(major(settings.gecko.strict_min_version)).toBeGreaterThanOrEqual(140);
        expect(major(settings.gecko_android.strict_min_version)).toBeGreaterThanOrEqual(142);
      });
    });
  }

  it('makes the popup web-accessible as MV2 strings', async () => {
    const war = (await manifestFor('firefox', 2)).web_accessible_resources;
    expect(war).toEqual(['popup.html']);
  });

  it('makes the popup web-accessible as MV3 objects, only to the hosts Telltale watches', async () => {
    const manifest = await manifestFor('firefox', 3);
    expect(manifest.web_accessible_resources).toEqual([{ resources: ['popup.html'], matches: manifest.host_permissions }]);
    expect(manifest.web_accessible_resources[0].matches).not.toContain('<all_urls>');
  });

  it('keeps the Firefox settings out of the Chrome manifest', async () => {
    const chrome = await manifestFor('chrome', 3);
    expect(chrome.browser_specific_settings).toBeUndefined();
    // In Chrome a web-accessible resource lets any page detect the extension by its fixed id.
    expect(chrome.web_accessible_resources).toBeUndefined();
  });
});
