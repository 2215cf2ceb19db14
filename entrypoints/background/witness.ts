/** Receives the page-side beacon observer's reports (lib/capture/witness-message.ts checks them). */
import { browser } from 'wxt/browser';
import { isClientOrigin } from '@/lib/capture/origins';
import { isWitnessMessage, parseWitness } from '@/lib/capture/witness-message';
import type { Capture } from './capture';

export function listenForWitnesses(capture: Capture): void {
  browser.runtime.onMessage.addListener((message: unknown, sender): undefined => {
    if (!isWitnessMessage(message)) return undefined;
    const witness = parseWitness(message, sender, browser.runtime.id, (o) => isClientOrigin(o, capture.settings?.customOrigins ?? []));
    if (witness) capture.witnesses.add(witness);
    return undefined;
  });
}
