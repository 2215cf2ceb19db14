/** Takes the relay's word that a client page has loaded: the pipeline's held work on its tab may go. */
export function receivePageLoaded(capture: RequestPipeline, message: unknown, sender: WitnessSender): void {
  const tabId = parsePageLoaded(message, sender, browser.runtime.id, (o) => isClientOrigin(o, capture.settings?.customOrigins ?? []));
  if (tabId !== undefined) capture.pageLoaded(tabId);
}

/** Takes the page-side beacon observer's reports (lib/capture/witness-message.ts checks them). */
import { browser } from 'wxt/browser';
import { isClientOrigin } from '../../lib/capture/origins';
import { parsePageLoaded, parseWitness, type WitnessSender } from '../../lib/capture/witness-message';
import type { RequestPipeline } from './pipeline';

export function receiveWitness(capture: RequestPipeline, message: unknown, sender: WitnessSender): void {
  const witness = parseWitness(message, sender, browser.runtime.id, (o) => isClientOrigin(o, capture.settings?.customOrigins ?? []));
  if (witness) capture.scope.witnesses.add(witness);
}
