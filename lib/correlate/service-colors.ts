/**
 * Stable service colours: the same service name gets the same colour on every page,
 * in every trace and in shared snapshots, without any stored state.
 */

/** Colour-blind-friendly categorical palette (Tableau 10 + lighter companions). */
export const SERVICE_PALETTE = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
  '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd',
  '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
] as const;

/** 32-bit FNV-1a over UTF-16 code units: cheap and well spread for short names. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const serviceColorIndex = (service: string): number => fnv1a(service) % SERVICE_PALETTE.length;
export const serviceColor = (service: string): string => SERVICE_PALETTE[serviceColorIndex(service)];
