import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs go to stderr so stdout stays clean for `--json` output.
 * Secrets are redacted by path; phone numbers must be masked by the caller (maskPhone).
 */
export function createLogger(level: string): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['token', 'apiKey', 'config.telegram.token', 'config.llm.apiKey', '*.token', '*.apiKey', '*.phone'],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}

/** 13912345678 → 139****5678, for any mainland mobile number inside a text. */
export function maskPhone(text: string): string {
  return text.replace(/(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g, '$1****$3');
}
