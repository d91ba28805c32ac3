/**
 * A real HTTP server speaking the OpenAI Chat Completions API, on 127.0.0.1 and a free port, scripted
 * per test: reply text, JSON (structured output), delay, HTTP status, malformed body, or never answer.
 * It records every request so tests can assert how many calls were made (or that none was).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeReply {
  /** Assistant message content (plain text). */
  text?: string;
  /** Assistant message content as JSON (structured output); serialized into `content`. */
  json?: unknown;
  /** Wait this long before answering. */
  delayMs?: number;
  /** HTTP status; non-2xx answers with an OpenAI-style error body. */
  status?: number;
  /** A raw body sent as is (e.g. malformed JSON), with status 200 unless `status` says otherwise. */
  rawBody?: string;
  /** Never answer (the connection stays open until the client gives up or the server closes). */
  hang?: boolean;
  usage?: { prompt_tokens: number; completion_tokens: number };
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: any;
}

export type FakeScript = FakeReply | ((request: RecordedRequest, index: number) => FakeReply);

export interface FakeOpenAiServer {
  /** Base URL to use as OPENAI_BASE_URL: http://127.0.0.1:PORT/v1 */
  readonly baseURL: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Requests to /v1/chat/completions. */
  readonly count: number;
  /** Sets the reply for all following requests. */
  script(reply: FakeScript): void;
  /** Queues one-off replies used before the scripted default (first in, first out). */
  enqueue(...replies: FakeReply[]): void;
  reset(): void;
  close(): Promise<void>;
}

function completion(content: string, model: string, usage: FakeReply['usage']) {
  return {
    id: `chatcmpl-fake-${Math.random().toString(36).slice(2)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage: { ...(usage ?? { prompt_tokens: 42, completion_tokens: 17 }), total_tokens: 0 },
  };
}

export async function startFakeOpenAiServer(initial: FakeScript = { text: 'ok' }): Promise<FakeOpenAiServer> {
  let script: FakeScript = initial;
  const queue: FakeReply[] = [];
  const requests: RecordedRequest[] = [];
  const pending = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* keep raw */
      }
      const request: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      if (!request.url.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
        return;
      }
      requests.push(request);
      const index = requests.length - 1;
      const reply = queue.shift() ?? (typeof script === 'function' ? script(request, index) : script);
      if (reply.hang) {
        pending.add(res);
        res.on('close', () => pending.delete(res));
        return;
      }
      const send = () => {
        if (res.destroyed) return;
        const status = reply.status ?? 200;
        const headers = { 'content-type': 'application/json', 'retry-after-ms': '10' };
        if (reply.rawBody !== undefined) {
          res.writeHead(status, headers).end(reply.rawBody);
        } else if (status >= 400) {
          res.writeHead(status, headers).end(JSON.stringify({ error: { message: 'fake failure', type: 'server_error', code: null } }));
        } else {
          const content = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? '');
          const model = (body as { model?: string } | undefined)?.model ?? 'fake-model';
          res.writeHead(status, headers).end(JSON.stringify(completion(content, model, reply.usage)));
        }
      };
      if (reply.delayMs) {
        pending.add(res);
        const timer = setTimeout(() => {
          pending.delete(res);
          send();
        }, reply.delayMs);
        res.on('close', () => clearTimeout(timer));
      } else send();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    get count() {
      return requests.length;
    },
    script(reply) {
      script = reply;
    },
    enqueue(...replies) {
      queue.push(...replies);
    },
    reset() {
      requests.length = 0;
      queue.length = 0;
    },
    close() {
      for (const res of pending) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The user message of a recorded chat request (where the question block is). */
export function userMessage(request: RecordedRequest): string {
  const messages = (request.body as { messages?: { role: string; content: string }[] }).messages ?? [];
  return messages.find((m) => m.role === 'user')?.content ?? '';
}
