import { describe, expect, it } from 'vitest';
import { MESSAGE_NAMES, parseMessage } from '../../../lib/messages';
import { MAX_RULES_CHARS } from '../../../lib/rules-store/types';

describe('rules messages in the one protocol', () => {
  it('are part of the message table', () => {
    expect(MESSAGE_NAMES).toEqual(expect.arrayContaining(['rules/get', 'rules/set', 'rules/clear']));
  });

  it('accepts a rules file with its name', () => {
    expect(parseMessage({ type: 'rules/set', payload: { text: '{}', fileName: 'r.json' } }).ok).toBe(true);
    expect(parseMessage({ type: 'rules/get' }).ok).toBe(true);
    expect(parseMessage({ type: 'rules/clear', payload: {} }).ok).toBe(true);
  });

  it.each([
    [{ text: '{}' }, 'missing field fileName'],
    [{ fileName: 'r.json' }, 'missing field text'],
    [{ text: 3, fileName: 'r.json' }, 'bad field text'],
    [{ text: '{}', fileName: 'r.json', apply: true }, 'unexpected field apply'],
    [{ text: 'x'.repeat(MAX_RULES_CHARS + 1), fileName: 'r.json' }, 'bad field text'],
    ['{}', 'payload must be an object'],
  ])('rejects rules/set with %j', (payload, error) => {
    expect(parseMessage({ type: 'rules/set', payload })).toEqual({ ok: false, error: `rules/set: ${error}` });
  });

  it('rejects a payload on rules/get and rules/clear', () => {
    expect(parseMessage({ type: 'rules/get', payload: { all: true } }).ok).toBe(false);
    expect(parseMessage({ type: 'rules/clear', payload: 'now' }).ok).toBe(false);
  });
});
