/**
 * Rephrases a curated answer for the user's question and tone. The output is shown only if it
 * passes the fact check; timeout, HTTP error, empty or malformed output: undefined (the caller
 * shows the curated text), always within the client's total timeout.
 */
import type { Locale } from '../locale/detect.js';
import type { Logger } from '../util/logger.js';
import { maskPhone } from '../util/logger.js';
import { classifyLlmError, describeLlmError, reportLlmCall, withDeadline, type LlmClient } from './client.js';
import { checkFacts, type FactCheckResult, type FactVocabulary } from './fact-check.js';
import { looksLikeScaffolding, rephraseSystemPrompt, rephraseUserMessage } from './prompts.js';
import type { LlmOutcome } from './metrics.js';

export interface RephraseRequest {
  question: string;
  /** The curated answer body (without the "confirm with the centre" note). */
  curated: string;
  locale: Locale;
  /** For the log only. */
  entryId?: string;
}

export interface RephraseOutcome {
  outcome: LlmOutcome;
  /** The accepted rephrase (outcome "used"), otherwise undefined. */
  text: string | undefined;
  check?: FactCheckResult;
}

/** Longer than this (relative to the curated answer) is not a "short" rephrase: rejected. */
const MAX_GROWTH = 2;

export async function rephraseAnswer(
  client: LlmClient,
  request: RephraseRequest,
  options: { vocabulary?: FactVocabulary; logger?: Logger | undefined } = {},
): Promise<RephraseOutcome> {
  const started = Date.now();
  let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
  const finish = (result: RephraseOutcome, detail: Record<string, unknown> = {}): RephraseOutcome => {
    reportLlmCall(options.logger, {
      kind: 'rephrase',
      outcome: result.outcome,
      model: client.model,
      latencyMs: Date.now() - started,
      promptTokens: usage?.prompt_tokens,
      completionTokens: usage?.completion_tokens,
      detail: { entry: request.entryId, locale: request.locale, ...detail },
    });
    return result;
  };
  try {
    const completion = await withDeadline(client, (requestOptions) =>
      client.openai.chat.completions.create(
        {
          model: client.model,
          temperature: 0.3,
          max_tokens: 600,
          messages: [
            { role: 'system', content: rephraseSystemPrompt(request.locale) },
            { role: 'user', content: rephraseUserMessage(request.question, request.curated) },
          ],
        },
        requestOptions,
      ),
    );
    usage = completion.usage ?? undefined;
    const raw = completion.choices?.[0]?.message?.content;
    const text = typeof raw === 'string' ? cleanOutput(raw) : '';
    if (!text) return finish({ outcome: 'error', text: undefined }, { reason: 'empty output' });
    if (looksLikeScaffolding(text)) return finish({ outcome: 'rejected', text: undefined }, { reason: 'scaffolding in output' });
    if (text.length > request.curated.length * MAX_GROWTH + 80) {
      return finish({ outcome: 'rejected', text: undefined }, { reason: 'too long' });
    }
    const check = checkFacts(request.curated, text, options.vocabulary);
    if (!check.ok) {
      return finish(
        { outcome: 'rejected', text: undefined, check },
        { reason: 'fact check', missing: check.missing, added: check.added.map(maskPhone) },
      );
    }
    return finish({ outcome: 'used', text, check });
  } catch (error) {
    const outcome = classifyLlmError(error);
    return finish({ outcome, text: undefined }, { reason: describeLlmError(error) });
  }
}

/** Trims and removes a wrapping code fence or quotes some models add. */
export function cleanOutput(raw: string): string {
  let text = raw.trim();
  const fence = /^```[a-z]*\n([\s\S]*?)\n?```$/i.exec(text);
  if (fence) text = fence[1]!.trim();
  const quoted = /^["“「](.*)["”」]$/s.exec(text);
  if (quoted && !/["“”「」]/.test(quoted[1]!)) text = quoted[1]!.trim();
  return text;
}
