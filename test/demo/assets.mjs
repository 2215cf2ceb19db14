/**
 * The static part of an Outlook-like page load, for the page-load benchmark: `?assets=N` on the demo client
 * adds N subresources (scripts, style sheets, images) served from Microsoft's CDN hostnames, which the browser
 * maps to the demo server like every other host. Every page render gets new asset URLs, so no load is served
 * from the cache of an earlier one.
 */
import { randomUUID } from 'node:crypto';

/** Microsoft 365 CDN hosts that Outlook on the web and Teams load their code and images from. */
export const CDN_HOSTS = ['res.cdn.office.net', 'res-1.cdn.office.net', 'r4.res.office365.com', 'statics.teams.cdn.office.net'];

/** Shares of script, style sheet and image among the assets, roughly as in an Outlook on the web start. */
const KINDS = [
  { kind: 'script', share: 0.45, ext: 'js' },
  { kind: 'style', share: 0.15, ext: 'css' },
  { kind: 'image', share: 0.4, ext: 'png' },
];

/** The markup for `count` subresources on the CDN hosts, at `port`. */
export function assetTags(count, port) {
  const run = randomUUID().slice(0, 8);
  const tags = [];
  let i = 0;
  for (const { kind, share, ext } of KINDS) {
    const n = kind === 'image' ? count - i : Math.round(count * share);
    for (let k = 0; k < n; k++, i++) {
      const url = `https://${CDN_HOSTS[i % CDN_HOSTS.length]}:${port}/assets/${run}/${kind}-${k}.${ext}`;
      if (kind === 'script') tags.push(`<script defer src="${url}"></script>`);
      else if (kind === 'style') tags.push(`<link rel="stylesheet" href="${url}">`);
      else tags.push(`<img alt="" width="16" height="16" src="${url}">`);
    }
  }
  return tags.join('\n');
}

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
/** A few KB, like a small code chunk, so the transfer is not empty. */
const SCRIPT = `/* ${'x'.repeat(4000)} */\nvoid 0;\n`;
const STYLE = `.c{color:#222}\n/* ${'x'.repeat(1500)} */\n`;

/** The response for an /assets/ path, or undefined for any other path. */
export function assetResponse(pathname) {
  if (!pathname.startsWith('/assets/')) return undefined;
  if (pathname.endsWith('.js')) return { type: 'text/javascript', body: SCRIPT };
  if (pathname.endsWith('.css')) return { type: 'text/css', body: STYLE };
  return { type: 'image/png', body: PNG_1X1 };
}
