/**
 * Host permissions Telltale watches with that the browser no longer grants (lib/capture/host-access.ts):
 * named, with why, and a button that asks for them again. Nothing shows while every one is granted.
 */
import { hostOfPattern } from '../../lib/capture/host-access';
import { useI18n } from '../common/i18n';

export interface HostAccessNoticeProps {
  /** Missing host patterns; empty or undefined while nothing is missing or it is not known yet. */
  missing: readonly string[] | undefined;
  /** Called from the button's click, so the browser sees the user's gesture. */
  onRestore?: () => void;
}

export function HostAccessNotice({ missing, onRestore }: HostAccessNoticeProps) {
  const { t } = useI18n();
  if (!missing?.length) return null;
  const hosts = missing.map(hostOfPattern).join(', ');
  return (
    <section class="tt-host-access" role="alert" data-host-access-missing={missing.length}>
      <p>{t('hostAccessMissing', [hosts])}</p>
      {onRestore && (
        <button type="button" data-action="restore-host-access" onClick={onRestore}>
          {t('hostAccessRestore')}
        </button>
      )}
    </section>
  );
}
