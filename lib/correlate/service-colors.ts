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

/** What service names are drawn on: white, slate-50/100 (page, hovered row); slate-950/900/800. */
export const LIGHT_BACKGROUNDS = ['#ffffff', '#f8fafc', '#f1f5f9'] as const;
export const DARK_BACKGROUNDS = ['#020617', '#0f172a', '#1e293b'] as const;
/** WCAG 2 AA for normal text. */
export const MIN_TEXT_CONTRAST = 4.5;

const channels = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

function toHsl(hex: string): [number, number, number] {
  const [r, g, b] = channels(hex);
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h / 6, s, l];
}

function fromHsl(h: number, s: number, l: number): string {
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const hue = (t: number) => {
    const x = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    return x < 1 / 6 ? p + (q - p) * 6 * x : x < 1 / 2 ? q : x < 2 / 3 ? p + (q - p) * (2 / 3 - x) * 6 : p;
  };
  const c = s === 0 ? [l, l, l] : [hue(h + 1 / 3), hue(h), hue(h - 1 / 3)];
  return `#${c.map((v) => Math.round(Math.min(1, Math.max(0, v)) * 255).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The colour with its hue and saturation kept and its lightness moved (darker on light
 * backgrounds, lighter on dark ones) until it reaches `minRatio` against every background.
 */
export function readableOn(hex: string, backgrounds: readonly string[], minRatio = MIN_TEXT_CONTRAST): string {
  const ok = (c: string) => backgrounds.every((bg) => contrastRatio(c, bg) >= minRatio);
  if (ok(hex)) return hex;
  const darken = backgrounds.every((bg) => relativeLuminance(bg) > 0.18);
  const [h, s, l] = toHsl(hex);
  for (let step = 1; step <= 100; step++) {
    const candidate = fromHsl(h, s, Math.min(1, Math.max(0, darken ? l - step / 100 : l + step / 100)));
    if (ok(candidate)) return candidate;
  }
  return darken ? '#000000' : '#ffffff';
}

const cache = new Map<string, string>();
const memo = (key: string, make: () => string) => cache.get(key) ?? (cache.set(key, make()), cache.get(key)!);

/**
 * A service's colour for the light theme: its palette colour made readable as text on the
 * light page backgrounds (WCAG AA), so a pale palette entry (yellow, light teal) still is.
 */
export const serviceColor = (service: string): string => memo(`l${serviceColorIndex(service)}`, () => readableOn(SERVICE_PALETTE[serviceColorIndex(service)], LIGHT_BACKGROUNDS));

/** The same service's colour for the dark theme, readable on the dark page backgrounds. */
export const serviceColorOnDark = (service: string): string => memo(`d${serviceColorIndex(service)}`, () => readableOn(SERVICE_PALETTE[serviceColorIndex(service)], DARK_BACKGROUNDS));
