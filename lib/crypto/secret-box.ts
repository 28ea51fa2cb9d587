import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (docs/security.md, "Digests"): AES-256-GCM with keys from config
 * (DIGEST_ENCRYPTION_KEYS = `id:base64key,id:base64key`, the first one current). Each
 * ciphertext names its key id, so after a rotation old rows stay readable and are
 * re-sealed with the current key (lib/digests/retention.ts runs that hourly).
 *
 *   enc:v1:<key id>:<base64url 12-byte IV>:<base64url ciphertext ‖ 16-byte tag>
 *
 * Without keys, text is stored as it is (plain rows stay readable after keys are added).
 */

export interface Keyring {
  current: { id: string; key: Buffer } | null;
  byId: Map<string, Buffer>;
}

export const EMPTY_KEYRING: Keyring = { current: null, byId: new Map() };
const PREFIX = 'enc:v1:';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringError';
  }
}

/** `id:base64,id:base64` → keyring; throws naming the bad entry (never the key). */
export function parseKeyring(raw: string | undefined): Keyring {
  const entries = (raw ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  const byId = new Map<string, Buffer>();
  let current: Keyring['current'] = null;
  for (const [i, entry] of entries.entries()) {
    const sep = entry.indexOf(':');
    const id = entry.slice(0, sep);
    const key = Buffer.from(entry.slice(sep + 1), 'base64');
    if (sep < 1 || !KEY_ID.test(id)) throw new KeyringError(`entry ${i + 1}: must be <id>:<base64 key>, id of A-Z a-z 0-9 _ -`);
    if (key.length !== 32) throw new KeyringError(`key "${id}": must be 32 bytes (base64 of 32 random bytes, e.g. \`openssl rand -base64 32\`)`);
    if (byId.has(id)) throw new KeyringError(`key id "${id}" appears twice`);
    byId.set(id, key);
    current ??= { id, key };
  }
  return { current, byId };
}

const aad = (purpose: string) => Buffer.from(`triangulate:${purpose}`, 'utf8');

export function seal(plain: string, kr: Keyring, purpose: string): string {
  if (!kr.current) return plain;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kr.current.key, iv);
  cipher.setAAD(aad(purpose));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}${kr.current.id}:${iv.toString('base64url')}:${ct.toString('base64url')}`;
}

export function isSealed(text: string): boolean {
  return text.startsWith(PREFIX);
}

export function sealedKeyId(text: string): string | null {
  return isSealed(text) ? text.slice(PREFIX.length).split(':')[0] : null;
}

/** The plain text; throws KeyringError when the key is unknown or the ciphertext was altered. */
export function open(text: string, kr: Keyring, purpose: string): string {
  if (!isSealed(text)) return text;
  const [id, ivText, ctText] = text.slice(PREFIX.length).split(':');
  const key = kr.byId.get(id);
  if (!key) throw new KeyringError(`stored secrets use key "${id}", which is not in DIGEST_ENCRYPTION_KEYS`);
  const iv = Buffer.from(ivText ?? '', 'base64url');
  const body = Buffer.from(ctText ?? '', 'base64url');
  if (iv.length !== 12 || body.length < 16) throw new KeyringError('stored secret is malformed');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(aad(purpose));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new KeyringError(`stored secret does not decrypt with key "${id}" (altered, or a different key under that id)`);
  }
}

/** True when `text` should be written again: plain while a key exists, or sealed with an old key. */
export function needsReseal(text: string, kr: Keyring): boolean {
  if (!kr.current) return false;
  return sealedKeyId(text) !== kr.current.id;
}
