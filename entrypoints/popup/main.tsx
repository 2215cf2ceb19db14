/**
 * The popup's view. The reads were started before this module graph was fetched (popup-boot.ts, a classic
 * script in the head; see boot.ts), and popup.html names every module and style sheet of the view, so they
 * are fetched side by side rather than one import after another. The page renders once the aggregate is
 * there, so the first view already shows data; if the aggregate is slow, a loading view goes up after a
 * short wait instead of a blank page. The background's state never delays the view.
 */
import { render } from 'preact';
import { App, i18n } from './App';
import { takeBoot } from './boot';

const SHOW_LOADING_AFTER_MS = 150;

const boot = takeBoot();
const known: { state?: Awaited<typeof boot.state> } = {};
boot.state.then((s) => (known.state = s), () => undefined);

const waited = <T,>(p: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([p, new Promise<undefined>((resolve) => setTimeout(resolve, ms))]).catch(() => undefined);

async function show(): Promise<void> {
  performance.mark('telltale:view');
  const first = await waited(Promise.all([boot.tabId, boot.aggregate]), SHOW_LOADING_AFTER_MS);
  const initial = { tabId: first?.[0], aggregate: first?.[1], state: known.state };
  document.documentElement.lang = i18n.lang;
  performance.mark('telltale:render');
  render(<App boot={boot} initial={initial} />, document.getElementById('app')!);
  performance.mark('telltale:rendered');
}

void show();
