/**
 * The rephrase fact check (architecture principle 3): a rephrase is shown only if every number (with
 * its unit), date, named term and negation of the curated answer is still there and it adds no new
 * number, date or negation. Pure: the vocabulary (knowledge/llm-key-terms.yaml) is passed in.
 */
import type { KeyTerms } from './key-terms.js';

export interface FactCheckResult {
  ok: boolean;
  /** Facts of the curated answer the rephrase lost (e.g. "20工作日", "人才服务中心", "不能"). */
  missing: string[];
  /** Numbers, dates or negations the rephrase brought in that the curated answer does not have. */
  added: string[];
}

export type FactVocabulary = Partial<KeyTerms>;

/** Used when no vocabulary is passed: the core negations, so the pure function is safe on its own. */
export const DEFAULT_NEGATIONS: readonly (readonly string[])[] = [
  ['不能', '不可以', '不可', '无法', '不得', '不允许', '不行', 'cannot', "can't", 'can not', 'unable'],
  ['不影响', '不会影响', '没有影响', "doesn't affect", 'does not affect', 'no effect'],
  ['不计', '不算', '不计入', '不计算', "doesn't count", 'does not count', 'not counted'],
  ['只能', '只有', '仅', '仅限', 'only'],
  ['不需要', '无需', '不用', '不必', 'no need', 'not required'],
  ['不是', '并非', 'is not', "isn't"],
  ['没有', 'there is no'],
  ['不会', 'will not', "won't"],
  ['不要', '请勿', 'do not', "don't"],
  ['not', 'no', 'never'],
];
const DEFAULT_IGNORE = ['不仅', '不过', '不同', '不少', '不管', '不错', '非常', '除非', '无论', 'not only'];

const TERM_SUFFIXES = ['中心', '系统', '表', '单', '证', '网', '局'];
/** A suffix character followed by one of these is part of another word (表示, 单位, 证明, 网站, 局面). */
const SUFFIX_NOT_BEFORE: Record<string, string> = {
  表: '示达现格态明扬彰面述',
  单: '位独个纯人',
  证: '明件据实',
  网: '站上页络址点友',
  局: '面势限部',
};
/** Characters that end a named term when walking back from its suffix (的人才服务中心 → 人才服务中心). */
const TERM_STOP = new Set(
  '的在到去向和与或及凭把被给交拿带从由是你我他她要先再后并等填印办查看这那该此其对为将请让跟同还也都就可需须个份张本经按'.split(''),
);
const MAX_TERM_PREFIX = 6;
const CJK_CHAR = /[\u3400-\u9fff]/;

// ---------------------------------------------------------------- numbers and dates

/** Canonical unit → its spellings. English spellings match whole words. */
const UNITS: Record<string, string[]> = {
  工作日: ['个工作日', '工作日', 'working days', 'working day', 'business days', 'business day', 'workdays', 'workday'],
  天: ['个自然日', '自然日', '天', 'calendar days', 'days', 'day'],
  日: ['日', '号'],
  个月: ['个月', 'months', 'month'],
  月: ['月'],
  年: ['周年', '年', 'years', 'year'],
  岁: ['周岁', '岁', 'years old', 'year-old', 'year old'],
  分: ['分', 'points', 'point', 'pts'],
  位: ['位', 'characters', 'character', 'chars', 'digits'],
  倍: ['倍', 'x'],
  次: ['次', 'times'],
  '%': ['%', '个百分点', 'percent'],
  万元: ['万元'],
  元: ['元', 'yuan', 'rmb'],
  万: ['万'],
  小时: ['个小时', '小时', 'hours', 'hour'],
  分钟: ['分钟', 'minutes', 'minute'],
  周: ['个星期', '星期', '周', 'weeks', 'week'],
  步: ['步', 'steps', 'step'],
  项: ['项'],
  条: ['条'],
  类: ['类'],
  种: ['种'],
  张: ['张'],
  份: ['份'],
  人: ['人', 'people', 'persons'],
  级: ['级'],
};
const UNIT_OF = new Map<string, string>();
for (const [canonical, spellings] of Object.entries(UNITS)) for (const s of spellings) UNIT_OF.set(s, canonical);
const UNIT_ALT = [...UNIT_OF.keys()]
  .sort((a, b) => b.length - a.length)
  .map((s) => (/^[a-z -]+$/.test(s) ? `${escapeRegExp(s)}(?![a-z])` : escapeRegExp(s)))
  .join('|');
