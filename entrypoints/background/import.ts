/**
 * HAR import: the report page sends a file in chunks and the background stores it as a new recording, so
 * the store has one writer. The file is classified with the shipped policy and no browser profile (it came
 * from elsewhere). Nothing is stored before `import/finish`, and a malformed file stores nothing.
 */
import { browser } from 'wxt/browser';
import type { Handlers } from '../../lib/messages';
import { classify } from '../../lib/classify/index';
import { importHar } from '../../lib/export/import';
import { loadPolicy } from '../../lib/policy/load';
import type { RequestPipeline } from './pipeline';

/** Most characters one import may hold in memory before it is parsed. */
const MAX_IMPORT_CHARS = 512 * 1024 * 1024;
/** An import whose page stopped sending is dropped when the next one starts. */
const STALE_MS = 5 * 60_000;

interface PendingImport {
  fileName: string;
  chunks: string[];
  chars: number;
  touched: number;
}

export function importHandlers(pipeline: RequestPipeline): Pick<Handlers, 'import/start' | 'import/chunk' | 'import/finish'> {
  const pending = new Map<number, PendingImport>();
  let nextId = 1;

  function take(importId: number): PendingImport {
    const p = pending.get(importId);
    if (!p) throw new Error(`no import ${importId} under way`);
    p.touched = Date.now();
    return p;
  }

  return {
    async 'import/start'({ fileName }) {
      const now = Date.now();
      for (const [id, p] of pending) if (now - p.touched > STALE_MS) pending.delete(id);
      const importId = nextId++;
      pending.set(importId, { fileName, chunks: [], chars: 0, touched: now });
      return { importId };
    },

    async 'import/chunk'({ importId, text }) {
      const p = take(importId);
      if (p.chars + text.length > MAX_IMPORT_CHARS) {
        pending.delete(importId);
        throw new Error(`${p.fileName}: larger than ${MAX_IMPORT_CHARS / 1024 / 1024} MiB, not imported`);
      }
      p.chunks.push(text);
      p.chars += text.length;
      return { received: p.chars };
    },

    async 'import/finish'({ importId }) {
      const p = take(importId);
      pending.delete(importId);
      return importHar(await pipeline.database(), p.chunks, {
        classify: (request) => classify(request),
        fileName: p.fileName,
        extensionVersion: browser.runtime.getManifest().version,
        policyId: pipeline.engine?.policyId ?? loadPolicy().id,
        now: Date.now(),
      });
    },
  };
}
