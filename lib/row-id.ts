import { randomBytes } from 'node:crypto';

/** Database row ids: 96 random bits, URL-safe (saved views, shares, digest schedules and runs). */
export const newRowId = (): string => randomBytes(12).toString('base64url');
