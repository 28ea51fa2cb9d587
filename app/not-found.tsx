import Link from 'next/link';
import { EmptyState, PageTitle } from '@/components/ui/page-title';
import { PAGES } from '@/lib/routes';

/**
 * Our own 404 page. Next.js's built-in one styles itself with an inline <style> element and
 * style attributes, which the CSP refuses (docs/security.md, "CSP"); this one uses the app's
 * stylesheet only.
 */
export default function NotFound() {
  return (
    <>
      <PageTitle title="Page not found" />
      <EmptyState title="There is no page at this address.">
        <Link href={PAGES.overview} className="text-sky-700 hover:underline dark:text-sky-400">
          Go to the overview
        </Link>
      </EmptyState>
    </>
  );
}
