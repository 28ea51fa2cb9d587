import { renderSlack } from '../render';
import type { RenderedDigest } from '../types';
import { postJson, type PostOptions } from './http-post';

/** A Slack incoming webhook (`{text, blocks}`); the host must be one of the egress policy's Slack hosts. */
export async function sendSlack(url: string, r: RenderedDigest, opts: PostOptions): Promise<void> {
  await postJson(url, JSON.stringify(renderSlack(r.digest)), {}, opts);
}
