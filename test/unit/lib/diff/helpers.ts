/** Fixture HAR files as JSON, and ways to change a capture without changing what the client sends. */
import { readFileSync } from 'node:fs';

export interface Har {
  log: { entries: Array<Record<string, any>>; [key: string]: unknown };
}

export const FIXTURES = ['chrome-devtools', 'firefox-devtools', 'playwright-recordhar', 'telltale-export'] as const;

export function fixture(name: (typeof FIXTURES)[number]): Har {
  return JSON.parse(readFileSync(`test/fixtures/har/${name}.har`, 'utf8')) as Har;
}

/** Every fixture's entries in one HAR. */
export function allFixtures(): Har {
  const base = fixture('chrome-devtools');
  base.log.entries = FIXTURES.flatMap((name) => fixture(name).log.entries);
  return base;
}

/** Rewrites each JSON body line (or array) with `edit`, leaving other bodies alone. */
function editBodies(har: Har, edit: (event: Record<string, any>) => void): void {
  for (const entry of har.log.entries) {
    const post = entry.request?.postData;
    if (typeof post?.text !== 'string' || post.encoding === 'base64') continue;
    const lines = post.text.split('\n');
    const edited = lines.map((line: string) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        return line;
      }
      for (const event of Array.isArray(parsed) ? parsed : [parsed]) if (event && typeof event === 'object') edit(event as Record<string, any>);
      return JSON.stringify(parsed);
    });
    post.text = edited.join('\n');
  }
}

/**
 * The same client captured another time: entries in reverse order, every timestamp three days and some
 * minutes later, and fresh session ids and sequence numbers in the events.
 */
export function recapture(har: Har): Har {
  const copy: Har = JSON.parse(JSON.stringify(har));
  const shift = 3 * 86_400_000 + 17 * 60_000 + 123;
  const later = (iso: unknown) => (typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? new Date(Date.parse(iso) + shift).toISOString() : iso);
  copy.log.entries.reverse();
  for (const entry of copy.log.entries) entry.startedDateTime = later(entry.startedDateTime);
  editBodies(copy, (event) => {
    if ('time' in event) event.time = later(event.time);
    if (event.tags?.['ai.session.id']) event.tags['ai.session.id'] = 'sess0b7e41c9';
    if (event.ext?.user?.localId) event.ext.user.localId = 'u:9b1d7e22-03c4-4f6a-8e2b-5a7c9d1e0f34';
    if (event.ext?.sdk) event.ext.sdk.seq = 4711;
  });
  return copy;
}

/** Plants one identifier, an Application Insights user id, in the first event of the App Insights request. */
export function plantUserId(har: Har): Har {
  const copy: Har = JSON.parse(JSON.stringify(har));
  const entry = copy.log.entries.find((e) => String(e.request?.url).startsWith('https://dc.services.visualstudio.com/v2/track'));
  if (!entry) throw new Error('no Application Insights request in this capture');
  const events = JSON.parse(entry.request.postData.text);
  events[0].tags['ai.user.id'] = '7f3e9d21-5b8a-4c6e-9a1f-0d2c4b6e8a10';
  entry.request.postData.text = JSON.stringify(events);
  return copy;
}
