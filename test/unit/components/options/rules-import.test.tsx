// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nContext, i18nOf } from '../../../../components/common/i18n';
import { RulesImport, importRules, type RulesApi } from '../../../../components/options/RulesImport';
import { acceptRulesFile, type RulesInfo } from '../../../../lib/rules-store';

const fixture = (name: string) => readFileSync(`test/fixtures/rules/${name}`, 'utf8');
const VALID = fixture('contoso-client.rules.json');

/** The background's behaviour over memory: validate, then replace; a bad file leaves the rules as they were. */
function fakeBackground(initial: RulesInfo | null = null) {
  let current = initial;
  const api: RulesApi & { current: () => RulesInfo | null } = {
    current: () => current,
    get: vi.fn(async () => current),
    set: vi.fn(async (text: string, fileName: string) => {
      current = acceptRulesFile(text, fileName, Date.UTC(2024, 4, 14, 9)).info;
      return current;
    }),
    clear: vi.fn(async () => {
      current = null;
    }),
  };
  return api;
}

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const c of mounted.splice(0)) {
    act(() => render(null, c));
    c.remove();
  }
});

async function mount(api: RulesApi, lang: 'en' | 'sv' = 'en') {
  const container = document.createElement('div');
  document.body.append(container);
  mounted.push(container);
  await act(async () => {
    render(
      <I18nContext.Provider value={i18nOf(lang)}>
        <RulesImport api={api} now={Date.UTC(2024, 4, 14, 10)} />
      </I18nContext.Provider>,
      container,
    );
  });
  return container;
}

async function choose(container: HTMLElement, text: string, name: string) {
  const input = container.querySelector<HTMLInputElement>('input[type="file"]')!;
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  // file.text() and the fake background resolve on later ticks.
  for (let i = 0; i < 5; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
}

const state = (c: HTMLElement) => c.querySelector('[data-rules-state]')!;
const outcome = (c: HTMLElement) => c.querySelector<HTMLElement>('[data-rules-outcome]');

describe('options page: rules import', () => {
  it('starts with no custom rules', async () => {
    const c = await mount(fakeBackground());
    expect(state(c).getAttribute('data-rules-state')).toBe('none');
  });

  it('imports a valid file and shows what is in force', async () => {
    const api = fakeBackground();
    const c = await mount(api);
    await choose(c, VALID, 'contoso-client.rules.json');
    expect(api.set).toHaveBeenCalledWith(VALID, 'contoso-client.rules.json');
    expect(state(c).getAttribute('data-rules-file')).toBe('contoso-client.rules.json');
    expect(state(c).textContent).toContain('2 endpoint rules, 3 field rules');
    expect(outcome(c)!.getAttribute('role')).toBe('status');
    expect(c.querySelector('pre')!.textContent).toBe(VALID);
  });

  it('a syntax error is shown with its line, is never sent, and the previous rules stay in force', async () => {
    const api = fakeBackground(acceptRulesFile(VALID, 'good.json', 0).info);
    const c = await mount(api);
    await choose(c, fixture('malformed-syntax.rules.json'), 'bad.json');
    expect(api.set).not.toHaveBeenCalled();
    const error = outcome(c)!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toMatch(/^Could not import bad\.json: rules: invalid JSON at line 4, column 5/);
    expect(error.textContent).toContain('The previous rules stay in force.');
    expect(state(c).getAttribute('data-rules-file')).toBe('good.json');
  });

  it('a bad field is named, and the previous rules stay in force', async () => {
    const api = fakeBackground(acceptRulesFile(VALID, 'good.json', 0).info);
    const c = await mount(api);
    await choose(c, fixture('malformed-field.rules.json'), 'bad.json');
    expect(outcome(c)!.textContent).toContain('fields[1].kind "account-name"');
    expect(api.current()?.fileName).toBe('good.json');
    expect(state(c).getAttribute('data-rules-file')).toBe('good.json');
  });

  it('shows the background refusal when the background rejects the file', async () => {
    const api = fakeBackground();
    api.set = vi.fn(async () => {
      throw new Error('rules/set: bad field text');
    });
    const c = await mount(api);
    await choose(c, VALID, 'r.json');
    expect(outcome(c)!.textContent).toBe('Could not import r.json: rules/set: bad field text. The previous rules stay in force.');
    expect(state(c).getAttribute('data-rules-state')).toBe('none');
  });

  it('removes the rules', async () => {
    const api = fakeBackground(acceptRulesFile(VALID, 'good.json', 0).info);
    const c = await mount(api);
    await act(async () => c.querySelector<HTMLButtonElement>('[data-action="remove-rules"]')!.click());
    expect(api.clear).toHaveBeenCalledTimes(1);
    expect(state(c).getAttribute('data-rules-state')).toBe('none');
  });

  it('speaks Swedish', async () => {
    const c = await mount(fakeBackground(), 'sv');
    await choose(c, fixture('malformed-syntax.rules.json'), 'fel.json');
    // The parser's English message is not quoted; its kind and place are said in Swedish.
    expect(outcome(c)!.textContent).toMatch(
      /^Kunde inte importera fel\.json: regelfilen är inte giltig, rad 4, kolumn \d+\. De tidigare reglerna gäller fortfarande\.$/,
    );
    expect(outcome(c)!.textContent).not.toMatch(/line|column|invalid|JSON at/i);
  });

  it('importRules never throws and reports counts', async () => {
    const api = fakeBackground();
    const ok = await importRules(api, VALID, 'r.json', i18nOf('en'));
    expect(ok.outcome).toEqual({ kind: 'info', text: 'Imported r.json: 2 endpoint rules, 3 field rules. They apply to requests seen from now on.' });
    const bad = await importRules(api, '{', 'x.json', i18nOf('en'));
    expect(bad.info).toBeUndefined();
    expect(bad.outcome.kind).toBe('error');
  });
});
