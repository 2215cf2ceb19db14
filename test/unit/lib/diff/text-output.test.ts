import { describe, expect, it } from 'vitest';
import { diffFlows } from '../../../../lib/diff/compare';
import { FlowCounter, type FlowEntry } from '../../../../lib/diff/flows';
import { diffText } from '../../../../lib/diff/text-output';
import { loadPolicy } from '../../../../lib/policy/load';

const policy = loadPolicy();

function counted(...entries: FlowEntry[]) {
  const c = new FlowCounter();
  for (const e of entries) c.add(e, undefined);
  return c.result();
}

const collector = 'https://browser.events.data.microsoft.com/OneCollector/1.0/';
const help = 'https://support.office.com/client/results?lcid=1053';

describe('diff text output', () => {
  it('prints added, then changed with both verdicts, then removed, then the counts', () => {
    const before = counted(
      { url: collector, features: ['standard-computer-information'], items: [{ item: 'hardware-id', verdict: 'vague', evidence: [{ path: 'header:sec-ch-ua-mobile', value: '?0' }] }], findings: [] },
      { url: help, features: ['online-help'], items: [{ item: 'language-settings', verdict: 'clear', evidence: [{ path: 'url:query.lcid', value: '1053' }] }], findings: [] },
    );
    const after = counted({
      url: collector,
      features: ['standard-computer-information'],
      items: [{ item: 'hardware-id', verdict: 'omitted', evidence: [{ path: 'header:sec-ch-ua-mobile', value: '?0' }] }],
      findings: [{ kind: 'user-id', verdict: 'omitted', evidence: [{ path: 'body[0].data.UserInfo.Id', value: 'u:8d…(32)' }] }],
    });
    expect(diffText(diffFlows(before, after, { before: 2, after: 1 }), policy).split('\n')).toEqual([
      '+ user-id → general clause at browser.events.data.microsoft.com (omitted), e.g. body[0].data.UserInfo.Id',
      '~ hardware-id → general clause at browser.events.data.microsoft.com (vague → omitted), e.g. header:sec-ch-ua-mobile',
      '- language-settings → Online Help at support.office.com (clear), e.g. url:query.lcid',
      '1 added, 1 worse, 0 better, 1 removed, 0 unchanged (before: 2 flows in 2 requests; after: 2 flows in 1 requests)',
      '',
    ]);
  });

  it('says so when nothing changed', () => {
    const same = counted({ url: help, features: ['online-help'], items: [{ item: 'language-settings', verdict: 'clear', evidence: [] }], findings: [] });
    expect(diffText(diffFlows(same, same), policy)).toMatch(/^No change in flows\.\n0 added, 0 worse, 0 better, 0 removed, 1 unchanged/);
  });
});
