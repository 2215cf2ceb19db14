import { describe, expect, it } from 'vitest';
import { heldBodyBytes } from '../../../../lib/util/body-size';

describe('heldBodyBytes', () => {
  it('counts raw bytes', () => {
    expect(heldBodyBytes({ raw: new Uint8Array([0x1f, 0x8b, 8, 0]) })).toBe(4);
  });
  it('counts text as UTF-8 bytes, not characters', () => {
    expect(heldBodyBytes({ text: 'språk=sv' })).toBe(9);
  });
  it('says unknown for parsed form fields or an error alone', () => {
    expect(heldBodyBytes({ formData: { q: ['a b'] } })).toBe(-1);
    expect(heldBodyBytes({ error: 'Unknown error.' })).toBe(-1);
  });
});
