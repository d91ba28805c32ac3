/**
 * Dates as a Shanghai office reads them. The formatters are built once: constructing an
 * Intl.DateTimeFormat per call showed up in the benchmark's profile.
 */
const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** Shanghai keeps UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 2026-12-01 (the calendar day in Shanghai). Arithmetic, not Intl: lead ids ask for it on every new lead. */
export function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** 20261201. */
export function shanghaiDay(now: Date): string {
  return shanghaiDate(now).replaceAll('-', '');
}

/** 2026-12-01T06:03:00Z → 12-01 14:03. */
export function shanghaiTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = TIME.formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
