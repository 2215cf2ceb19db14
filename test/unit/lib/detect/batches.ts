/**
 * Fuzzed telemetry batches whose fields and values repeat, within a batch and from batch to batch, as a page's
 * real batches do: the events draw from a small pool of keys and values, which reach the key rules, the profile
 * needles and the value tests.
 */
import fc from 'fast-check';

const value = fc.oneof(
  fc.constantFrom('Windows', '10.0', 'sv-SE', 'Edge', '1920x1080', 'Europe/Stockholm', 'c:4f2a9c1e77d34b1a', '10.0.0.7', '', 'hjälp med utskrift'),
  fc.constantFrom('TypeError: x\n    at f (https://teams.microsoft.com/a.js:1:2)\n    at g (a.js:2:3)', '[error-report: 40 chars, sha256:9f86d081884c]', 'ExceptionData'),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: 0, max: 3 }),
);

const event = fc.record(
  {
    name: fc.constantFrom('Office.PageView', 'Office.Exception', 'Teams.PanelAction'),
    ext: fc.record(
      {
        os: fc.record({ name: value, ver: value }, { requiredKeys: [] }),
        device: fc.record({ localId: value }, { requiredKeys: [] }),
        user: fc.record({ localId: value, locale: value }, { requiredKeys: [] }),
        app: fc.record({ sesId: value }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    ),
    data: fc.dictionary(fc.constantFrom('message', 'stack', 'query', 'text', 'zone', 'ip', 'seq', 'baseType', 'searchQuery'), value, { maxKeys: 4 }),
  },
  { requiredKeys: ['name'] },
);

/** NDJSON text of 1 to 12 events. */
export const batchText = fc.array(event, { minLength: 1, maxLength: 12 }).map((events) => events.map((e) => JSON.stringify(e)).join('\n'));

/** Collector and help URLs (help-only rules apply on the latter). */
export const batchUrl = fc.constantFrom(
  'https://browser.events.data.microsoft.com/OneCollector/1.0/?cors=true&content-type=application/x-json-stream&w=0',
  'https://dc.services.visualstudio.com/v2/track',
  'https://support.office.com/client/results?lcid=1053',
);
