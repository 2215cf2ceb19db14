// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PolicyView } from '../../../../components/policy/PolicyView';
import { loadPolicy } from '../../../../lib/policy/load';
import type { Lang } from '../../../../lib/policy/types';
import { readPolicyFile } from '../../lib/policy/helpers';

const policy = loadPolicy();
const source = readPolicyFile(policy.source);
let host: HTMLElement | undefined;

function mount(lang: Lang, onLangChange?: (l: Lang) => void): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  render(<PolicyView policy={policy} lang={lang} onLangChange={onLangChange} sourceText={source} />, host);
  return host;
}

afterEach(() => {
  if (host) render(null, host);
  host?.remove();
  host = undefined;
});

describe('PolicyView', () => {
  it.each<Lang>(['sv', 'en'])('has an anchor for every feature, item, clause and purpose (%s)', (lang) => {
    const root = mount(lang);
    const anchors = [
      ...policy.features.map((f) => `feature-${f.id}`),
      ...policy.items.map((i) => `item-${i.id}`),
      ...policy.clauses.map((c) => `clause-${c.id}`),
      ...policy.purposes.map((p) => `purpose-${p.id}`),
      ...policy.signals.map((s) => `signal-${s.id}`),
      ...policy.contentKinds.map((k) => `kind-${k.id}`),
    ];
    for (const id of anchors) expect(root.querySelector(`[id="${id}"]`), id).not.toBeNull();
  });

  it.each<Lang>(['sv', 'en'])('uses each id once and every in-page link reaches an anchor (%s)', (lang) => {
    const root = mount(lang);
    const ids = [...root.querySelectorAll('[id]')].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const targets = new Set(ids);
    const links = [...root.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href')!.slice(1));
    expect(links.length).toBeGreaterThan(100);
    for (const id of links) expect(targets.has(id), `#${id}`).toBe(true);
  });

  it.each<[Lang, string, string]>([
    ['en', 'Instant message', "any feature at the organisation's own server"],
    ['sv', 'Snabbmeddelande', 'alla funktioner på organisationens egen server'],
  ])('reads the statements for the organisation\'s own server as such (%s)', (lang, kindName, where) => {
    const root = mount(lang);
    const readings = [...root.querySelectorAll('.readings li')].map((li) => li.textContent ?? '');
    const there = readings.find((r) => r.includes(kindName) && r.includes(where));
    expect(there, readings.join('\n')).toBeDefined();
    expect(there).toMatch(lang === 'en' ? /not to Microsoft/ : /inte till Microsoft/);
  });

  it('shows the Swedish quote alone in Swedish', () => {
    const root = mount('sv');
    expect(root.querySelector('article')?.getAttribute('lang')).toBe('sv');
    expect(root.querySelector('h1')?.textContent).toBe('Sekretesspolicy för Microsoft Lync-produkter');
    const clause = root.querySelector('#clause-sci-attached')!;
    expect(clause.textContent).toContain(policy.clauses.find((c) => c.id === 'sci-attached')!.sv);
    expect(clause.textContent).not.toContain('standard computer information is sent along');
    expect(root.querySelector('#feature-online-help h3')?.textContent).toBe('Direkthjälp');
  });

  it('shows the English rendering with the Swedish original under it in English', () => {
    const root = mount('en');
    expect(root.querySelector('article')?.getAttribute('lang')).toBe('en');
    for (const c of policy.clauses) {
      const figure = root.querySelector(`#clause-${c.id}`)!;
      expect(figure.querySelector('blockquote[lang="en"]')?.textContent).toBe(c.en);
      expect(figure.querySelector('blockquote[lang="sv"]')?.textContent).toBe(c.sv);
    }
    expect(root.querySelector('#feature-online-help h3')?.textContent).toBe('Online Help');
  });

  it('renders each feature with its does, collects, use and choice clauses and purposes', () => {
    const root = mount('en');
    for (const f of policy.features) {
      const section = root.querySelector(`#feature-${f.id}`)!;
      const clauseLinks = [...section.querySelectorAll('a[href^="#clause-"]')].map((a) => a.getAttribute('href'));
      for (const id of [...f.does, ...f.collects, ...f.use, ...f.choice]) expect(clauseLinks).toContain(`#clause-${id}`);
      const purposeLinks = [...section.querySelectorAll('a[href^="#purpose-"]')].map((a) => a.getAttribute('href'));
      expect(purposeLinks).toEqual(f.purposes.map((p) => `#purpose-${p}`));
    }
  });

  it('shows each signal\'s precision and the verdict table', () => {
    const root = mount('en');
    expect(root.querySelector('#signal-screen-resolution')?.textContent).toContain('Only a broad term');
    expect(root.querySelector('#signal-os-version')?.textContent).toContain('Named in the policy');
    const rows = root.querySelectorAll('table.disclosures tbody tr');
    expect(rows.length).toBe(policy.items.length + policy.contentKinds.length);
    const cell = root.querySelector('table.disclosures tbody tr td[data-verdict="incorrect"] a');
    expect(cell?.getAttribute('href')).toBe('#clause-third-party-consent');
  });

  it('offers a keyboard-usable language toggle that reports the choice', () => {
    const onLangChange = vi.fn();
    const root = mount('en', onLangChange);
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('.lang-toggle button')];
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).toEqual(['false', 'true']);
    expect(buttons.every((b) => b.type === 'button')).toBe(true);
    buttons[0]!.click();
    expect(onLangChange).toHaveBeenCalledWith('sv');
  });

  it('has no toggle without a handler, and the whole source text when given', () => {
    const root = mount('sv');
    expect(root.querySelector('.lang-toggle')).toBeNull();
    expect(root.querySelector('#source')?.textContent).toContain('Redmond, Washington 98052 USA');
  });
  it.each<Lang>(['sv', 'en'])('quotes each clause in full exactly once and refers to it elsewhere by number (%s)', (lang) => {
    const root = mount(lang);
    // Outside the references (a short clause is its own gist there) and the whole original text at the end
    // (#source, the file itself), each clause appears once.
    const copy = root.cloneNode(true) as HTMLElement;
    for (const el of copy.querySelectorAll('a.clause-ref, #source')) el.remove();
    const page = copy.textContent!;
    const count = (needle: string) => page.split(needle).length - 1;
    for (const c of policy.clauses) {
      expect(count(lang === 'sv' ? c.sv : c.en), c.id).toBe(1);
      if (lang === 'en') expect(count(c.sv), c.id).toBe(1); // the original, once, under its rendering
    }
    // References outside the quotes: numbered links, never the full sentence.
    const refs = [...root.querySelectorAll('a.clause-ref')];
    expect(refs.length).toBeGreaterThan(40);
    for (const a of refs) {
      expect(a.textContent).toMatch(/^§\d+/);
      expect(a.textContent!.length).toBeLessThanOrEqual(70);
    }
  });

  it.each<Lang>(['sv', 'en'])('shows no internal id (%s)', (lang) => {
    const root = mount(lang);
    const visible = [...root.querySelectorAll('body *')].filter((e) => e.children.length === 0).map((e) => e.textContent ?? '');
    const ids = [...policy.clauses.map((c) => c.id), ...policy.purposes.map((p) => p.id)].filter((id) => id.includes('-'));
    for (const id of ids) for (const t of visible) expect(t.includes(id), `${id} in "${t}"`).toBe(false);
    expect(root.textContent).not.toMatch(/Mening sci-|Clause sci-/);
    for (const a of root.querySelectorAll('[aria-label]')) expect(a.getAttribute('aria-label')).not.toMatch(/sci-|third-party-consent/);
  });

  it('every quote links back to the features, items, purposes and kinds that cite it', () => {
    const root = mount('en');
    const f = policy.features.find((x) => x.does.length > 0)!;
    const quote = root.querySelector(`#clause-${f.does[0]}`)!;
    expect([...quote.querySelectorAll('.clause-uses a')].map((a) => a.getAttribute('href'))).toContain(`#feature-${f.id}`);
    const item = policy.items[0]!;
    expect([...root.querySelectorAll(`#clause-${item.clause} .clause-uses a`)].map((a) => a.getAttribute('href'))).toContain(`#item-${item.id}`);
  });

  it('has a table of contents reaching every top-level section', () => {
    const root = mount('en');
    const toc = [...root.querySelectorAll('nav.toc > ol > li > a')].map((a) => a.getAttribute('href'));
    const sections = [...root.querySelectorAll('article > section[id]')].map((s) => `#${s.id}`);
    expect(toc).toEqual(sections);
    expect(toc.length).toBeGreaterThanOrEqual(7);
  });
});
