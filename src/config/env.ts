import { existsSync } from 'node:fs';
import { z } from 'zod';

/** Thrown when the environment is invalid; the message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. https://example.com' })
  .transform((v) => v.replace(/\/+$/, ''));

const chatId = z
  .string()
  .trim()
  .regex(/^-?\d+$/, 'must be a numeric Telegram chat id, e.g. -1001234567890')
  .transform(Number);

const userIdList = z
  .string()
  .trim()
  .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, 'must be comma-separated numeric Telegram user ids, e.g. 123,456')
  .transform((v) => v.split(',').map((id) => Number(id.trim())));

const storageUrl = z
  .string()
  .trim()
  .regex(
    /^(sqlite:\/\/.+|memory:\/\/.*|redis:\/\/.+|rediss:\/\/.+|postgres(ql)?:\/\/.+)$/,
    'must start with sqlite://, memory://, redis:// or postgres://',
  );

const positiveInt = (example: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `must be a whole number, e.g. ${example}`)
    .transform(Number)
    .refine((n) => n > 0, 'must be greater than 0');

const EnvSchema = z.object({
  TELEGRAM_BOT_TOKEN: optionalText.pipe(
    z.string().regex(/^\d+:[\w-]+$/, 'must look like 123456:ABC-DEF… (from @BotFather)').optional(),
  ),
  TELEGRAM_API_ROOT: optionalText.pipe(httpUrl.optional()),
  CONSULTANT_CHAT_ID: optionalText.pipe(chatId.optional()),
  CONSULTANT_IDS: optionalText.pipe(userIdList.optional()),
  WEBHOOK_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional()),
  WEBHOOK_SECRET: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -')
      .optional(),
  ),
  PORT: optionalText.pipe(positiveInt('8080').optional()),
  STORAGE_URL: optionalText.pipe(storageUrl.optional()),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(httpUrl.optional()),
  OPENAI_MODEL: optionalText,
  LLM_TIMEOUT_MS: optionalText.pipe(positiveInt('8000').optional()),
  LOG_LEVEL: optionalText.pipe(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ),
  LEAD_RETENTION_DAYS: optionalText.pipe(positiveInt('180').optional()),
});

export interface LlmConfig {
  apiKey: string;
  baseURL: string | undefined;
  model: string;
  timeoutMs: number;
}

export interface Config {
  telegram:
    | { mode: 'none' }
    | { mode: 'polling'; token: string; apiRoot: string }
    | { mode: 'webhook'; token: string; apiRoot: string; url: string; secret: string | undefined; port: number };
  consultantChatId: number | undefined;
  consultantIds: number[];
  storageUrl: string;
  llm: LlmConfig | undefined;
  llmTimeoutMs: number;
  logLevel: string;
  leadRetentionDays: number;
}

export const DEFAULTS = {
  apiRoot: 'https://api.telegram.org',
  port: 8080,
  storageUrl: 'sqlite://data/bot.sqlite',
  llmTimeoutMs: 8000,
  logLevel: 'info',
  model: 'gpt-4o-mini',
  leadRetentionDays: 180,
} as const;

/** Parses the environment into a Config, or throws a ConfigError naming the first bad variable. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    throw new ConfigError(`Invalid environment variable ${name}: ${issue.message}`);
  }
  const e = parsed.data;
  const apiRoot = e.TELEGRAM_API_ROOT ?? DEFAULTS.apiRoot;
  const llmTimeoutMs = e.LLM_TIMEOUT_MS ?? DEFAULTS.llmTimeoutMs;
  let telegram: Config['telegram'] = { mode: 'none' };
  if (e.TELEGRAM_BOT_TOKEN) {
    telegram = e.WEBHOOK_URL
      ? {
          mode: 'webhook',
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot,
          url: e.WEBHOOK_URL,
          secret: e.WEBHOOK_SECRET,
          port: e.PORT ?? DEFAULTS.port,
        }
      : { mode: 'polling', token: e.TELEGRAM_BOT_TOKEN, apiRoot };
  }
  return {
    telegram,
    consultantChatId: e.CONSULTANT_CHAT_ID,
    consultantIds: e.CONSULTANT_IDS ?? [],
    storageUrl: e.STORAGE_URL ?? DEFAULTS.storageUrl,
    llm: e.OPENAI_API_KEY
      ? {
          apiKey: e.OPENAI_API_KEY,
          baseURL: e.OPENAI_BASE_URL,
          model: e.OPENAI_MODEL ?? DEFAULTS.model,
          timeoutMs: llmTimeoutMs,
        }
      : undefined,
    llmTimeoutMs,
    logLevel: e.LOG_LEVEL ?? DEFAULTS.logLevel,
    leadRetentionDays: e.LEAD_RETENTION_DAYS ?? DEFAULTS.leadRetentionDays,
  };
}

/** Reads `.env` (when present, without overriding real variables) and parses the environment. */
export function loadConfig(envFile = '.env'): Config {
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}
