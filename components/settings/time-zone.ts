'use client';

import { isZoneSetting, UTC, type ZoneSetting } from '@/lib/time/format';
import { localSetting } from '@/components/ui/local-setting';

/** UTC (the default: detectors, digests and the API speak UTC) or the browser's zone, remembered per browser. */
export const zoneSetting = localSetting<ZoneSetting>('triangulate.timeZone', isZoneSetting, 'utc');

export function browserZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || UTC;
  } catch {
    return UTC;
  }
}

/** The IANA zone every time on screen is printed in (lib/time/format.ts takes it as an argument). */
export function useTimeZone(): string {
  return zoneSetting.use() === 'local' ? browserZone() : UTC;
}
