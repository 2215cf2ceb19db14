import { describe, expect, it } from 'vitest';
import { PageLoads } from '../../../../lib/capture/page-loads';

describe('PageLoads', () => {
  it('counts a page as loading from its start until it ends, or until maxMs have passed', () => {
    let now = 0;
    const loads = new PageLoads(2_000, () => now);
    expect(loads.any()).toBe(false);
    loads.start(1);
    loads.start(2);
    now = 500;
    loads.end(1);
    expect(loads.any()).toBe(true);
    loads.end(2);
    expect(loads.any()).toBe(false);
    // A page that never says it loaded holds no longer than maxMs.
    loads.start(3);
    now = 2_499;
    expect(loads.any()).toBe(true);
    now = 2_500;
    expect(loads.any()).toBe(false);
    // A new navigation in the same tab starts its wait over.
    loads.start(3);
    now = 4_000;
    expect(loads.any()).toBe(true);
  });
});
