/**
 * The tokenizer under the streaming HAR reader: finds each element of `log.entries` (and `log.pages`) in a
 * sequence of text chunks and JSON.parses only that slice, so a HAR file of any size is read with memory
 * bounded by its largest entry. Pure over strings: the caller supplies chunks (a Node stream with setEncoding('utf8'), a fetch
 * body through TextDecoderStream, or a string split by hand).
 *
 * Outside the captured arrays the scanner keeps a small stack of open containers and the last key of each
 * object, enough to know when it stands in `log.entries`; inside an entry it only counts brackets and skips
 * strings with indexOf, which keeps base64 bodies and long headers cheap.
 */
import { HarError } from './errors';
import type { HarPages } from './entry';

interface Frame {
  /** '{' or '['. */
  open: 123 | 91;
  /** The key this container sits under in its parent object ('' for array elements and the root). */
  name: string;
  /** Last key read in this object. */
  key: string;
  /** In an object: the next string is a key. */
  expectKey: boolean;
}

type Target = 'entries' | 'pages';

const QUOTE = 34;
const BACKSLASH = 92;

export class HarEntryScanner {
  /** `log`: a HAR file's `log.entries`; `root`: the top-level `entries` of `check --json` and the JSON export. */
  constructor(private readonly at: 'log' | 'root' = 'log') {}
  private get what(): string {
    return this.at === 'log' ? 'a HAR file' : 'a HAR file or telltale check --json output';
  }

  private readonly stack: Frame[] = [];
  private started = false;
  private done = false;
  private sawEntries = false;
  /** Characters consumed before the current chunk, for error positions. */
  private offset = 0;

  // A string outside the captured arrays.
  private inString = false;
  private stringIsKey = false;
  private keyText = '';
  private carriedBackslashes = 0;

  // The element being captured.
  private capture: Target | undefined;
  private captureParts: string[] = [];
  private captureDepth = 0;
  private captureInString = false;

  /** Entries parsed so far (their HAR index is their position). */
  entryCount = 0;
  /** `log.pages` read so far: page id → title. */
  readonly pages: HarPages = new Map();

