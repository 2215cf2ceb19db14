/**
 * A muted line under an item that did not leave, when only a hint of it did: "The OS family left: Linux; no
 * version". Hints are never items (lib/detect/RULES.md); this says what did leave without counting it.
 */
import type { FlowAggregate } from '../../lib/model';
import type { Policy } from '../../lib/policy/types';
import { useI18n } from '../common/i18n';

/** Message key per hint signal; a signal without one is not shown. */
const MESSAGE: Record<string, string> = {
  'os-name': 'hintOsName',
  'browser-name': 'hintBrowserName',
  'device-class': 'hintDeviceClass',
};

/** The value a hint showed most recently, without the quotes of a Client Hints header. */
function latestValue(flow: FlowAggregate): string {
  const value = flow.samples.at(-1)?.evidence[0]?.value ?? '';
  return value.replace(/^"(.*)"$/, '$1');
}

export function HintLine({ policy, item, hints }: { policy: Policy; item: string; hints: Record<string, FlowAggregate> | undefined }) {
  const { t } = useI18n();
  if (!hints) return null;
  const shown = policy.signals.filter((s) => s.item === item && hints[s.id] && MESSAGE[s.id]);
  if (shown.length === 0) return null;
  return (
    <li class="tt-hint tt-muted" data-hint-item={item}>
      {shown.map((s) => (
        <span key={s.id} data-hint={s.id}>
          {t(MESSAGE[s.id]!, latestValue(hints[s.id]!))}{' '}
        </span>
      ))}
    </li>
  );
}
