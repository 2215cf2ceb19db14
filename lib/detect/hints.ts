/**
 * Signals that name something without its value: an OS family without a version, a browser name without a
 * version, a device class (desktop or mobile). Each is tied to an item in the policy, yet seeing it alone does
 * not mean the item left. The engine keeps such evidence inside the item when the item's value left too, and
 * otherwise lists it as a hint (RULES.md).
 */
import type { SignalId } from '../policy/types';

export const HINT_SIGNALS: ReadonlySet<SignalId> = new Set<SignalId>(['os-name', 'browser-name', 'device-class']);

export function isHintSignal(signal: string | undefined): boolean {
  return signal !== undefined && HINT_SIGNALS.has(signal as SignalId);
}
