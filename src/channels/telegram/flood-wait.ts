import type { Transformer } from 'grammy';
import { pause, type AbortLike } from './api-transformers.js';

export interface FloodWaitOptions {
  /** Retries of one call at most (0: never retry). */
  maxRetryAttempts: number;
  /** A longer `retry_after` is not waited for: the 429 goes back to the caller at once. */
  maxDelaySeconds: number;
}

/** 3 retries, waits of up to a minute. */
const FLOOD_WAIT_DEFAULTS: FloodWaitOptions = { maxRetryAttempts: 3, maxDelaySeconds: 60 };

/**
 * Telegram's flood control: a call answered "429 Too Many Requests" with `retry_after` is made
 * again after that many seconds, up to `maxRetryAttempts` times, when the wait is at most
 * `maxDelaySeconds`. Everything else goes back as it came: other errors (an unsupported method
 * answered 500 fails fast) and thrown network errors.
 *
 * Our own rather than @grammyjs/auto-retry, which we ran with its 5xx and network retries off, so
 * this was all it did for us: it builds two closures and two async frames for every call (about
 * 2.9 KB per update of two or three calls, 6% of what the bench's pipeline allocates); here a call
 * that succeeds costs one `then`.
 */
export function retryOnFloodWait(overrides: Partial<FloodWaitOptions> = {}): Transformer {
  const options = { ...FLOOD_WAIT_DEFAULTS, ...overrides };
  return (prev, method, payload, signal) =>
    prev(method, payload, signal).then((result) =>
      floodWaitSeconds(result, options) === undefined ? result : retryAfterWaits(result, () => prev(method, payload, signal), options, signal),
    );
}

interface BotApiAnswer {
  ok: boolean;
  parameters?: { retry_after?: number };
}

/** The call made again after each wait Telegram asks for, while it keeps asking and retries are left. */
async function retryAfterWaits<R extends BotApiAnswer>(first: R, call: () => Promise<R>, options: FloodWaitOptions, signal: AbortLike | undefined): Promise<R> {
  let result = first;
  for (let retries = 0; retries < options.maxRetryAttempts; retries++) {
    const wait = floodWaitSeconds(result, options);
    if (wait === undefined) break;
    await pause(wait * 1000, signal);
    if (signal?.aborted) throw new Error('Request aborted while waiting for flood control');
    result = await call();
  }
  return result;
}

/** The seconds to wait before trying again, when the answer is a flood-control refusal worth waiting for. */
function floodWaitSeconds(result: BotApiAnswer, options: FloodWaitOptions): number | undefined {
  const wait = result.ok ? undefined : result.parameters?.retry_after;
  return typeof wait === 'number' && wait <= options.maxDelaySeconds ? wait : undefined;
}
