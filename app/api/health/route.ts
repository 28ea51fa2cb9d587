import { getConfig } from '@/lib/config';
import { checkHealth } from '@/lib/health';
import { json, route } from '@/lib/api/respond';
import { getSourceLists, sourceHealth } from '@/lib/sources';

export const dynamic = 'force-dynamic';

/** Per-source reachability for the status pills. 200 even when sources are down. */
export const GET = route(async () => {
  const health = await checkHealth({ config: getConfig(), sources: getSourceLists(), breakers: sourceHealth() });
  return json(health);
});
