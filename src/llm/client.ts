import type OpenAI from 'openai';
import type { LlmConfig } from '../config/env.js';
import { maskPhone, type Logger } from '../util/logger.js';
import { recordLlmCall, type LlmCallKind, type LlmOutcome } from './metrics.js';

/** At most one retry (a connection reset or a 5xx), always inside the total deadline. */
export const LLM_MAX_RETRIES = 1;

export interface LlmClient {
  readonly openai: OpenAI;
  readonly model: string;
  /** Total budget of one call, retries included (LLM_TIMEOUT_MS). */
  readonly timeoutMs: number;
}

type OpenAiSdk = typeof import('openai');
let sdk: OpenAiSdk | undefined;

/**
 * The SDK, imported on first use: without an LLM configured it is never loaded, which keeps about
 * 50 ms of module loading off every start-up.
 */
async function loadOpenAiSdk(): Promise<OpenAiSdk> {
  sdk ??= await import('openai');
  return sdk;
}

/** The OpenAI SDK client for any OpenAI-compatible provider, with an explicit timeout and 1 retry. */
export async function createLlmClient(config: LlmConfig): Promise<LlmClient> {
  const { default: OpenAI } = await loadOpenAiSdk();
  const openai = new OpenAI({
    apiKey: config.apiKey,
    ...(config.baseURL ? { baseURL: config.baseURL } : {}),
    timeout: config.timeoutMs,
    maxRetries: LLM_MAX_RETRIES,
  });
  return { openai, model: config.model, timeoutMs: config.timeoutMs };
}

/** A client made on first use (the SDK is imported then, not at start-up) and shared by every caller of the getter. */
export function lazyLlmClient(config: LlmConfig): () => Promise<LlmClient> {
  let client: Promise<LlmClient> | undefined;
  return () => (client ??= createLlmClient(config));
}

export function isLlmClient(value: LlmConfig | LlmClient): value is LlmClient {
  return 'openai' in value;
}

/** The total deadline of a call passed. */
export class LlmDeadlineError extends Error {
  override name = 'LlmDeadlineError';
}

/** What the SDK needs per request: the shared abort signal plus the per-attempt timeout and retries. */
export interface LlmRequestOptions {
  signal: AbortSignal;
  timeout: number;
  maxRetries: number;
}

/**
 * Runs one SDK call under a TOTAL deadline across attempts: an AbortController aborts the request (and
 * any retry) at timeoutMs, and the promise is raced against the same deadline so a retry back-off
 * sleep inside the SDK cannot outlive it.
 */
export async function withDeadline<T>(client: LlmClient, run: (options: LlmRequestOptions) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new LlmDeadlineError(`LLM call exceeded ${client.timeoutMs} ms`));
    }, client.timeoutMs);
  });
  const call = run({ signal: controller.signal, timeout: client.timeoutMs, maxRetries: LLM_MAX_RETRIES });
  call.catch(() => {}); // a late rejection after the deadline won must not be unhandled
  try {
    return await Promise.race([call, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** timeout for deadline/SDK timeouts (and the abort they cause), error for anything else. */
export function classifyLlmError(error: unknown): 'timeout' | 'error' {
  if (error instanceof LlmDeadlineError || isSdkError(error, 'APIConnectionTimeoutError') || isSdkError(error, 'APIUserAbortError')) {
    return 'timeout';
  }
  return 'error';
}

/**
 * Whether `error` is an instance of the SDK's error class `className`, by class name: the SDK is
 * imported lazily, so this module has no class to test with `instanceof` (and a client passed in
 * may come from another copy of the SDK, its CommonJS build for one).
 */
function isSdkError(error: unknown, className: string): error is Error & { status?: unknown } {
  if (!(error instanceof Error)) return false;
  for (let proto: unknown = Object.getPrototypeOf(error); proto && proto !== Error.prototype; proto = Object.getPrototypeOf(proto)) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === className) return true;
  }
  return false;
}

/** A short, safe description of a failure for the log: never the key, phone numbers masked. */
export function describeLlmError(error: unknown): string {
  if (isSdkError(error, 'APIError') && typeof error.status === 'number' && error.status) return `HTTP ${error.status}`;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return maskPhone(text.split('\n')[0]!.replace(/(sk|Bearer)[-\w.]{6,}/gi, '[redacted]')).slice(0, 200);
}

export interface LlmCallLog {
  kind: LlmCallKind;
  outcome: LlmOutcome;
  model: string;
  latencyMs: number;
  promptTokens?: number | undefined;
  completionTokens?: number | undefined;
  /** Extra fields; anything user-derived must already be masked (maskPhone). */
  detail?: Record<string, unknown>;
}

/** Counts the call in llmMetrics and logs it (pino, stderr): latency, tokens, outcome; never key or phone. */
export function reportLlmCall(logger: Logger | undefined, call: LlmCallLog): void {
  recordLlmCall(call.kind, call.outcome, call.latencyMs, call);
  if (!logger) return;
  const record = {
    llm: call.kind,
    outcome: call.outcome,
    model: call.model,
    latencyMs: call.latencyMs,
    promptTokens: call.promptTokens,
    completionTokens: call.completionTokens,
    ...call.detail,
  };
  const level = call.outcome === 'used' ? 'info' : 'warn';
  logger[level](record, `llm ${call.kind} ${call.outcome}`);
}
