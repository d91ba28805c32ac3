import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { Update } from 'grammy/types';
import type { Logger } from '../../util/logger.js';
import { chatKeyOf, type ChatQueue } from './chat-queue.js';

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
const MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookServerOptions {
  /** Processes one update (normally `bot.handleUpdate`). */
  handleUpdate: (update: Update) => Promise<void>;
  /** The path Telegram posts to (the pathname of WEBHOOK_URL). */
  path: string;
  /** WEBHOOK_SECRET: when set, a request without this exact X-Telegram-Bot-Api-Secret-Token gets 401. */
  secret: string | undefined;
  queue: ChatQueue;
  logger: Logger;
  /**
   * Undefined (one instance): answer 200 at once and process afterwards. A number (several
   * instances behind a load balancer): answer only once the update is processed, or after this many
   * ms at most, so an instance killed mid-update never acknowledged it and Telegram (or the load
   * balancer) delivers it again to another instance; the update id makes the redelivery a no-op.
   * A failed update is answered 500, so it is delivered again.
   */
  acknowledgeAfterMs?: number;
  /**
   * True when `handleUpdate` itself keeps a chat's updates apart and in order (several instances:
   * the chat lock with its arrival-order guard). Each update then starts at once instead of queueing
   * behind the chat's earlier arrivals in this process: such a queue would hold a lower update id
   * behind a higher one that waits for it. Updates are still tracked for `queue.drain()`.
   */
  orderedByHandler?: boolean;
}

export interface WebhookServer {
  server: Server;
  /** Stops taking updates (503 from now on, listener closed); queued updates keep running. */
  close(): Promise<void>;
}

/**
 * The webhook endpoint on node:http: checks the secret, answers 200 at once (one instance) or once
 * processed (several instances, see acknowledgeAfterMs), and processes the update on its chat's
 * queue (in order per chat, in parallel across chats). GET /healthz → 200.
 */
export function createWebhookServer(options: WebhookServerOptions): WebhookServer {
  let closing = false;
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.logger.error({ err: error }, 'webhook request failed');
      if (!res.headersSent) send(res, 500, 'internal error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return send(res, closing ? 503 : 200, closing ? 'closing' : 'ok');
    if (path !== options.path) return send(res, 404, 'not found');
    if (req.method !== 'POST') return send(res, 405, 'use POST');
    if (!secretMatches(req.headers[SECRET_HEADER], options.secret)) {
      options.logger.warn('webhook request with a missing or wrong secret token rejected');
      req.resume();
      return send(res, 401, 'unauthorized');
    }
    if (closing) {
      req.resume();
      return send(res, 503, 'shutting down'); // Telegram delivers it again later
    }
    const body = await readBody(req);
    if (body === undefined) return send(res, 413, 'too large');
    let update: Update;
    try {
      update = JSON.parse(body) as Update;
    } catch {
      return send(res, 400, 'invalid JSON');
    }
    if (typeof update !== 'object' || update === null || typeof update.update_id !== 'number') {
      return send(res, 400, 'not an update');
    }
    const key = options.orderedByHandler ? `update:${update.update_id}` : chatKeyOf(update);
    if (options.acknowledgeAfterMs === undefined) {
      send(res, 200, 'ok'); // acknowledge at once; Telegram must not wait for (or retry because of) slow work
      void options.queue.push(key, () => options.handleUpdate(update));
      return;
    }
    let failed = false;
    const work = options.queue.push(key, () =>
      options.handleUpdate(update).catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    );
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<void>((resolve) => (timer = setTimeout(resolve, options.acknowledgeAfterMs).unref()));
    await Promise.race([work, slow]);
    clearTimeout(timer);
    send(res, failed ? 500 : 200, failed ? 'failed; deliver again' : 'ok');
  }

  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function secretMatches(header: string | string[] | undefined, secret: string | undefined): boolean {
  if (secret === undefined) return true;
  if (typeof header !== 'string') return false;
  const a = Buffer.from(header);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(text);
}
