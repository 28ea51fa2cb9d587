import type { Db } from '../db';
import type { CreateViewInput, UpdateViewInput } from './share-options';
import { parseViewPath } from './view-path';
import { newRowId } from '../row-id';

/** Saved views: a name, a description and a view path. The database client is injected. */

/** "user": saved on purpose; "digest": made behind a digest's snapshot link (not listed by default). */
export const VIEW_ORIGINS = ['user', 'digest'] as const;
export type ViewOrigin = (typeof VIEW_ORIGINS)[number];
/** Which views a listing shows. */
export type ViewOriginFilter = ViewOrigin | 'all';

export interface ViewRecord {
  id: string;
  name: string;
  description: string;
  path: string;
  origin: ViewOrigin;
  /** Who saved it; null for views from before sign-in existed. */
  ownerId: string | null;
  createdAt: string;
  updatedAt: string;
}

interface ViewRow {
  id: string;
  name: string;
  description: string;
  path: string;
  origin: string;
  ownerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}


export const toViewRecord = (r: ViewRow): ViewRecord => ({
  id: r.id,
  name: r.name,
  description: r.description,
  path: r.path,
  origin: r.origin === 'digest' ? 'digest' : 'user',
  ownerId: r.ownerId,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** Throws ViewPathError when `path` is not one of the app's views. */
export async function createView(db: Db, input: CreateViewInput, origin: ViewOrigin = 'user', ownerId: string | null = null): Promise<ViewRecord> {
  const { path } = parseViewPath(input.path);
  const row = await db.savedView.create({ data: { id: newRowId(), name: input.name, description: input.description ?? '', path, origin, ownerId } });
  return toViewRecord(row);
}

export async function getView(db: Db, id: string): Promise<ViewRecord | null> {
  const row = await db.savedView.findUnique({ where: { id } });
  return row ? toViewRecord(row) : null;
}

/** Case-insensitive match of every word of `q` against name, description or path. */
export function matchesSearch(view: Pick<ViewRecord, 'name' | 'description' | 'path'>, q: string): boolean {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const hay = `${view.name}\n${view.description}\n${safeDecode(view.path)}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

export const MAX_LISTED_VIEWS = 500;

/**
 * Most recently updated first. Search happens here rather than in SQL so it behaves the
 * same on SQLite and PostgreSQL (case folding, decoded query strings). Only views users
 * saved unless `origin` asks for digest-made ones too: /views is not a log of digests.
 */
export async function listViews(db: Db, opts: { q?: string; path?: string; limit?: number; origin?: ViewOriginFilter } = {}): Promise<ViewRecord[]> {
  const limit = Math.min(opts.limit ?? MAX_LISTED_VIEWS, MAX_LISTED_VIEWS);
  const origin = opts.origin ?? 'user';
  const where = {
    // `path` finds the saved views of exactly this view (the share dialog's "already saved?").
    ...(opts.path ? { path: parseViewPath(opts.path).path } : {}),
    ...(origin === 'all' ? {} : { origin }),
  };
  const rows = await db.savedView.findMany({ where, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], take: opts.q ? 5_000 : limit });
  const views = rows.map(toViewRecord);
  return (opts.q ? views.filter((v) => matchesSearch(v, opts.q!)) : views).slice(0, limit);
}

export async function updateView(db: Db, id: string, patch: UpdateViewInput): Promise<ViewRecord | null> {
  const data: { name?: string; description?: string; path?: string } = {};
  if (patch.name !== undefined) data.name = patch.name;
  if (patch.description !== undefined) data.description = patch.description;
  if (patch.path !== undefined) data.path = parseViewPath(patch.path).path;
  const { count } = await db.savedView.updateMany({ where: { id }, data });
  return count === 0 ? null : getView(db, id);
}

/** Deletes the view and, by cascade, every share link of it. False when it did not exist. */
export async function deleteView(db: Db, id: string): Promise<boolean> {
  const { count } = await db.savedView.deleteMany({ where: { id } });
  return count > 0;
}