  /** Feeds one chunk; returns the entries completed in it, parsed, in order. */
  push(chunk: string): unknown[] {
    const out: unknown[] = [];
    let i = 0;
    const n = chunk.length;
    if (!this.started && this.offset === 0 && chunk.charCodeAt(0) === 0xfeff) i = 1;
    while (i < n) {
      if (this.capture) {
        i = this.scanCapture(chunk, i, out);
        continue;
      }
      if (this.inString) {
        i = this.scanOuterString(chunk, i);
        continue;
      }
      const c = chunk.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) {
        i++;
        continue;
      }
      if (this.done) throw this.error('unexpected content after the end of the HAR document', i);
      if (!this.started) {
        if (c !== 123) throw this.error(`not ${this.what}: it does not start with a JSON object`, i);
        this.started = true;
      }
      const top = this.stack[this.stack.length - 1];
      const target = this.targetHere();
      if (target && c !== 93 && c !== 44) {
        if (target === 'entries' && c !== 123) throw this.error(`entry ${this.entryCount}: not an object`, i);
        this.capture = target;
        this.captureParts = [];
        this.captureDepth = 0;
        this.captureInString = false;
        this.carriedBackslashes = 0;
        const start = i;
        i = this.scanCapture(chunk, i, out, start);
        continue;
      }
      switch (c) {
        case QUOTE:
          this.inString = true;
          this.stringIsKey = top !== undefined && top.open === 123 && top.expectKey;
          this.keyText = '';
          this.carriedBackslashes = 0;
          i++;
          break;
        case 123:
        case 91: {
          const name = top && top.open === 123 ? top.key : '';
          this.stack.push({ open: c, name, key: '', expectKey: c === 123 });
          if (this.pathIs('entries')) this.sawEntries = true;
          i++;
          break;
        }
        case 125:
        case 93: {
          if (!top || top.open !== c - 2) throw this.error(`mismatched '${String.fromCharCode(c)}'`, i);
          this.stack.pop();
          if (this.stack.length === 0) this.done = true;
          i++;
          break;
        }
        case 58:
          if (top) top.expectKey = false;
          i++;
          break;
        case 44:
          if (top && top.open === 123) top.expectKey = true;
          i++;
          break;
        default:
          // Numbers, true/false/null outside the captured arrays: skipped.
          i++;
      }
    }
    this.offset += n;
    return out;
  }

  /** Call after the last chunk; throws when the document is cut short or has no `log.entries`. */
  end(): void {
    if (this.capture) throw new HarError(`entry ${this.entryCount}: the file ends inside this entry (truncated file?)`);
    if (!this.started) throw new HarError(`not ${this.what}: the file is empty`);
    if (!this.done) throw new HarError(`not ${this.what}: the JSON document is cut short (truncated file?)`);
    const entries = this.at === 'log' ? 'log.entries' : 'entries';
    if (!this.sawEntries) throw new HarError(`not ${this.what}: "${entries}" is missing or not an array`);
  }

  private error(message: string, index: number): HarError {
    return new HarError(`${message} (at character ${this.offset + index})`);
  }

  private pathIs(name: string): boolean {
    const s = this.stack;
    if (this.at === 'root') return s.length === 2 && s[1]!.open === 91 && s[1]!.name === name && s[0]!.open === 123;
    return s.length === 3 && s[2]!.open === 91 && s[2]!.name === name && s[1]!.open === 123 && s[1]!.name === 'log';
  }

  private targetHere(): Target | undefined {
    if (this.stack.length !== (this.at === 'root' ? 2 : 3)) return undefined;
    if (this.pathIs('entries')) return 'entries';
    if (this.pathIs('pages')) return 'pages';
    return undefined;
  }

  /** Skips a string outside the captured arrays, keeping its text when it is an object key. */
  private scanOuterString(chunk: string, i: number): number {
    const q = this.closingQuote(chunk, i);
    const end = q < 0 ? chunk.length : q;
    if (this.stringIsKey) this.keyText += chunk.slice(i, end);
    if (q < 0) return chunk.length;
    this.inString = false;
    if (this.stringIsKey) {
      const top = this.stack[this.stack.length - 1]!;
      let key = this.keyText;
      if (key.includes('\\')) {
        try {
          key = JSON.parse(`"${key}"`) as string;
        } catch {
          // An invalid escape in a key outside the entries: keep the raw text; it will not match "log".
        }
      }
      top.key = key;
      this.keyText = '';
    }
    return q + 1;
  }

  /**
   * Index of the quote that closes the current string, searching from i; -1 when the chunk ends first
   * (then the trailing run of backslashes is remembered, because it decides whether the next chunk's
   * first quote is escaped).
   */
  private closingQuote(chunk: string, i: number): number {
    let from = i;
    for (;;) {
      const q = chunk.indexOf('"', from);
      if (q < 0) {
        let k = chunk.length - 1;
        while (k >= from && chunk.charCodeAt(k) === BACKSLASH) k--;
        const run = chunk.length - 1 - k;
        this.carriedBackslashes = k < from && from === i ? this.carriedBackslashes + run : run;
        return -1;
      }
      let k = q - 1;
      while (k >= from && chunk.charCodeAt(k) === BACKSLASH) k--;
      let run = q - 1 - k;
      if (k < from && from === i) run += this.carriedBackslashes;
      this.carriedBackslashes = 0;
      if (run % 2 === 0) return q;
      from = q + 1;
    }
  }

  /** Scans inside a captured element; returns the index after it, or the chunk's end. */
  private scanCapture(chunk: string, i: number, out: unknown[], start = 0): number {
    const n = chunk.length;
    let j = i;
    while (j < n) {
      if (this.captureInString) {
        const q = this.closingQuote(chunk, j);
        if (q < 0) break;
        this.captureInString = false;
        j = q + 1;
        continue;
      }
      const c = chunk.charCodeAt(j);
      if (c === QUOTE) {
        this.captureInString = true;
        this.carriedBackslashes = 0;
      } else if (c === 123 || c === 91) {
        this.captureDepth++;
      } else if (this.captureDepth === 0 && (c === 44 || c === 93 || c === 125 || c === 32 || c === 10 || c === 13 || c === 9)) {
        // The end of a bare primitive element (only possible in log.pages); the delimiter is not consumed.
        this.captureParts.push(chunk.slice(start, j));
        this.finishCapture(out, j);
        return j;
      } else if (c === 125 || c === 93) {
        this.captureDepth--;
        if (this.captureDepth === 0) {
          this.captureParts.push(chunk.slice(start, j + 1));
          this.finishCapture(out, j);
          return j + 1;
        }
      }
      j++;
    }
    this.captureParts.push(chunk.slice(start, n));
    return n;
  }

  private finishCapture(out: unknown[], j: number): void {
    const text = this.captureParts.length === 1 ? this.captureParts[0]! : this.captureParts.join('');
    const target = this.capture;
    this.capture = undefined;
    this.captureParts = [];
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      const what = target === 'entries' ? `entry ${this.entryCount}` : 'log.pages';
      throw this.error(`${what}: invalid JSON (${err instanceof Error ? err.message : String(err)})`, j);
    }
    if (target === 'entries') {
      out.push(value);
      this.entryCount++;
    } else if (typeof value === 'object' && value !== null) {
      const page = value as { id?: unknown; title?: unknown };
      if (typeof page.id === 'string' && typeof page.title === 'string') this.pages.set(page.id, page.title);
    }
  }
}
