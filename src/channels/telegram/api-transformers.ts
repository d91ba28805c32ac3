import type { Transformer } from 'grammy';
import type { Logger } from '../../util/logger.js';

/** Logs every Bot API call (method, duration, outcome) at debug level; never payloads (they hold user text). */
export function apiLogging(logger: Logger): Transformer {
  const warnFailed = (method: string, error: unknown) =>
    logger.warn({ method, description: error instanceof Error ? error.message : String(error) }, 'bot api call failed');
  if (!logger.isLevelEnabled('debug')) {
    // Failures only: a plain promise chain, as this runs for every call (two or three per update).
    return (prev, method, payload, signal) =>
      prev(method, payload, signal).catch((error: unknown) => {
        if (!signal?.aborted) warnFailed(method, error);
        throw error;
      });
  }
  return async (prev, method, payload, signal) => {
    const started = Date.now();
    let result: Awaited<ReturnType<typeof prev>>;
    try {
      result = await prev(method, payload, signal);
    } catch (error) {
      if (!signal?.aborted) warnFailed(method, error);
      throw error;
    }
    if (method !== 'getUpdates' || !result.ok) {
      logger.debug({ method, ms: Date.now() - started, ok: result.ok, ...(result.ok ? {} : { error_code: result.error_code }) }, 'bot api call');
    }
    return result;
  };
}

/**
 * Some Bot API servers (self-hosted or emulators) ignore the long-polling timeout and answer
 * getUpdates at once; without a pause the runner would poll in a busy loop. An empty answer that
 * came back quicker than `minIntervalMs` is held back for the rest of that interval.
 */
export function pollingPace(minIntervalMs = 100): Transformer {
  return async (prev, method, payload, signal) => {
    const started = Date.now();
    const result = await prev(method, payload, signal);
    if (method === 'getUpdates' && result.ok && Array.isArray(result.result) && result.result.length === 0) {
      const wait = minIntervalMs - (Date.now() - started);
      if (wait > 0) await pause(wait, signal);
    }
    return result;
  };
}

/** The part of an abort signal a wait needs (grammY passes abort-controller's or the platform's). */
export interface AbortLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Waits `ms`, or less when `signal` aborts first (resolves either way). */
export function pause(ms: number, signal?: AbortLike): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
