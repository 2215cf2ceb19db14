/**
 * The classifier, loaded lazily so the background starts (and registers its listeners) before the engine's
 * data is parsed. A glob import keeps the build working while the engine module is absent: requests are then
 * stored with an empty annotation, and an `unclassified` policy id says so.
 */
import type { Annotation, BrowserProfile, NormalizedRequest } from '@/lib/types';
import type { CustomRules } from '@/lib/classify/rules';
import type { KeepBody } from '@/lib/classify/redact-body';
import type { ObservationBody } from '@/lib/store/types';

type Options = { profile?: BrowserProfile; raw?: boolean; rules?: CustomRules; organisationOrigins?: readonly string[] };

export interface Engine {
  policyId: string;
  classify(request: NormalizedRequest, options: Options): Annotation;
  /** classify(), plus the body to keep with the observation when `keep` is given (recordings only). */
  classifyKeepingBody(request: NormalizedRequest, options: Options, keep: KeepBody | undefined): { annotation: Annotation; body?: ObservationBody };
}

type ClassifyModule = {
  classify: Engine['classify'];
  classifyKeepingBody?: (request: NormalizedRequest, options: Options, keep: KeepBody) => { annotation: Annotation; body?: ObservationBody };
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
      const { classify, classifyKeepingBody } = await loadClassify();
      const engine: Engine = {
        policyId,
        classify(request, options) {
          try {
            return classify(request, options);
          } catch (e) {
            console.error('classify threw', e);
            return { ...emptyAnnotation(policyId), body: { ...emptyAnnotation(policyId).body, undecodable: true } };
          }
        },
        classifyKeepingBody(request, options, keep) {
          if (!keep || !classifyKeepingBody) return { annotation: engine.classify(request, options) };
          try {
            return classifyKeepingBody(request, options, keep);
          } catch (e) {
            // The annotation matters more than the body: classify again without keeping one.
            console.error('classify threw', e);
            return { annotation: engine.classify(request, options) };
          }
        },
      };
      return engine;
    }
  } catch (e) {
    console.error('classifier failed to load', e);
  }
  return { policyId, classify: () => emptyAnnotation(policyId), classifyKeepingBody: () => ({ annotation: emptyAnnotation(policyId) }) };
}
