// @vitest-environment happy-dom
/**
 * The one string table and the one language rule: both languages have every key, the rule gives every page
 * the same answer, dates follow the locale, and a Swedish page shows no English sentence — neither from the
 * table nor from the engine's (English) error messages.
 */
import { render, type ComponentChildren } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorText } from '../../../../components/common/error-text';
import { formatTime } from '../../../../components/common/format';
import { I18nContext, i18nOf, pageI18n } from '../../../../components/common/i18n';
import { fill, STRINGS, translator } from '../../../../components/common/strings';
import { en } from '../../../../components/common/strings/en';
import { uiLang } from '../../../../components/common/strings/lang';
import { Panel } from '../../../../components/devtools/Panel';
import { OptionsView } from '../../../../components/options/OptionsView';
import { importRules } from '../../../../components/options/RulesImport';
import { PolicyView } from '../../../../components/policy/PolicyView';
import { Popup } from '../../../../components/popup/Popup';
import { Report } from '../../../../components/report/Report';
import { parseRules } from '../../../../lib/classify/rules';
import { readHar } from '../../../../lib/har/read';
import { DEFAULT_SETTINGS } from '../../../../lib/store/settings';
import { observations } from '../../lib/export/helpers';
import { i18nFor, NOW, policy, telemetryTab } from '../popup/fixtures';

const markers = (s: string) => [...s.matchAll(/\$[1-9]/g)].map((m) => m[0]).sort().join(',');

describe('string table', () => {
  it('has the same keys in English and Swedish, each with text and the same substitutions', () => {
    expect(Object.keys(STRINGS.sv).sort()).toEqual(Object.keys(STRINGS.en).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(STRINGS.en[key].trim(), `en:${key}`).not.toBe('');
      expect(STRINGS.sv[key].trim(), `sv:${key}`).not.toBe('');
      expect(markers(STRINGS.sv[key]), key).toBe(markers(STRINGS.en[key]));
    }
  });

  it('translates every sentence: no Swedish entry is the English one', () => {
    // Short labels that are the same word in both languages.
    const same = new Set(['Telltale', 'Policy', 'HAR', '$1 $2', '$1 ($2)', ', gzip', 'Format $1, $2 byte avkodade$3']);
    const untranslated = (Object.keys(en) as Array<keyof typeof en>).filter(
      (k) => STRINGS.sv[k] === STRINGS.en[k] && !same.has(STRINGS.en[k]) && /\s/.test(STRINGS.en[k]),
    );
    expect(untranslated).toEqual([]);
  });

  it('uses one Swedish word for the passive log, purposes and raw evidence', () => {
    const sv = Object.values(STRINGS.sv).join('\n');
    expect(sv).not.toMatch(/passiv logg|syfte|råa bevis/i);
    expect(sv).toMatch(/löpande logg/i);
  });

  it('fills substitutions once and keeps $$ as $', () => {
    expect(fill('$1 of $2', [4, 6])).toBe('4 of 6');
    expect(fill('$1 costs $$', '$2')).toBe('$2 costs $');
    expect(translator('sv')('popupFacts', [4, 6, 9])).toBe('4 av 6 uppgifter lämnade i 9 förfrågningar');
  });
});

describe('the language rule', () => {
  it('takes ?lang= first, then the UI language, then navigator.languages, then English', () => {
    expect(uiLang({ search: '?lang=en', uiLanguage: 'sv-SE' }).lang).toBe('en');
    expect(uiLang({ search: '?lang=sv', uiLanguage: 'en-US' }).lang).toBe('sv');
    expect(uiLang({ uiLanguage: 'sv-SE', languages: ['en-US'] }).lang).toBe('sv');
    expect(uiLang({ uiLanguage: 'sv_FI' }).lang).toBe('sv');
    expect(uiLang({ uiLanguage: 'de-DE', languages: ['de', 'sv-SE', 'en'] }).lang).toBe('sv');
    expect(uiLang({ uiLanguage: 'de-DE', languages: ['fr'] }).lang).toBe('en');
    expect(uiLang({ uiLanguage: 'svx', languages: [] }).lang).toBe('en');
    expect(uiLang({}).lang).toBe('en');
  });

  it('keeps the locale the language came from, for dates', () => {
    expect(uiLang({ uiLanguage: 'en-US' }).locale).toBe('en-US');
    expect(uiLang({ uiLanguage: 'en-GB' }).locale).toBe('en-GB');
    expect(uiLang({ uiLanguage: 'sv_FI' }).locale).toBe('sv-FI');
    expect(uiLang({ uiLanguage: 'en', languages: ['en-GB'] }).locale).toBe('en-GB');
    expect(uiLang({ uiLanguage: 'de-DE', languages: ['sv'] }).locale).toBe('sv-SE');
    expect(uiLang({ search: '?lang=en', uiLanguage: 'sv-SE' }).locale).toBe('en-US');
  });

  it('gives en-US month/day dates and en-GB day/month dates', () => {
    const may14 = Date.UTC(2024, 4, 14, 12);
    const later = Date.UTC(2024, 6, 1, 12);
    const us = formatTime(may14, pageI18n({ uiLanguage: 'en-US' }).locale, later);
    const gb = formatTime(may14, pageI18n({ uiLanguage: 'en-GB' }).locale, later);
    expect(us).toMatch(/^05\/14\/2024/);
    expect(gb).toMatch(/^14\/05\/2024/);
    expect(formatTime(may14, pageI18n({ uiLanguage: 'sv-SE' }).locale, later)).toMatch(/^2024-05-14/);
  });
});

