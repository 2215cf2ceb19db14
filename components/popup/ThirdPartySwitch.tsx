/**
 * The third-party switch and its notice. It shows no state of its own: `visible` is whether the all-sites
 * permission is granted right now. In the popup it appears only while third parties cannot be seen, saying
 * why; the options page shows it always (`always`), to turn it off again.
 */
import { useI18n } from '../common/i18n';

export interface ThirdPartySwitchProps {
  /** The all-sites permission is granted; undefined while unknown. */
  visible: boolean | undefined;
  onChange?: (on: boolean) => void;
  always?: boolean;
}

export function ThirdPartySwitch({ visible, onChange, always }: ThirdPartySwitchProps) {
  const { t } = useI18n();
  if (visible === undefined || (visible && !always)) return null;
  return (
    <section class="tt-third-party" data-third-party={visible ? 'visible' : 'hidden'}>
      {!visible && <p class="tt-third-party__notice">{t('thirdPartyHidden')}</p>}
      <label class="tt-third-party__switch">
        <input type="checkbox" checked={visible} data-switch="third-party" onChange={(e) => onChange?.((e.currentTarget as HTMLInputElement).checked)} />{' '}
        {t('thirdPartySwitch')}
      </label>
    </section>
  );
}
