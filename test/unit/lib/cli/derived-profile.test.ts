import { describe, expect, it } from 'vitest';
import { acceptLanguages, DerivedProfile } from '../../../../lib/cli/derived-profile';
import { runCheck } from '../../../../lib/cli/check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const EDGE_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51';
const h = (name: string, value: string) => ({ name, value });

describe('the profile telltale check derives from a capture', () => {
  it('reads User-Agent, Client Hints and Accept-Language, first value winning', () => {
    const d = new DerivedProfile();
    expect(d.see([h('Accept', '*/*')])).toBeUndefined();
    const p = d.see([
      h('User-Agent', EDGE_UA),
      h('sec-ch-ua-platform', '"Windows"'),
      h('sec-ch-ua-platform-version', '"15.0.0"'),
      h('Accept-Language', 'sv-SE,sv;q=0.9,en;q=0.8'),
    ]);
    expect(p).toMatchObject({ userAgent: EDGE_UA, osName: 'Windows', osVersion: '15.0.0', languages: ['sv-SE', 'sv', 'en'] });
    // Nothing new: the same object, so the engine's per-profile caches stay warm.
    expect(d.see([h('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0')])).toBe(p);
  });

  it('splits Accept-Language without quality values or wildcards', () => {
    expect(acceptLanguages('en-GB, en;q=0.8, *;q=0.1')).toEqual(['en-GB', 'en']);
  });

  it('finds the User-Agent inside a JSON body and the OS version inside a base64 blob, offline', async () => {
    const blob = Buffer.from('{"platform":"Windows NT 15.0.0 build"}').toString('base64');
    const har = {
      log: {
        version: '1.2',
        creator: { name: 'test', version: '1' },
        entries: [
          { request: { method: 'GET', url: 'https://teams.microsoft.com/', headers: [h('User-Agent', EDGE_UA), h('sec-ch-ua-platform-version', '"15.0.0"')] } },
          {
            request: {
              method: 'POST',
              url: 'https://teams.microsoft.com/api/logs',
              headers: [h('Content-Type', 'application/json')],
              postData: { mimeType: 'application/json', text: JSON.stringify({ note: `client ${EDGE_UA}`, ctx: blob }) },
            },
          },
        ],
      },
    };
    const file = join(mkdtempSync(join(tmpdir(), 'telltale-profile-')), 'capture.har');
    writeFileSync(file, JSON.stringify(har));
    let out = '';
    const code = await runCheck({ command: 'check', inputs: [file], json: true, raw: false }, { out: (t) => void (out += t), err: () => {} });
    expect(code).toBe(0);
    const body = JSON.parse(out).entries[1];
    const paths = (item: string) => body.items.find((i: { item: string }) => i.item === item)?.evidence.map((e: { path: string }) => e.path) ?? [];
    expect(paths('browser-version')).toContain('body.note');
    expect(paths('os-version')).toEqual(expect.arrayContaining(['body.note', 'body.ctx~base64']));
  });
});
