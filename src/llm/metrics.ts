/** Counters of LLM use, for the benchmark and the logs. Process-wide; resetLlmMetrics() between runs. */

export type LlmCallKind = 'rephrase' | 'extract';
/** used: the output was shown/kept; rejected: it failed the fact check or validation; timeout; error. */
export type LlmOutcome = 'used' | 'rejected' | 'timeout' | 'error';

export interface LlmMetrics {
  /** Requests started (one per rephrase or extraction, retries included in the one call). */
  calls: number;
  used: number;
  rejected: number;
  timeouts: number;
  errors: number;
  /** Rephrases served from the cache (no call made). */
  cacheHits: number;
  promptTokens: number;
  completionTokens: number;
  totalLatencyMs: number;
  byKind: Record<LlmCallKind, { calls: number; used: number; rejected: number; timeouts: number; errors: number }>;
}

function emptyKind() {
  return { calls: 0, used: 0, rejected: 0, timeouts: 0, errors: 0 };
}

export const llmMetrics: LlmMetrics = {
  calls: 0,
  used: 0,
  rejected: 0,
  timeouts: 0,
  errors: 0,
  cacheHits: 0,
  promptTokens: 0,
  completionTokens: 0,
  totalLatencyMs: 0,
  byKind: { rephrase: emptyKind(), extract: emptyKind() },
};

const FIELD: Record<LlmOutcome, 'used' | 'rejected' | 'timeouts' | 'errors'> = {
  used: 'used',
  rejected: 'rejected',
  timeout: 'timeouts',
  error: 'errors',
};

/** Counts one finished call. */
export function recordLlmCall(
  kind: LlmCallKind,
  outcome: LlmOutcome,
  latencyMs: number,
  usage?: { promptTokens?: number | undefined; completionTokens?: number | undefined },
): void {
  llmMetrics.calls++;
  llmMetrics[FIELD[outcome]]++;
  llmMetrics.byKind[kind].calls++;
  llmMetrics.byKind[kind][FIELD[outcome]]++;
  llmMetrics.totalLatencyMs += latencyMs;
  llmMetrics.promptTokens += usage?.promptTokens ?? 0;
  llmMetrics.completionTokens += usage?.completionTokens ?? 0;
}

export function recordCacheHit(): void {
  llmMetrics.cacheHits++;
}

/** A copy of the counters (safe to keep while calls go on). */
export function llmMetricsSnapshot(): LlmMetrics {
  return structuredClone(llmMetrics);
}

export function resetLlmMetrics(): void {
  Object.assign(llmMetrics, {
    calls: 0,
    used: 0,
    rejected: 0,
    timeouts: 0,
    errors: 0,
    cacheHits: 0,
    promptTokens: 0,
    completionTokens: 0,
    totalLatencyMs: 0,
    byKind: { rephrase: emptyKind(), extract: emptyKind() },
  });
}
