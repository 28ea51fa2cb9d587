'use client';

import { localSetting } from '@/components/ui/local-setting';
import { THEME_KEY, type ThemeChoice } from './theme-script';

const isTheme = (v: unknown): v is ThemeChoice => v === 'light' || v === 'dark' || v === 'system';

/** Light, dark, or whatever the OS says (the default), remembered per browser. */
export const themeSetting = localSetting<ThemeChoice>(THEME_KEY, isTheme, 'system');

const systemDark = () => window.matchMedia('(prefers-color-scheme: dark)').matches;

/** Put the choice on <html> the way the inline script does before the first paint (theme-script.ts). */
export function applyTheme(choice: ThemeChoice): void {
  const dark = choice === 'dark' || (choice === 'system' && systemDark());
  const root = document.documentElement;
  root.classList.toggle('dark', dark);
  root.style.colorScheme = dark ? 'dark' : 'light';
  root.dataset.theme = choice;
}
