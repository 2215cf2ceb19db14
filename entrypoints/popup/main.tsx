/**
 * The popup page. Reading starts first (boot.ts: tab id, database, the tab's aggregate and the background's
 * state, side by side), while the view (Preact, the components and the policy texts) loads as a separate
 * chunk. The page renders once, when both the view and the aggregate are there, so the first view already
 * shows data; if the aggregate is slow, a loading view goes up after a short wait instead of a blank page.
 */
import { render } from 'preact';
import { startBoot } from './boot';

const SHOW_LOADING_AFTER_MS = 150;

const boot = startBoot();
const known: { state?: Awaited<typeof boot.state> } = {};
boot.state.then((s) => (known.state = s), () => undefined);

const waited = <T,>(p: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([p, new Promise<undefined>((resolve) => setTimeout(resolve, ms))]).catch(() => undefined);

async function show(): Promise<void> {
  const [{ App, i18n }, first] = await Promise.all([
    import('./App').then((view) => (performance.mark('telltale:view'), view)),
    waited(Promise.all([boot.tabId, boot.aggregate]), SHOW_LOADING_AFTER_MS),
  ]);
  const initial = { tabId: first?.[0], aggregate: first?.[1], state: known.state };
  document.documentElement.lang = i18n.lang;
  performance.mark('telltale:render');
  render(<App boot={boot} initial={initial} />, document.getElementById('app')!);
  performance.mark('telltale:rendered');
}

void show();
