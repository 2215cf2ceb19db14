/**
 * The demo client loads the Chromium overhead benchmarks measure (overhead.mjs, worker-profile.mjs): a small
 * warm-up page, an Outlook-like page load and a burst of 1DS POSTs, with how many requests each sends.
 */
export const WARM_UP = '?burst=20&assets=8';
export const PAGE_ASSETS = 100;
export const PAGE_POSTS = 20;

/** The two measured loads, keyed `page` and `burst`; `requests` is what each sends. */
export function measuredLoads(posts) {
  return [
    { key: 'page', label: `page load (${PAGE_ASSETS} CDN assets + ${PAGE_POSTS} POSTs)`, query: `?burst=${PAGE_POSTS}&assets=${PAGE_ASSETS}`, requests: PAGE_ASSETS + PAGE_POSTS },
    { key: 'burst', label: `burst (${posts.toLocaleString('en')} POSTs, 8 in flight)`, query: `?burst=${posts}`, requests: posts },
  ];
}
