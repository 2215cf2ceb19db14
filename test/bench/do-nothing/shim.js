/*
 * Loaded before Telltale's own background script in the do-nothing benchmark extension (make.mjs). Every
 * webRequest listener Telltale registers is replaced by one that returns at once, registered with the same
 * filter and the same extra options, so Chromium does all of its own work of observing (copying bodies and
 * headers, waking the worker, dispatching each event) and Telltale does none of its per-request work.
 * Events named in `globalThis.__doNothingWithout` (set by make.mjs for a variant) are not registered at all,
 * and `extraHeaders` named there is left out of every listener's options, to measure what Chromium charges for
 * each one.
 */
(() => {
  const without = new Set(globalThis.__doNothingWithout ?? []);
  const apis = new Set([globalThis.chrome?.webRequest, globalThis.browser?.webRequest].filter(Boolean));
  for (const api of apis) {
    for (const name of Object.keys(api)) {
      const event = api[name];
      if (!event || typeof event.addListener !== 'function' || event.__doNothing) continue;
      const add = event.addListener.bind(event);
      const remove = event.removeListener.bind(event);
      const standIns = new Map();
      event.__doNothing = true;
      event.addListener = (listener, ...filterAndOptions) => {
        const standIn = () => undefined;
        standIns.set(listener, standIn);
        const [filter, options] = filterAndOptions;
        // Chromium turns its header client on for every request while any listener asks for extraHeaders.
        const kept = Array.isArray(options) && without.has('extraHeaders') ? [filter, options.filter((o) => o !== 'extraHeaders')] : filterAndOptions;
        if (!without.has(name)) add(standIn, ...kept);
      };
      event.removeListener = (listener) => {
        const standIn = standIns.get(listener);
        if (standIn && !without.has(name)) remove(standIn);
        standIns.delete(listener);
      };
      event.hasListener = (listener) => standIns.has(listener);
    }
  }
})();
