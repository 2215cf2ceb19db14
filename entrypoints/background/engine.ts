/**
 * The classifier, loaded lazily so the background starts (and registers its listeners) before the engine's
 * data is parsed. A glob import keeps the build working while the engine module is absent: requests are then
 * stored with an empty annotation, and an `unclassified` policy id says so.
 */
import type { Annotation, BrowserProfile, NormalizedRequest } from '@/lib/types';
import type { CustomRules } from '@/lib/classify/rules';

export interface Engine {
  policyId: string;
  classify(request: NormalizedRequest, options: { profile?: BrowserProfile; raw?: boolean; rules?: CustomRules }): Annotation;
}

type ClassifyModule = {
  classify: Engine['classify'];
};
type PolicyModule = { loadPolicy: () => { id: string } };

const classifyModules = import.meta.glob<ClassifyModule>('../../lib/classify/index.ts');
const policyModules = import.meta.glob<PolicyModule>('../../lib/policy/load.ts');

export function emptyAnnotation(policy: string): Annotation {
  return {
    policy,
    features: [],
    purposes: [],
    items: [],
    findings: [],
    body: { format: 'none', gzip: false, truncated: false, undecodable: false, size: 0 },
  };
}

export async function loadEngine(): Promise<Engine> {
  const loadClassify = Object.values(classifyModules)[0];
  const loadPolicyModule = Object.values(policyModules)[0];
  let policyId = 'unclassified';
  try {
    if (loadPolicyModule) policyId = (await loadPolicyModule()).loadPolicy().id;
  } catch (e) {
    console.error('policy failed to load', e);
  }
  try {
    if (loadClassify) {
      const { classify } = await loadClassify();
      return {
        policyId,
        classify(request, options) {
          try {
            return classify(request, options);
          } catch (e) {
            console.error('classify threw', e);
            return { ...emptyAnnotation(policyId), body: { ...emptyAnnotation(policyId).body, undecodable: true } };
          }
        },
      };
    }
  } catch (e) {
    console.error('classifier failed to load', e);
  }
  return { policyId, classify: () => emptyAnnotation(policyId) };
}
