// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { HintLine } from '../../../../components/popup/HintLine';
import { I18nContext } from '../../../../components/common/i18n';
import type { FlowAggregate } from '../../../../lib/model';
import { i18nFor as i18n, policy } from './fixtures';

function hint(signal: string, value: string): FlowAggregate {
  return {
    id: signal,
    requests: 3,
    features: { 'standard-computer-information': 3 },
    verdicts: {},
    worst: 'clear',
    clause: '',
    purposes: [],
    firstSeen: 0,
    lastSeen: 0,
    samples: [{ observationId: 1, time: 0, host: 'teams.microsoft.com', path: '/', features: [], evidence: [{ where: 'header', path: 'header:sec-ch-ua-platform', value, matchedBy: 'header', signal }] }],
  };
}

function show(item: string, hints: Record<string, FlowAggregate> | undefined, lang: 'en' | 'sv' = 'en'): HTMLElement {
  const root = document.createElement('ul');
  render(
    <I18nContext.Provider value={i18n(lang)}>
      <HintLine policy={policy} item={item} hints={hints} />
    </I18nContext.Provider>,
    root,
  );
  return root;
}

describe('HintLine', () => {
  it('says the OS family left without a version, muted, in both languages', () => {
    const en = show('os-version', { 'os-name': hint('os-name', '"Linux"') });
    expect(en.querySelector('li.tt-hint.tt-muted')?.textContent?.trim()).toBe('The OS family left: Linux; no version.');
    const sv = show('os-version', { 'os-name': hint('os-name', 'Linux') }, 'sv');
    expect(sv.textContent?.trim()).toBe('Operativsystemets familj lämnade: Linux; ingen version.');
  });

  it('shows only the hints of the row\'s own item, and nothing without hints', () => {
    const hints = { 'device-class': hint('device-class', '?0') };
    expect(show('hardware-id', hints).querySelector('[data-hint="device-class"]')?.textContent).toContain('?0');
    expect(show('os-version', hints).childElementCount).toBe(0);
    expect(show('os-version', undefined).childElementCount).toBe(0);
  });
});
