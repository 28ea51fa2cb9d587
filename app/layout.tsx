import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { connection } from 'next/server';
import { Suspense, type ReactNode } from 'react';
import { THEME_SCRIPT } from '@/components/settings/theme-script';
import { AppHeader } from '@/components/shell/header';
import { KeyboardShortcuts } from '@/components/ui/keyboard-shortcuts';
import { Providers } from '@/components/ui/providers';
import { LiveViewParamsProvider } from '@/components/ui/view-params';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Triangulate', template: '%s · Triangulate' },
  description: 'Metrics, logs and traces joined by trace id, with the breakage explained.',
};

/**
 * Rendered per request: Next.js stamps each response's CSP nonce (proxy.ts) on its scripts
 * only while rendering, so no page may be prerendered (docs/security.md, "CSP").
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  // proxy.ts puts the request's CSP nonce here; the theme script needs it to run before the first paint.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    // The theme script sets class/style on <html> before React hydrates it.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-screen antialiased">
        <Providers>
          <LiveViewParamsProvider>
            <KeyboardShortcuts />
            <Suspense fallback={<div className="h-12 border-b border-slate-200 dark:border-slate-800" />}>
              <AppHeader />
            </Suspense>
            <main className="px-4 py-4">{children}</main>
          </LiveViewParamsProvider>
        </Providers>
      </body>
    </html>
  );
}
