/**
 * The journal (lib/store/journal.ts) over `storage.session`, which outlives a stopped service worker (it lives
 * in the browser process until the browser quits), so the next worker knows which requests the previous one
 * started, or finished, but never stored.
 */
import { browser } from 'wxt/browser';
import { Journal, type JournalArea } from '../../lib/store/journal';

/**
 * Absent in browsers without storage.session: the journal is then memory-only and restarts can lose requests
 * silently, which README states.
 */
const area = () => browser.storage?.session as JournalArea | undefined;

export function createJournal(): Journal {
  return new Journal(area);
}
