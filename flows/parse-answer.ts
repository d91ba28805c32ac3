import type { IntakeMessages } from '../src/locale/intake.zh.js';
import type { NumberQuestion, Question } from './questions.js';

export type ParseResult = { ok: true; value: unknown } | { ok: false; reason: 'unparsed' | 'range' };

// Negatives first: 没有 contains 有, 不需要 contains 需要.
const NEGATIVE = /^(否|不|没|无|暂不|暂时不|算了)|没有|不是|不对|不需要|不用|不要|没交|没办|没缴|^(no|n|nope|none)$|\bno\b|\bnot\b|\bdon'?t\b/i;
const POSITIVE = /^(是|对|有|嗯|好|要|需要|可以|行|当然|持有|交了|缴了)|是的|对的|有的|需要|^(y|yes|yeah|yep|sure|ok|okay)$|\byes\b|\bi do\b|\bi have\b/i;

export function parseYesNo(text: string, m: IntakeMessages): boolean | undefined {
  const t = text.trim();
  if (t === m.yes) return true;
  if (t === m.no) return false;
  if (NEGATIVE.test(t)) return false;
  if (POSITIVE.test(t)) return true;
  return undefined;
}

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 三十五 → 35, 十二 → 12, 二十 → 20, 一百二 → 120 (up to 999). */
export function parseChineseNumber(text: string): number | undefined {
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(text)) return undefined;
  let total = 0;
  let current = 0;
  let lastUnit = 1;
  for (const ch of text) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
      lastUnit = 100;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
      lastUnit = 10;
    } else {
      current = DIGIT[ch] ?? 0;
    }
  }
  // 一百二 means 120: a trailing digit after 百 counts in tens.
  if (current && lastUnit === 100) return total + current * 10;
  return total + current;
}

function toNumber(token: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(token)) return Number(token);
  return parseChineseNumber(token);
}

const NUM = '(\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百]+)';
const YEARS_MONTHS = new RegExp(`^${NUM}年(半)?(?:零?${NUM}个?月)?`);
const FIRST_NUMBER = new RegExp(NUM);

/** Reads a number answer: "35", "35岁", "三十五", "3年" (= 36 for months), "2年半", "1年6个月", "30万". */
export function parseNumber(text: string, q: NumberQuestion): number | undefined {
  const t = text.replace(/\s+/g, '').replace(/,/g, '');
  if (q.unit === 'months') {
    const ym = YEARS_MONTHS.exec(t);
    if (ym) {
      const years = toNumber(ym[1]!);
      const months = ym[3] ? toNumber(ym[3]) : 0;
      if (years !== undefined && months !== undefined) return Math.round(years * 12 + (ym[2] ? 6 : 0) + months);
    }
    if (/^半年/.test(t)) return 6;
  }
  const m = FIRST_NUMBER.exec(t);
  if (!m) return undefined;
  let value = toNumber(m[1]!);
  if (value === undefined) return undefined;
  if (q.unit === 'wan' && !/万/.test(t) && value >= 10_000) value = value / 10_000;
  if (q.unit !== 'wan') value = Math.floor(value);
  return value;
}

function normalizeLabel(text: string): string {
  return text.normalize('NFKC').trim().toLowerCase().replace(/[\s。.!！?？]+$/g, '');
}

/** Labels and aliases come from the locale files, a fixed set: each is normalised once. */
const normalizedLabels = new Map<string, string>();
function normalizedLabel(label: string): string {
  let normalized = normalizedLabels.get(label);
  if (normalized === undefined) normalizedLabels.set(label, (normalized = normalizeLabel(label)));
  return normalized;
}

/** Matches a typed choice against labels, option ids and aliases; the longest alias found wins. */
export function parseChoice(
  text: string,
  options: readonly string[],
  labels: Record<string, string>,
  aliases: Record<string, string[]> = {},
): string | undefined {
  const t = normalizeLabel(text);
  for (const option of options) {
    if (t === normalizedLabel(labels[option] ?? '') || t === option.toLowerCase()) return option;
  }
  let best: { option: string; length: number } | undefined;
  for (const option of options) {
    for (const alias of [labels[option] ?? '', ...(aliases[option] ?? [])]) {
      const a = normalizedLabel(alias);
      if (a && t.includes(a) && (!best || a.length > best.length)) best = { option, length: a.length };
    }
  }
  return best?.option;
}

/** Several options typed in one message ("紧缺专业和表彰"); "都没有" is an empty selection. */
export function parseMulti(
  text: string,
  options: readonly string[],
  labels: Record<string, string>,
  noneLabel: string,
): string[] | undefined {
  const t = normalizeLabel(text);
  if (t === normalizedLabel(noneLabel) || /^(没有|都没有|无|没|都不是|none|no|nothing)$/.test(t)) return [];
  const found = options.filter((o) => {
    const label = normalizedLabel(labels[o] ?? '');
    const short = label.split(/[（(/]/)[0]!;
    return (label && t.includes(label)) || (short.length >= 2 && t.includes(short)) || t.includes(o.toLowerCase());
  });
  return found.length ? found : undefined;
}

/** Typed text to an answer value for the pending question. */
export function parseAnswer(q: Question, text: string, m: IntakeMessages): ParseResult {
  switch (q.kind) {
    case 'yesno': {
      const v = parseYesNo(text, m);
      return v === undefined ? { ok: false, reason: 'unparsed' } : { ok: true, value: v };
    }
    case 'number': {
      const presets = (m.questions[q.id] as { presets?: Record<number, string> }).presets ?? {};
      const typed = normalizeLabel(text);
      const preset = Object.entries(presets).find(([, label]) => normalizedLabel(label) === typed);
      const v = preset ? Number(preset[0]) : parseNumber(text, q);
      if (v === undefined) return { ok: false, reason: 'unparsed' };
      if (v < q.min || v > q.max) return { ok: false, reason: 'range' };
      return { ok: true, value: v };
    }
    case 'choice': {
      const labels = (m.options as Record<string, Record<string, string>>)[q.id] ?? {};
      const v = parseChoice(text, q.options, labels, m.aliases[q.id]);
      return v === undefined ? { ok: false, reason: 'unparsed' } : { ok: true, value: v };
    }
    case 'multi': {
      const labels = (m.options as Record<string, Record<string, string>>)[q.id] ?? {};
      const noneLabel = (m.questions[q.id] as { none: string }).none;
      const v = parseMulti(text, q.options, labels, noneLabel);
      return v === undefined ? { ok: false, reason: 'unparsed' } : { ok: true, value: v };
    }
  }
}
