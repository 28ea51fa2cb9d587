import { db } from '@/lib/db';
import { SHARE_HEADERS } from '@/lib/views/share-responses';
import { captureDeps } from '@/lib/views/service';
import { loadSharedView } from '@/lib/views/shared-view';
import { captureSnapshot } from '@/lib/views/snapshot-capture';
import { SnapshotCorruptError } from '@/lib/views/snapshot-codec';
import { MESSAGE_FOR_STATE, STATUS_FOR_STATE } from '@/lib/views/tokens';

export const dynamic = 'force-dynamic';

const jsonAnswer = (status: number, body: unknown, extra: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { ...SHARE_HEADERS, 'content-type': 'application/json', ...extra } });

/**
 * The data of a share page, for whoever holds the token (lib/views/shared-view.ts): a
 * snapshot inflated as a stream from its stored gzip, or a live share's view captured now. Gone and
 * unknown links answer 410/404 with no data.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const nowMs = Date.now();
  try {
    const answer = await loadSharedView(db(), token, { nowMs, capture: (pinned) => captureSnapshot(pinned, captureDeps(nowMs)) });
    switch (answer.kind) {
      case 'gone':
        return jsonAnswer(STATUS_FOR_STATE[answer.state], { error: { code: `share_${answer.state}`, message: MESSAGE_FOR_STATE[answer.state].title } });
      case 'missing_data':
        return jsonAnswer(404, { error: { code: 'snapshot_missing', message: 'This snapshot has no data.' } });
      case 'snapshot':
        // Inflated as it streams out; the server's own compression gzips it again on the wire.
        return new Response(answer.json, { headers: { ...SHARE_HEADERS, 'content-type': 'application/json' } });
      case 'live':
        return jsonAnswer(200, answer.data);
    }
  } catch (err) {
    if (err instanceof SnapshotCorruptError) return jsonAnswer(500, { error: { code: 'snapshot_corrupt', message: 'This snapshot cannot be read.' } });
    throw err;
  }
}
