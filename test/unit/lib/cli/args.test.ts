import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../../lib/cli/args';
import { failsOn, SummaryBuilder } from '../../../../lib/formats/summary';
import type { Annotation } from '../../../../lib/model';

describe('parseArgs', () => {
  it('reads check with files and options in any order', () => {
    expect(parseArgs(['check', 'a.har', '--json', '--policy', 'p.json', 'dir', '--rules=r.json', '--fail-on', 'vague'])).toEqual({
      command: 'check', inputs: ['a.har', 'dir'], json: true, raw: false, policy: 'p.json', rules: 'r.json', failOn: 'vague',
    });
  });
  it('treats everything after -- as files', () => {
    expect(parseArgs(['check', '--', '--json']).command === 'check' && (parseArgs(['check', '--', '--json']) as { inputs: string[] }).inputs).toEqual(['--json']);
  });
  it('has a verify command taking one file', () => {
    expect(parseArgs(['verify', 'x.har'])).toEqual({ command: 'verify', inputs: ['x.har'] });
    expect(() => parseArgs(['verify'])).toThrow(UsageError);
  });
  it('rejects missing values and files', () => {
    expect(() => parseArgs(['check', 'a.har', '--policy'])).toThrow(/--policy needs a value/);
    expect(() => parseArgs(['check', '--json'])).toThrow(/at least one FILE/);
    expect(() => parseArgs(['frob'])).toThrow(/unknown command/);
  });
  it('--origin takes an origin or a bare host, more than once, for check only', () => {
    const cmd = parseArgs(['check', 'a.har', '--origin', 'lyncweb.example.com', '--origin=https://lync.example.org:4443/x']);
    expect(cmd).toMatchObject({ command: 'check', origins: ['https://lyncweb.example.com', 'https://lync.example.org:4443'] });
    expect(() => parseArgs(['check', 'a.har', '--origin', 'ftp://x.example.com'])).toThrow(/--origin/);
    expect(() => parseArgs(['diff', 'a.har', 'b.har', '--origin', 'lyncweb.example.com'])).toThrow(/--origin is for check/);
  });
});

function annotation(verdicts: Array<['ip-address' | 'os-version', Annotation['items'][number]['verdict']]>): Annotation {
  return {
    policy: 'p',
    features: ['standard-computer-information'],
    purposes: [],
    items: verdicts.map(([item, verdict]) => ({ item, verdict, clause: 'c', evidence: [{ where: 'connection', path: 'connection', value: '', matchedBy: 'value' }] })),
    findings: [],
    hints: [],
    body: { format: 'none', gzip: false, truncated: false, undecodable: false, size: 0 },
  };
}

describe('summary', () => {
  it('counts entries, files and verdicts, and finds the worst', () => {
    const s = new SummaryBuilder();
    s.startFile('a');
    s.add(annotation([['ip-address', 'clear'], ['os-version', 'vague']]));
    s.add(annotation([['ip-address', 'clear']]));
    s.startFile('b');
    s.add(annotation([['ip-address', 'clear']]));
    const r = s.result();
    expect(r.items['ip-address']).toEqual({ entries: 3, files: 2, verdicts: { clear: 3, vague: 0, omitted: 0, incorrect: 0 } });
    expect(r.items['os-version']?.files).toBe(1);
    expect(r.features['standard-computer-information']).toEqual({ entries: 3, files: 2 });
    expect(r.worst).toBe('vague');
    expect(r.perFile?.map((f) => f.entries)).toEqual([2, 1]);
    expect(failsOn(r, 'vague')).toBe(true);
    expect(failsOn(r, 'omitted')).toBe(false);
  });
});
