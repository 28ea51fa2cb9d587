import { describe, expect, it } from 'vitest';
import { EMPTY_KEYRING, needsReseal, open, parseKeyring, seal, sealedKeyId } from './secret-box';

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');
const OLD = parseKeyring(`k1:${key(1)}`);
const ROTATED = parseKeyring(`k2:${key(2)},k1:${key(1)}`);

describe('secrets at rest (AES-256-GCM with key ids)', () => {
  it('seals with the current key and opens to the same text; the ciphertext holds no plain text', () => {
    const sealed = seal('{"secret":"whsec-123"}', OLD, 'p');
    expect(sealed).toMatch(/^enc:v1:k1:/);
    expect(sealed).not.toContain('whsec');
    expect(open(sealed, OLD, 'p')).toBe('{"secret":"whsec-123"}');
    expect(seal('x', OLD, 'p')).not.toBe(seal('x', OLD, 'p')); // fresh IV each time
  });
  it('after a rotation, old ciphertexts stay readable and are marked for resealing with the new key', () => {
    const old = seal('payload', OLD, 'p');
    expect(open(old, ROTATED, 'p')).toBe('payload');
    expect(needsReseal(old, ROTATED)).toBe(true);
    const fresh = seal('payload', ROTATED, 'p');
    expect(sealedKeyId(fresh)).toBe('k2');
    expect(needsReseal(fresh, ROTATED)).toBe(false);
    expect(needsReseal('[]', ROTATED)).toBe(true); // stored plain before keys existed
  });
  it('refuses a tampered ciphertext, another purpose, and an unknown key id', () => {
    const sealed = seal('payload', OLD, 'p');
    const last = sealed.at(-2) === 'A' ? 'B' : 'A';
    expect(() => open(`${sealed.slice(0, -2)}${last}${sealed.at(-1)}`, OLD, 'p')).toThrow(/does not decrypt/);
    expect(() => open(sealed, OLD, 'other')).toThrow(/does not decrypt/);
    expect(() => open(sealed, parseKeyring(`k9:${key(9)}`), 'p')).toThrow(/key "k1", which is not in DIGEST_ENCRYPTION_KEYS/);
  });
  it('without keys, text passes through (and plain rows stay readable once keys are added)', () => {
    expect(seal('plain', EMPTY_KEYRING, 'p')).toBe('plain');
    expect(open('plain', OLD, 'p')).toBe('plain');
  });
  it('checks keys at start-up: 32 bytes, named, no duplicates', () => {
    expect(() => parseKeyring('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseKeyring(key(1))).toThrow(/<id>:<base64 key>/);
    expect(() => parseKeyring(`a:${key(1)},a:${key(2)}`)).toThrow(/twice/);
  });
});
