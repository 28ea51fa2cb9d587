import { describe, expect, it } from 'vitest';
import { contrastRatio, DARK_BACKGROUNDS, LIGHT_BACKGROUNDS, MIN_TEXT_CONTRAST, readableOn, serviceColor, serviceColorIndex, serviceColorOnDark, SERVICE_PALETTE } from './service-colors';

describe('service colours', () => {
  it('computes WCAG contrast like the reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('makes every palette entry readable as text on the light and on the dark page backgrounds', () => {
    for (const hex of SERVICE_PALETTE) {
      const light = readableOn(hex, LIGHT_BACKGROUNDS);
      const dark = readableOn(hex, DARK_BACKGROUNDS);
      for (const bg of LIGHT_BACKGROUNDS) expect(contrastRatio(light, bg), `${hex} → ${light} on ${bg}`).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
      for (const bg of DARK_BACKGROUNDS) expect(contrastRatio(dark, bg), `${hex} → ${dark} on ${bg}`).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    }
  });

  it('keeps a colour that already passes, and keeps hues apart (yellow stays yellowish, not grey)', () => {
    expect(readableOn('#1f77b4', DARK_BACKGROUNDS.slice(0, 0))).toBe('#1f77b4');
    const yellow = readableOn('#edc948', LIGHT_BACKGROUNDS);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(yellow.slice(i, i + 2), 16));
    expect(r).toBeGreaterThan(b);
    expect(g).toBeGreaterThan(b);
  });

  it('gives any service name the same readable colour on every call', () => {
    for (const name of ['inventory-service', 'risk-engine', 'a', 'checkout']) {
      expect(serviceColor(name)).toBe(serviceColor(name));
      expect(contrastRatio(serviceColor(name), '#ffffff')).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
      expect(contrastRatio(serviceColorOnDark(name), '#020617')).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
      expect(serviceColorIndex(name)).toBeLessThan(SERVICE_PALETTE.length);
    }
  });
});