/** Chinese numeral units only: a bare 一 or 十 is too common in words (一般, 十分) to count without one. */
const CN_UNIT_ALT = [...UNIT_OF.keys()]
  .filter((s) => CJK_CHAR.test(s) && s !== '号' && s !== '人')
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');
/** Words with numeral characters that are not numbers. */
const NOT_NUMBERS = ['十分', '一次性', '进一步', '一步步', '一步一步', '一步到位', '万一', '一分钱', '百分百', '一年四季', '三番五次'];

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_MULT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 十八 → 18, 一百二十 → 120, 两 → 2; undefined for anything else. */
export function parseChineseNumber(text: string): number | undefined {
  let total = 0;
  let current = 0;
  let seen = false;
  for (const ch of text) {
    if (ch in CN_DIGITS) {
      current = CN_DIGITS[ch]!;
      seen = true;
    } else if (ch in CN_MULT) {
      total += (current || 1) * CN_MULT[ch]!;
      current = 0;
      seen = true;
    } else return undefined;
  }
  return seen ? total + current : undefined;
}

interface NumberFact {
  value: string;
  unit: string;
  raw: string;
}

function canonicalNumber(raw: string): string {
  const n = Number(raw.replace(/,/g, ''));
  return Number.isFinite(n) ? String(n) : raw;
}

function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\u2212/g, '-')
    .replace(/[\u2018\u2019]/g, "'")
    .toLowerCase();
}

/** Chinese numerals that carry a unit (五步, 两年, 六到十八位) become digits; others stay words. */
function digitizeChinese(text: string): string {
  let out = text;
  for (const word of NOT_NUMBERS) out = out.split(word).join(' '.repeat(word.length));
  const numeral = '[零〇一二两三四五六七八九十百千]+';
  out = out.replace(new RegExp(`(${numeral})(?=\\s*(?:${CN_UNIT_ALT}))`, 'g'), (m) => String(parseChineseNumber(m) ?? m));
  out = out.replace(new RegExp(`(${numeral})(?=\\s*(?:到|至|~|-)\\s*\\d)`, 'g'), (m) => String(parseChineseNumber(m) ?? m));
  return out;
}

interface Extracted {
  numbers: NumberFact[];
  dates: string[];
}

function pad(n: string): string {
  return n.padStart(2, '0');
}

function extractNumbers(text: string): Extracted {
  let work = digitizeChinese(normalizeText(text));
  const dates: string[] = [];
  const blank = (m: string) => ' '.repeat(m.length);
  const datePatterns: [RegExp, (m: RegExpExecArray) => string][] = [
    [/(\d{4})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})\s*[日号]?/g, (m) => `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`],
    [/(\d{4})\s*年\s*(\d{1,2})\s*月(?!份?\s*\d)/g, (m) => `${m[1]}-${pad(m[2]!)}`],
    [/(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g, (m) => `${pad(m[1]!)}-${pad(m[2]!)}`],
  ];
  for (const [pattern, format] of datePatterns) {
    work = work.replace(pattern, (...args) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      dates.push(format(match));
      return blank(String(args[0]));
    });
  }
  const numbers: NumberFact[] = [];
  const num = '\\d+(?:,\\d{3})*(?:\\.\\d+)?';
  const unitOf = (u: string | undefined) => (u ? (UNIT_OF.get(u.trim()) ?? '') : '');
  // Ranges: the unit belongs to both ends (6到18位 = 6位 and 18位).
  const range = new RegExp(`(?<![\\d.])(-?)(${num})\\s*(?:到|至|~|-|–)\\s*(${num})\\s*(${UNIT_ALT})?`, 'g');
  work = work.replace(range, (whole: string, sign: string, a: string, b: string, unit?: string) => {
    const u = unitOf(unit);
    numbers.push({ value: canonicalNumber(sign + a), unit: u, raw: whole.trim() });
    numbers.push({ value: canonicalNumber(b), unit: u, raw: whole.trim() });
    return blank(whole);
  });
  const single = new RegExp(`(?<![\\d.])(?:(?<![a-z0-9])(-)\\s?)?(${num})\\s*(${UNIT_ALT})?`, 'gu');
  for (const m of work.matchAll(single)) {
    numbers.push({ value: canonicalNumber((m[1] ?? '') + m[2]!), unit: unitOf(m[3]), raw: m[0].trim() });
  }
  return { numbers, dates };
}

// ---------------------------------------------------------------- named terms

function squash(text: string): string {
  return normalizeText(text).replace(/\s+/g, '');
}

