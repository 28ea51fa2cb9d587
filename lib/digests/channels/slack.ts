import { renderSlack } from '../render';
import type { RenderedDigest } from '../types';
import { postJson, type PostOptions } from './http-post';

/** A Slack-compatible incoming webhook (also Mattermost, Rocket.Chat): `{text, blocks}`. */
export async function sendSlack(url: string, r: RenderedDigest, opts: PostOptions = {}): Promise<void> {
  await postJson(url, JSON.stringify(renderSlack(r.digest)), {}, opts);
}
