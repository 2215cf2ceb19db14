import { Gunzip } from 'fflate';
import { GUNZIP_MAX_STEP } from './limits';

/** True when the bytes start with the gzip magic number 1F 8B. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export interface GunzipResult {
  /** At most `cap` inflated bytes. */
  bytes: Uint8Array;
  /** Inflated bytes seen before stopping (≥ cap when truncated). */
  size: number;
  truncated: boolean;
  /** The stream was corrupt or ended early; `bytes` holds what was inflated before that. */
  failed: boolean;
}

// DEFLATE expands at most ~1032 output bytes per input byte (258-byte matches in ~2 bits). A step of room/256
// input bytes can therefore inflate to at most ~4 × room, so a bomb never holds more than ~5 × cap at once.
// Smaller steps would bound it tighter but every fflate push costs a fresh ~128 KiB working buffer, which made
// 1 KiB steps 3-5× slower than 4 KiB steps on ordinary bodies.
const STEP_DIVISOR = 256;

/**
 * Inflates gzip (single or multi-member) with bounded memory: the input is fed in steps of at most
 * GUNZIP_MAX_STEP bytes, small enough that one step cannot inflate past ~5 × `cap`, and inflation stops as
 * soon as the output passes the cap. At most `cap` bytes are kept. Never throws.
 */
export function gunzipBounded(input: Uint8Array, cap: number): GunzipResult {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let failed = false;
  const inflater = new Gunzip((chunk) => {
    if (size < cap) chunks.push(chunk.length + size > cap ? chunk.subarray(0, cap - size) : chunk);
    size += chunk.length;
  });
  try {
    let offset = 0;
    while (offset < input.length && size <= cap) {
      const room = Math.max(0, cap - size);
      const step = Math.max(64, Math.min(GUNZIP_MAX_STEP, Math.floor(room / STEP_DIVISOR)));
      const end = Math.min(input.length, offset + step);
      inflater.push(input.subarray(offset, end), end === input.length);
      offset = end;
    }
  } catch {
    // fflate throws on corrupt data and, on the final push, on a stream that ends early.
    failed = true;
  }
  const truncated = size > cap;
  return { bytes: concat(chunks, Math.min(size, cap)), size, truncated, failed };
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const only = chunks.length === 1 ? chunks[0] : undefined;
  if (only && only.length === length) return only;
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
