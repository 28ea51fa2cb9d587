import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateToken, hashToken, isWellFormedToken, shareState, STATUS_FOR_STATE, tokenMatchesHash } from './tokens';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const rowFor = (token: string, extra: { expiresAt?: Date | null; revokedAt?: Date | null } = {}) => ({
  tokenHash: hashToken(token),
  expiresAt: extra.expiresAt ?? null,
  revokedAt: extra.revokedAt ?? null,
});

/** The same token with one character replaced by another valid base64url character. */
const tamper = (token: string, i = 10) => token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);

describe('share tokens', () => {
  it('carries 256 random bits as 43 base64url characters, never repeating', () => {
    const tokens = new Set(Array.from({ length: 200 }, generateToken));
    expect(tokens.size).toBe(200);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    }
  });

  it('stores a SHA-256 hex hash that does not contain the token', () => {
    const t = generateToken();
    const h = hashToken(t);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).toBe(hashToken(t));
    expect(h).not.toContain(t);
  });

  it('matches a token only against its own hash', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (a, b) => {
        const ta = Buffer.from(a).toString('base64url');
        const tb = Buffer.from(b).toString('base64url');
        expect(tokenMatchesHash(ta, hashToken(ta))).toBe(true);
        expect(tokenMatchesHash(ta, hashToken(tb))).toBe(ta === tb);
      }),
    );
    expect(tokenMatchesHash(generateToken(), 'abc')).toBe(false); // a truncated stored hash never matches
  });
});

describe('shareState', () => {
  const token = generateToken();

  it('is ok for a live token with no expiry or before its expiry', () => {
    expect(shareState(token, rowFor(token), NOW)).toBe('ok');
    expect(shareState(token, rowFor(token, { expiresAt: new Date(NOW + 1) }), NOW)).toBe('ok');
  });

  it('is expired at and after the expiry instant', () => {
    expect(shareState(token, rowFor(token, { expiresAt: new Date(NOW) }), NOW)).toBe('expired');
    expect(shareState(token, rowFor(token, { expiresAt: new Date(NOW - 86_400_000) }), NOW)).toBe('expired');
  });

  it('is revoked once revoked, even if it has also expired', () => {
    expect(shareState(token, rowFor(token, { revokedAt: new Date(NOW - 1) }), NOW)).toBe('revoked');
    expect(shareState(token, rowFor(token, { revokedAt: new Date(NOW - 1), expiresAt: new Date(NOW - 5) }), NOW)).toBe('revoked');
  });

  it('is unknown for a tampered token (one character changed) and for no row', () => {
    const tampered = tamper(token);
    expect(tampered).not.toBe(token);
    expect(isWellFormedToken(tampered)).toBe(true);
    expect(shareState(tampered, null, NOW)).toBe('unknown');
    // Even if a lookup returned the original row, the hash comparison rejects it.
    expect(shareState(tampered, rowFor(token), NOW)).toBe('unknown');
  });

  it('is malformed for anything that is not 43 base64url characters', () => {
    for (const bad of ['', 'abc', `${token}x`, token.slice(1), `${token.slice(0, 42)}=`, `${token.slice(0, 42)}/`, `../${token.slice(3)}`]) {
      expect(shareState(bad, rowFor(bad), NOW)).toBe('malformed');
    }
  });

  it('answers gone links with 410 and never-valid ones with 404', () => {
    expect([STATUS_FOR_STATE.expired, STATUS_FOR_STATE.revoked]).toEqual([410, 410]);
    expect([STATUS_FOR_STATE.unknown, STATUS_FOR_STATE.malformed]).toEqual([404, 404]);
  });
});
