/**
 * Prometheus's own limits the app plans around, with no imports, so browser code (Explore's
 * step advice) can read them without pulling in the transport (lib/sources/prometheus/README.md §1).
 */

/** Prometheus refuses a range query of more than 11,000 points per series. */
export const MAX_POINTS_PER_SERIES = 11_000;
