/**
 * Telltale's own fields in a HAR file (HAR custom fields start with `_`), shared by the writer
 * (lib/export/har.ts) and the reader (lib/har/entry.ts), which reads them back from untrusted files.
 */
import type { Annotation, ResourceType } from '../model';

/** `entries[i]._telltale` as the writer puts it. */
export interface TelltaleEntryFields {
  /** Position of the entry in this export. */
  index: number;
  requestId: string;
  type: ResourceType;
  initiator?: string;
  clientOrigin: string;
  tabId: number;
  frameId: number;
  recordingId?: number;
  requestSize: number;
  error?: string;
  incomplete?: string[];
  httpVersion: 'not-observed';
  annotation: Annotation;
  /** How `request.postData` relates to the body sent, when it comes from the observation's kept body. */
  body?: { redacted: boolean; truncated: boolean; gzip?: boolean };
  /** hi of the hash chain; left out of the hashed content. */
  chain?: string;
}

/** `entries[i]._telltale` as the reader meets it: any field may be missing or of another type. */
export type TelltaleHarFields = Partial<Pick<TelltaleEntryFields, 'type' | 'initiator'>> & { [key: string]: unknown };
