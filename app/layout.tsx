import type { Metadata } from 'next';
import { Suspense, type ReactNode } from 'react';
import { AppHeader } from '@/components/shell/header';
import { Providers } from '@/components/ui/providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Triangulate', template: '%s · Triangulate' },
  description: 'Metrics, logs and traces joined by trace id, with the breakage explained.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
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
