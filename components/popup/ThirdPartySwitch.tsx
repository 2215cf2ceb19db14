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
  // The box shows the permission, not the click: it stays as it was until the browser has granted or removed
  // it (a prompt may stay open), and the permission's change re-renders it.
  const turn = (box: HTMLInputElement) => {
    const wanted = box.checked;
    box.checked = visible;
    onChange?.(wanted);
  };
  return (
    <section class="tt-third-party" data-third-party={visible ? 'visible' : 'hidden'}>
      {!visible && <p class="tt-third-party__notice">{t('thirdPartyHidden')}</p>}
      <label class="tt-third-party__switch">
        <input type="checkbox" checked={visible} data-switch="third-party" onChange={(e) => turn(e.currentTarget as HTMLInputElement)} />{' '}
        {t('thirdPartySwitch')}
      </label>
    </section>
  );
}
