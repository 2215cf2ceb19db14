/**
 * Hostnames the demo client uses, all mapped to loopback in the browser. One HTTPS server answers every one of
 * them; only the Host header tells them apart.
 */
export const CLIENT_HOST = 'outlook.office.com';
/** A non-Microsoft destination for the third-party tests; like every host here it resolves to loopback. */
export const THIRD_PARTY_HOST = 'tracker.example';

export const DEMO_HOSTS = [
  CLIENT_HOST,
  'browser.events.data.microsoft.com',
  'dc.services.visualstudio.com',
  'support.office.com',
  'officeclient.microsoft.com',
  'sas.office.microsoft.com',
  'webpoolsv1.infra.lync.com',
  'teams.microsoft.com',
  // Online help reached by navigation from the client (scope page): links, forms, window.open, fwlink.
  'support.microsoft.com',
  'go.microsoft.com',
  THIRD_PARTY_HOST,
];

/** Chromium `--host-resolver-rules`: wildcard maps keep the request's port. */
export const HOST_RESOLVER_RULES = [
  'MAP *.microsoft.com 127.0.0.1',
  'MAP *.office.com 127.0.0.1',
  'MAP *.lync.com 127.0.0.1',
  'MAP *.visualstudio.com 127.0.0.1',
  'MAP *.live.com 127.0.0.1',
  `MAP ${THIRD_PARTY_HOST} 127.0.0.1`,
  // The CDN hosts of the page-load benchmark (assets.mjs).
  'MAP *.office.net 127.0.0.1',
  'MAP *.office365.com 127.0.0.1',
  'EXCLUDE localhost',
].join(', ');
