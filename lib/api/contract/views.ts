import { z } from 'zod';
import { parseDurationMs } from '../../time/range';
import { timestamp } from './common';

/**
 * Saved views and share links (docs/api.md, "Saved views and shares"): requests and answers.
 * How long a share link lives: a duration (`1d`, `7d`, `30d`, `12h`, `2w`) or `never`;
 * the share dialog offers the same choices.
 */

export const DEFAULT_EXPIRES_IN = '30d';
export const EXPIRY_CHOICES = [
  { value: '1d', label: '1 day' },
  { value: '7d', label: '7 days' },
  { value: '30d', label: '30 days' },
  { value: 'never', label: 'Never' },
] as const;

const MAX_EXPIRY_MS = 366 * 86_400_000;

export const expiresInSchema = z
  .string()
  .trim()
  .regex(/^(never|\d{1,4}[hdw])$/, 'expiresIn must be a duration such as 1d, 7d, 30d, 12h, 2w, or "never"')
  .refine((v) => v === 'never' || (Number(v.slice(0, -1)) > 0 && durationMs(v) <= MAX_EXPIRY_MS), 'expiresIn must be between 1h and 366d, or "never"');

const durationMs = (v: string): number => parseDurationMs(v)!; // checked by expiresInSchema's pattern

/** The expiry instant for a validated `expiresIn`, or null for links that never expire. */
export function expiresAtFor(expiresIn: string, nowMs: number): Date | null {
  return expiresIn === 'never' ? null : new Date(nowMs + durationMs(expiresIn));
}

export const createViewInput = z.object({
  name: z.string().trim().min(1, 'name is required').max(200),
  description: z.string().trim().max(2000).optional(),
  path: z.string().max(4096),
});
export type CreateViewInput = z.infer<typeof createViewInput>;

export const updateViewInput = z
  .object({
    name: z.string().trim().min(1, 'name must not be empty').max(200).optional(),
    description: z.string().trim().max(2000).optional(),
    path: z.string().max(4096).optional(),
  })
  .refine((v) => v.name !== undefined || v.description !== undefined || v.path !== undefined, 'nothing to change: give name, description or path');
export type UpdateViewInput = z.infer<typeof updateViewInput>;

export const createShareInput = z.object({
  snapshot: z.boolean().default(false),
  expiresIn: expiresInSchema.default(DEFAULT_EXPIRES_IN),
  /** Pin relative from/to to absolute times now ("share as of now"). Snapshots are always pinned. */
  pinRange: z.boolean().default(false),
});
export type CreateShareInput = z.infer<typeof createShareInput>;

export const VIEW_ORIGINS = ['user', 'digest'] as const;
export type ViewOrigin = (typeof VIEW_ORIGINS)[number];
export type ViewOriginFilter = ViewOrigin | 'all';

export const listViewsQuery = z.object({
  q: z.string().max(200).optional(),
  path: z.string().max(4096).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  /** Views people saved (default), the ones digests created for their snapshots, or both. */
  origin: z.enum(['user', 'digest', 'all']).optional(),
});

export const viewRecord = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    /** The view's own app path and query, e.g. `/trace/<id>?from=…`. */
    path: z.string(),
    origin: z.enum(VIEW_ORIGINS),
    /** Who saved it; null for views from before sign-in existed. */
    ownerId: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'View' });
export type ViewRecord = z.infer<typeof viewRecord>;

export const shareRecord = z
  .object({
    id: z.string(),
    viewId: z.string(),
    path: z.string(),
    snapshot: z.boolean(),
    snapshotBytes: z.number().int(),
    createdAt: timestamp,
    expiresAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
    openCount: z.number().int(),
    lastOpenedAt: timestamp.nullable(),
    status: z.enum(['active', 'expired', 'revoked']),
    /** Who created the link; null for links from before sign-in existed. */
    createdBy: z.string().nullable(),
  })
  .meta({ id: 'Share' });
export type ShareRecord = z.infer<typeof shareRecord>;

export const viewList = z.object({ views: z.array(viewRecord) });
export const shareList = z.object({ shares: z.array(shareRecord) });
/** The token is in `url` only; the database keeps its hash. */
export const createdShare = z.object({ url: z.string(), expiresAt: timestamp.nullable(), share: shareRecord, failedParts: z.array(z.string()) }).meta({ id: 'CreatedShare' });
export const revokedShare = z.object({ revoked: z.literal(true), share: shareRecord });
export const revokedToken = z.object({ revoked: z.literal(true) });
export const deleted = z.object({ deleted: z.literal(true), id: z.string() });

/**
 * What a share page loads from `/s/{token}/view/data` (docs/security.md, "Share links"): the
 * API answers of the view keyed by the URL the view requests, and the parts that failed.
 * A snapshot share serves its stored data; a live share opened without an account serves
 * the view captured at that moment.
 */
export const sharedViewData = z
  .object({
    version: z.literal(1),
    takenAt: z.string(),
    path: z.string(),
    responses: z.record(z.string(), z.unknown()),
    failed: z.record(z.string(), z.object({ status: z.number(), message: z.string() })),
  })
  .meta({ id: 'SharedViewData' });
export type SharedViewData = z.infer<typeof sharedViewData>;