function namedTerms(curated: string, vocabulary: FactVocabulary): string[] {
  const text = curated.normalize('NFKC');
  const squashed = squash(text);
  const terms = new Set<string>();
  for (const term of vocabulary.terms ?? []) if (squashed.includes(squash(term))) terms.add(term);
  for (const m of text.matchAll(/《([^》]{1,40})》|「([^」]{1,40})」/g)) terms.add((m[1] ?? m[2]!).trim());
  for (const m of text.matchAll(/[“"]([^”"]{2,30})[”"]/g)) {
    const inner = m[1]!.trim();
    if (TERM_SUFFIXES.some((s) => inner.endsWith(s))) terms.add(inner);
  }
  const notTerms = vocabulary.notTerms ?? [];
  for (const suffix of TERM_SUFFIXES) {
    let at = text.indexOf(suffix);
    while (at !== -1) {
      const next = text[at + suffix.length] ?? '';
      const blocked = suffix.length === 1 && next !== '' && (SUFFIX_NOT_BEFORE[suffix] ?? '').includes(next);
      let start = at;
      while (start > 0 && at - start < MAX_TERM_PREFIX) {
        const ch = text[start - 1]!;
        if (!CJK_CHAR.test(ch) || TERM_STOP.has(ch)) break;
        start--;
      }
      const term = text.slice(start, at + suffix.length);
      if (!blocked && start < at && !notTerms.some((w) => term.endsWith(w))) terms.add(term);
      at = text.indexOf(suffix, at + suffix.length);
    }
  }
  return [...terms];
}

// ---------------------------------------------------------------- negations

interface NegationMatcher {
  phrases: { text: string; group: number; ascii: boolean }[];
}

function buildNegationMatcher(vocabulary: FactVocabulary): NegationMatcher {
  const groups = vocabulary.negations?.length ? vocabulary.negations : DEFAULT_NEGATIONS;
  const ignore = vocabulary.ignore ?? DEFAULT_IGNORE;
  const phrases: NegationMatcher['phrases'] = [];
  groups.forEach((group, index) => {
    for (const member of group) phrases.push({ text: normalizeText(member), group: index, ascii: /^[\x20-\x7e]+$/.test(member) });
  });
  for (const word of ignore) phrases.push({ text: normalizeText(word), group: -1, ascii: /^[\x20-\x7e]+$/.test(word) });
  phrases.sort((a, b) => b.text.length - a.text.length);
  return { phrases };
}

/** Negation groups used in the text (longest match first), with the first spelling seen. */
function negations(text: string, matcher: NegationMatcher): Map<number, string> {
  const t = normalizeText(text).replace(/\s+/g, ' ');
  const found = new Map<number, string>();
  let i = 0;
  while (i < t.length) {
    let matched = 0;
    for (const p of matcher.phrases) {
      if (!t.startsWith(p.text, i)) continue;
      if (p.ascii && (/[a-z0-9']/.test(t[i - 1] ?? '') || /[a-z0-9']/.test(t[i + p.text.length] ?? ''))) continue;
      if (p.group >= 0 && !found.has(p.group)) found.set(p.group, p.text);
      matched = p.text.length;
      break;
    }
    i += matched || 1;
  }
  return found;
}

// ---------------------------------------------------------------- the check

/**
 * checkFacts(curated, rephrase): ok when the rephrase keeps every fact of the curated answer and adds
 * no number, date or negation. `vocabulary` is knowledge/llm-key-terms.yaml (loadKeyTerms()).
 */
export function checkFacts(curated: string, rephrase: string, vocabulary: FactVocabulary = {}): FactCheckResult {
  const missing: string[] = [];
  const added: string[] = [];

  const c = extractNumbers(curated);
  const r = extractNumbers(rephrase);
  for (const fact of c.numbers) {
    const kept = r.numbers.some((n) => n.value === fact.value && (fact.unit === '' || n.unit === fact.unit));
    if (!kept) missing.push(fact.raw || fact.value);
  }
  const curatedValues = new Set(c.numbers.map((n) => n.value.replace(/^-/, '')));
  for (const d of c.dates) for (const part of d.split('-')) curatedValues.add(String(Number(part)));
  for (const n of r.numbers) if (!curatedValues.has(n.value.replace(/^-/, ''))) added.push(n.raw || n.value);
  for (const d of c.dates) if (!r.dates.includes(d)) missing.push(d);
  for (const d of r.dates) if (!c.dates.includes(d)) added.push(d);

  const squashedRephrase = squash(rephrase);
  for (const term of namedTerms(curated, vocabulary)) {
    if (!squashedRephrase.includes(squash(term))) missing.push(term);
  }

  const matcher = buildNegationMatcher(vocabulary);
  const cn = negations(curated, matcher);
  const rn = negations(rephrase, matcher);
  for (const [group, text] of cn) if (!rn.has(group)) missing.push(text);
  for (const [group, text] of rn) if (!cn.has(group)) added.push(text);

  const uniq = (list: string[]) => [...new Set(list)];
  return { ok: missing.length === 0 && added.length === 0, missing: uniq(missing), added: uniq(added) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
