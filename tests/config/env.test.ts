import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/env.js';

describe('configuration from the environment', () => {
  it('runs the terminal chat with sqlite storage when nothing is set', () => {
    const config = parseConfig({});
    expect(config.telegram.mode).toBe('none');
    expect(config.storageUrl).toBe('sqlite://data/bot.sqlite');
    expect(config.llm).toBeUndefined();
    expect(config.llmTimeoutMs).toBe(8000);
  });

  it('uses long polling with a token and a webhook when WEBHOOK_URL is set', () => {
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: '123:abc' }).telegram).toMatchObject({ mode: 'polling', apiRoot: 'https://api.telegram.org' });
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: '123:abc', WEBHOOK_URL: 'https://bot.example.com/hook', WEBHOOK_SECRET: 's3cret', PORT: '9000' }).telegram).toMatchObject({
      mode: 'webhook',
      port: 9000,
      secret: 's3cret',
    });
  });

  it('turns the LLM on only with a key', () => {
    const config = parseConfig({ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'https://api.deepseek.com/', OPENAI_MODEL: 'deepseek-chat', LLM_TIMEOUT_MS: '3000' });
    expect(config.llm).toEqual({ apiKey: 'k', baseURL: 'https://api.deepseek.com', model: 'deepseek-chat', timeoutMs: 3000 });
  });

  it.each([
    ['TELEGRAM_API_ROOT', 'not a url'],
    ['CONSULTANT_CHAT_ID', 'abc'],
    ['CONSULTANT_IDS', '12,x'],
    ['PORT', 'eighty'],
    ['STORAGE_URL', 'mysql://db'],
    ['LLM_TIMEOUT_MS', '-5'],
    ['LOG_LEVEL', 'loud'],
    ['TELEGRAM_BOT_TOKEN', 'not-a-token'],
  ])('stops with one line naming %s when it is %s', (name, value) => {
    const run = () => parseConfig({ [name]: value });
    expect(run).toThrowError(ConfigError);
    expect(run).toThrowError(new RegExp(`^Invalid environment variable ${name}: [^\\n]+$`));
  });

  it('treats empty values as unset', () => {
    expect(parseConfig({ TELEGRAM_BOT_TOKEN: '', OPENAI_API_KEY: '  ' })).toMatchObject({ telegram: { mode: 'none' }, llm: undefined });
  });
});
