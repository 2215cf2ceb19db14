/**
 * The readable policy page (policy.html). Other pages link here with `#feature-<id>`, `#item-<id>`,
 * `#clause-<id>` or `#purpose-<id>`, optionally with `?lang=sv|en`.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { uiLang } from '../../components/common/strings/lang';
import { PolicyView } from '../../components/policy/PolicyView';
import { loadPolicy } from '../../lib/policy/load';
import { text } from '../../lib/policy/lookup';
import type { Lang } from '../../lib/policy/types';
// The verbatim text ships inside the extension: it is the authority every quote is checked against.
import sourceText from '../../lib/policy/lync-privacy-policy-2012.sv.txt?raw';
import '../../components/common/common.css';
import '../../components/common/page.css';
import './style.css';

const policy = loadPolicy();

/** The page's language by the rule every page follows; the switch on the page changes it on the spot. */
function initialLang(): Lang {
  return uiLang({ search: location.search, uiLanguage: browser.i18n.getUILanguage(), languages: navigator.languages }).lang;
}

function App() {
  const [lang, setLang] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `Telltale — ${text(policy.title, lang)}`;
  }, [lang]);

  // The page is rendered after load, so the browser's own jump to the fragment found nothing yet.
  useEffect(() => {
    const jump = () => {
      const id = decodeURIComponent(location.hash.slice(1));
      const target = id ? document.getElementById(id) : null;
      if (!target) return;
      target.scrollIntoView();
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
    };
    jump();
    addEventListener('hashchange', jump);
    return () => removeEventListener('hashchange', jump);
  }, []);

  return (
    <div class="tt-page">
      <main class="tt-page__body">
        <PolicyView policy={policy} lang={lang} onLangChange={setLang} sourceText={sourceText} />
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
