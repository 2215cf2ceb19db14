/**
 * Addresses of this computer in WebRTC signalling: SDP offers and answers (`a=candidate:` and `c=` lines) and
 * trickled ICE candidates (`candidate:…` strings), as calling clients post them to their signalling servers.
 *
 * What counts (RFC 8445 candidate types):
 * - `host` candidates: the computer's own interface addresses (mDNS `….local` names hide them and do not count);
 * - `srflx` / `prflx` candidates: the public address a STUN server saw, i.e. this computer's reflexive address;
 * - `raddr` of reflexive and relay candidates: the local or reflexive address the candidate was derived from;
 * - `c=` lines: the default candidate's address, unless it is a relay's.
 * What never counts: a `relay` candidate's own address (a TURN server's), `0.0.0.0` and loopback placeholders.
 */
import { isIpAddress, isUninformativeIp } from './values';

/** Whether `s` may hold SDP or an ICE candidate; a cheap test before any parsing. */
export function mayHoldSdp(s: string): boolean {
  return s.indexOf('candidate:') >= 0 || s.indexOf('c=IN IP') >= 0;
}

// foundation component transport priority address port "typ" type [raddr a rport p] ...
const CANDIDATE = /candidate:\S+ \d+ \S+ \d+ (\S+) \d+ typ (\S+)(?: raddr (\S+))?/g;
const CONNECTION = /(?:^|[\r\n])c=IN IP[46] ([^\s/]+)/g;

function informative(a: string | undefined): a is string {
  return a !== undefined && isIpAddress(a) && !isUninformativeIp(a);
}

/** This computer's addresses in the SDP or candidate text, each once, in order of appearance. */
export function sdpClientAddresses(s: string): string[] {
  const found = new Set<string>();
  const relays = new Set<string>();
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(s); m; m = CANDIDATE.exec(s)) {
    const [, address, type, raddr] = m;
    if (type === 'relay') {
      if (address) relays.add(address);
    } else if (informative(address)) {
      found.add(address);
    }
    if (informative(raddr)) found.add(raddr);
  }
  CONNECTION.lastIndex = 0;
  for (let m = CONNECTION.exec(s); m; m = CONNECTION.exec(s)) {
    const address = m[1];
    if (informative(address) && !relays.has(address)) found.add(address);
  }
  return [...found];
}
