/**
 * The popup's view, run by the popup's one script (entrypoints/popup-boot.ts) right after it started the reads
 * (boot.ts). The page renders once the aggregate is there, so the first view already shows data; if the
 * aggregate is slow, a loading view goes up after a short wait instead of a blank page. The background's state
 * never delays the view.
 */
import { render } from 'preact';
import { App, i18n } from './App';
import { takeBoot } from './boot';

const SHOW_LOADING_AFTER_MS = 150;

const waited = <T,>(p: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([p, new Promise<undefined>((resolve) => setTimeout(resolve, ms))]).catch(() => undefined);

/** Renders the popup into #app (the script is deferred: the page is parsed by then). */
export function showPopup(): void {
  const boot = takeBoot();
  const known: { state?: Awaited<typeof boot.state> } = {};
  boot.state.then((s) => (known.state = s), () => undefined);
  performance.mark('telltale:view');
  void waited(Promise.all([boot.tabId, boot.aggregate]), SHOW_LOADING_AFTER_MS).then((first) => {
    const initial = { tabId: first?.[0], aggregate: first?.[1], state: known.state };
    document.documentElement.lang = i18n.lang;
    performance.mark('telltale:render');
    render(<App boot={boot} initial={initial} />, document.getElementById('app')!);
    performance.mark('telltale:rendered');
  });
}
