/**
 * The popup's first screen names items and content kinds from the string table (so it paints before the
 * policy model loads): those names must be the policy's own, in both languages, for every id.
 */
import { describe, expect, it } from 'vitest';
import { i18nOf } from '../../../../components/common/i18n';
import { featureLabel, itemLabel, kindLabel } from '../../../../components/popup/names';
import { loadPolicy } from '../../../../lib/policy/load';
import { FEATURE_IDS } from '../../../../lib/policy/types';

const policy = loadPolicy();
const plain = (s: string) => s.replace(/\u00ad/g, '');

describe('first-screen names', () => {
  for (const lang of ['en', 'sv'] as const) {
    it(`are the policy's item and content names in ${lang}, and every feature has a short label`, () => {
      const { t } = i18nOf(lang);
      for (const item of policy.items) expect(plain(itemLabel(t, item.id)), item.id).toBe(item.name[lang]);
      for (const kind of policy.contentKinds) expect(kindLabel(t, kind.id), kind.id).toBe(kind.name[lang]);
      for (const f of FEATURE_IDS) expect(featureLabel(t, f), f).not.toBe(f);
    });
  }

  it('shows an id the table does not know as itself', () => {
    expect(kindLabel(i18nOf('en').t, 'not-a-kind')).toBe('not-a-kind');
  });
});
