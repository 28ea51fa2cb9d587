import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EMPTY_KEYRING } from '../crypto/secret-box';
import { complete, parseStored, storedChannelResults, storedChannels, storedRendered } from './store';

describe('stored digest JSON is checked, not cast', () => {
  it('reads back what was written', () => {
    const channels = [{ type: 'webhook', url: 'https://hooks.example/x', secretRef: 'OPS' }, { type: 'email', to: ['a@example.com'] }];
    expect(storedChannels({ channels: JSON.stringify(channels) }, EMPTY_KEYRING)).toEqual(channels);
    const results = [{ index: 0, type: 'email', target: 'a@example.com', status: 'delivered', attempts: 1, at: '2026-12-04T14:00:00.000Z' }];
    expect(parseStored(storedChannelResults, JSON.stringify(results), [])).toEqual(results);
  });

  it('falls back when a row is not JSON or has the wrong shape', () => {
    expect(storedChannels({ channels: 'not json' }, EMPTY_KEYRING)).toEqual([]);
    expect(storedChannels({ channels: JSON.stringify([{ type: 'pager', number: 1 }]) }, EMPTY_KEYRING)).toEqual([]);
    expect(parseStored(storedChannelResults, JSON.stringify([{ index: 'first' }]), [])).toEqual([]);
    expect(parseStored(z.number(), '"7"', 0)).toBe(0);
  });

  it('a rendering is complete only with its digest, subject, text and html', () => {
    const partial = parseStored(storedRendered, JSON.stringify({ subject: 's', text: 't' }), {});
    expect(partial).toEqual({ subject: 's', text: 't' });
    expect(complete(partial)).toBeNull();
    expect(parseStored(storedRendered, JSON.stringify({ digest: { groups: 'x' }, text: 't' }), {})).toEqual({});
  });
});
