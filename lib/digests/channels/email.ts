import nodemailer from 'nodemailer';
import type { RenderedDigest } from '../types';
import { DeliveryError } from './http-post';

/** E-mail over SMTP (nodemailer): one message with an HTML and a plain-text part. */

export interface MailConfig {
  /** smtp://user:pass@host:port or smtps://… */
  url: string;
  from: string;
}

export async function sendEmail(config: MailConfig | null, to: string[], r: RenderedDigest): Promise<void> {
  if (!config) throw new DeliveryError('SMTP_URL is not configured on the server', false);
  const url = new URL(config.url);
  for (const [k, v] of Object.entries({ connectionTimeout: '15000', greetingTimeout: '15000', socketTimeout: '30000' })) {
    if (!url.searchParams.has(k)) url.searchParams.set(k, v);
  }
  const transport = nodemailer.createTransport(url.toString());
  try {
    await transport.sendMail({ from: config.from, to, subject: r.subject, text: r.text, html: r.html });
  } catch (e) {
    const err = e as Error & { responseCode?: number };
    // 5xx SMTP replies are permanent (bad recipient, rejected); 4xx and network errors are worth a retry.
    const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
    // The reply code only: the server's text and connection errors can name internal hosts.
    throw new DeliveryError(typeof err.responseCode === 'number' ? `delivery failed (SMTP ${err.responseCode})` : 'delivery failed (SMTP connection failed)', !permanent);
  } finally {
    transport.close();
  }
}