/** Real errors from the engine, each thrown by the code that throws it in use. */
function engineErrors(): Error[] {
  const caught: Error[] = [];
  const catchOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      caught.push(e as Error);
    }
  };
  catchOf(() => readHar('{"log": {'));
  catchOf(() => readHar('{"log": {"entries": [{"request": 3}]}}'));
  catchOf(() => parseRules('{\n "fields": [ { "key": "x", "signal": "nope" } ]\n}'));
  catchOf(() => parseRules('{\n\n  "endpoints": [,]\n}'));
  expect(caught).toHaveLength(4);
  return caught;
}

describe('errors', () => {
  it('name the kind and place in Swedish without the English message', () => {
    const sv = i18nOf('sv');
    for (const e of engineErrors()) {
      const shown = errorText(e, sv);
      expect(shown).not.toContain(e.message);
      expect(shown).not.toMatch(/\b(the|not|is|line|column|entry|file|invalid|missing)\b/i);
    }
    // The place is the engine's own, said in Swedish.
    const syntax = engineErrors()[3]!;
    const [, line, column] = /line (\d+), column (\d+)/.exec(syntax.message)!;
    expect(errorText(syntax, sv)).toBe(`regelfilen är inte giltig, rad ${line}, kolumn ${column}`);
    expect(errorText(new Error('Failed to fetch'), sv)).toBe(STRINGS.sv.errorUnexpected);
  });

  it('quote the engine message on an English page', () => {
    const e = engineErrors()[0]!;
    expect(errorText(e, i18nOf('en'))).toBe(e.message);
  });
});

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const c of mounted.splice(0)) {
    act(() => render(null, c));
    c.remove();
  }
});

function textOf(node: ComponentChildren): string {
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  act(() => render(<I18nContext.Provider value={i18nOf('sv')}>{node}</I18nContext.Provider>, container));
  // Accessible names and tooltips are read too.
  const attrs = [...container.querySelectorAll('[aria-label],[title],[placeholder]')].flatMap((el) =>
    ['aria-label', 'title', 'placeholder'].map((a) => el.getAttribute(a) ?? ''),
  );
  return [container.textContent ?? '', ...attrs].join('\n');
}

/** English sentences: table entries of three words or more that Swedish says differently. */
const englishSentences = (Object.keys(en) as Array<keyof typeof en>)
  .filter((k) => STRINGS.sv[k] !== STRINGS.en[k])
  .map((k) => fill(STRINGS.en[k]).replace(/\s+$/, ''))
  .filter((s) => s.split(/\s+/).length >= 3);

describe('Swedish pages', () => {
  const sv = i18nOf('sv');
  const failures = engineErrors().map((e) => errorText(e, sv));
  const engineMessages = engineErrors().map((e) => e.message);
  const pages: Record<string, ComponentChildren> = {
    popup: <Popup policy={policy} i18n={i18nFor('sv')} tabId={7} scope="tab:7" aggregate={telemetryTab()} status={{ paused: false, recording: null }} error={failures[0]} now={NOW} />,
    report: (
      <Report
        policy={policy}
        recordings={[]}
        scope="log"
        observations={observations(6)}
        rawAvailable={false}
        status={{ kind: 'error', text: sv.t('importFailed', ['x.har', failures[1]!]) }}
        tableHeight={400}
        now={NOW}
        onScope={vi.fn()}
        onExport={vi.fn()}
        onImport={vi.fn()}
      />
    ),
    panel: <Panel policy={policy} tabId={7} observations={observations(6)} limit={500} now={NOW} onClear={vi.fn()} onExport={vi.fn()} status={{ kind: 'error', text: failures[2]! } as never} />,
    options: (
      <OptionsView
        settings={DEFAULT_SETTINGS}
        status={failures[3]!}
        rulesApi={{ get: async () => null, set: vi.fn(), clear: vi.fn() }}
        onSaveRetention={vi.fn()}
        onAddOrigin={async () => false}
        onRemoveOrigin={vi.fn()}
        onNotifyChange={vi.fn()}
        onHiddenHeadersChange={vi.fn()}
        onDeleteAll={vi.fn()}
      />
    ),
    policy: <PolicyView policy={policy} lang="sv" />,
  };

  it('finds English sentences to look for', () => {
    expect(englishSentences.length).toBeGreaterThan(100);
  });

  for (const [name, node] of Object.entries(pages)) {
    it(`${name}: no English sentence from the table or the engine`, () => {
      const text = textOf(node);
      expect(text.length).toBeGreaterThan(200);
      expect(englishSentences.filter((s) => text.includes(s))).toEqual([]);
      expect(engineMessages.filter((m) => text.includes(m))).toEqual([]);
    });
  }

  it('a failed rules import in Swedish is all Swedish', async () => {
    const api = { get: async () => null, set: vi.fn(), clear: vi.fn() };
    const { outcome } = await importRules(api, '{"endpoints": 3}', 'r.json', sv);
    expect(outcome.text).toBe('Kunde inte importera r.json: regelfilen är inte giltig. De tidigare reglerna gäller fortfarande.');
  });
});
