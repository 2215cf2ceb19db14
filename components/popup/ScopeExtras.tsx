/**
 * The parts of the popup about the tab's scope beyond its own requests: where the page came from, what the
 * client's workers sent, what earlier pages on the tab sent, and whether third parties can be seen at all.
 */
import type { Policy } from '../../lib/policy/types';
import { MAX_THIRD_PARTY_PER_PAGE, type ScopeAggregate } from '../../lib/model';

import { useI18n } from '../common/i18n';
import { EarlierPages } from './EarlierPages';
import { HostAccessNotice } from './HostAccessNotice';
import { PageOrigin } from './PageOrigin';
import { ThirdPartySwitch } from './ThirdPartySwitch';
import { WorkerLine } from './WorkerLine';

export interface ScopeExtrasData {
  /** Aggregate of the client origin's workers (`worker:<origin>`) for the tab's page, if any. */
  worker?: ScopeAggregate | null;
  thirdPartyVisible?: boolean;
  customOrigins?: readonly string[];
  onThirdPartyChange?: (on: boolean) => void;
  /** Host patterns Telltale watches with that the browser no longer grants. */
  hostAccessMissing?: readonly string[];
  onRestoreAccess?: () => void;
}


function DroppedLine({ dropped }: { dropped?: number }) {
  const { t } = useI18n();
  if (!dropped) return null;
  return (
    <p class="tt-gaps" data-dropped={dropped}>
      {t('thirdPartyDropped', [String(dropped), String(MAX_THIRD_PARTY_PER_PAGE)])}
    </p>
  );
}

export function ScopeExtras(props: ScopeExtrasData & { aggregate: ScopeAggregate | null | undefined; policy?: Policy; isTab: boolean }) {
  // The names of items and features come from the policy, which the popup loads after its first paint.
  if (!props.isTab || !props.policy) return null;
  const custom = props.customOrigins ?? [];
  return (
    <>
      <HostAccessNotice missing={props.hostAccessMissing} onRestore={props.onRestoreAccess} />
      <DroppedLine dropped={props.aggregate?.dropped} />
      <PageOrigin page={props.aggregate?.page} policy={props.policy} customOrigins={custom} />
      <WorkerLine worker={props.worker} policy={props.policy} />
      <ThirdPartySwitch visible={props.thirdPartyVisible} onChange={props.onThirdPartyChange} />
      <EarlierPages earlier={props.aggregate?.earlier} policy={props.policy} customOrigins={custom} />
    </>
  );
}
