import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Suspense, type ReactNode } from 'react';
import { AppHeader } from '@/components/shell/header';
import { Providers } from '@/components/ui/providers';
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
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        <Providers>
          <Suspense fallback={<div className="h-12 border-b border-slate-200 dark:border-slate-800" />}>
            <AppHeader />
          </Suspense>
          <main className="px-4 py-4">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
