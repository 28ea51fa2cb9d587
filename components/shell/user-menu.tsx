'use client';

import { useQuery } from '@tanstack/react-query';
import { usePathname, useSearchParams } from 'next/navigation';
import { useState } from 'react';
import { logoutAnswer, meAnswer, type MeAnswer } from '@/lib/api/contract/auth';
import { fetchApi, sendApi } from '@/components/ui/use-api';

/**
 * Who is signed in, their role, and a sign-out control (docs/security.md, "Sign-in and
 * roles"). Nothing in auth mode `none`: everyone there is the same local admin, and there
 * is no session to end. Not signed in under OIDC: a sign-in link back to this page.
 */
export function UserMenu() {
  const { data } = useQuery<MeAnswer>({
    queryKey: ['me'],
    // Not useApi: the header is live on snapshot pages too.
    queryFn: ({ signal }) => fetchApi('/api/v1/me', meAnswer, signal),
    staleTime: 5 * 60_000,
  });
  if (!data || data.mode === 'none') return null;
  if (!data.user) return data.mode === 'oidc' ? <SignInLink /> : null;
  const { user, signOut } = data;
  return (
    <div data-testid="user-menu" className="flex items-center gap-2 text-sm">
      <span className="max-w-48 truncate" title={`${user.name} (${user.id})`} data-testid="user-name">
        {user.name}
      </span>
      <span data-testid="user-role" className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
        {user.role}
      </span>
      {signOut?.method === 'POST' && <SignOutButton url={signOut.url} />}
      {signOut?.method === 'GET' && (
        <a href={signOut.url} className="text-sky-700 hover:underline dark:text-sky-400">
          Sign out
        </a>
      )}
    </div>
  );
}

function SignInLink() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const next = `${pathname}${search ? `?${search}` : ''}`;
  return (
    <a data-testid="sign-in" href={`/auth/login?next=${encodeURIComponent(next)}`} className="text-sm text-sky-700 hover:underline dark:text-sky-400">
      Sign in
    </a>
  );
}

function SignOutButton({ url }: { url: string }) {
  const [failed, setFailed] = useState(false);
  const signOutNow = async () => {
    try {
      await sendApi('POST', url, logoutAnswer);
      // A full load, so nothing the signed-in session fetched stays in memory.
      window.location.replace(new URL('/', window.location.href).href);
    } catch {
      setFailed(true);
    }
  };
  return (
    <button type="button" onClick={signOutNow} className="text-sky-700 hover:underline dark:text-sky-400" title={failed ? 'Sign-out failed; try again' : undefined}>
      {failed ? 'Sign out (retry)' : 'Sign out'}
    </button>
  );
}
