/** Limits of the explore query endpoints; dependency-free so the page can share them. */
export const MAX_QUERY_BYTES = 10 * 1024;
/** Longest step accepted: a day (a coarser step than that draws nothing useful). */
export const MAX_STEP_SEC = 86_400;
export const DEFAULT_LOG_LIMIT = 1_000;
/** One Loki page, and what the virtualized log list is built to show. */
export const MAX_LOG_LIMIT = 5_000;
