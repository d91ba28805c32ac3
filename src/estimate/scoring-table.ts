import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { KNOWLEDGE_DIR } from '../knowledge/load-yaml.js';
import { Grade } from '../knowledge/schema.js';
import { AWARDS, BASE_TIERS, EDUCATIONS, TITLES } from './profile.js';

/** Thrown when knowledge/scoring.yaml cannot be read or is invalid; the message names the file and the field. */
export class ScoringTableError extends Error {
  override name = 'ScoringTableError';
}

export const DEFAULT_SCORING_TABLE_URL = pathToFileURL(join(KNOWLEDGE_DIR, 'scoring.yaml'));

const source = z.string().min(3, 'must name where the figure comes from, e.g. "points-rules §2.1 (S15)"');
const points = z.number().int('must be a whole number of points');
const nonNegative = points.min(0, 'must be 0 or more');
const positive = z.number().int().positive('must be a whole number greater than 0');
const cap = positive.nullable();

/** A map with exactly one points value per enum member (a missing or extra level is an error). */
const pointsFor = <T extends readonly [string, ...string[]]>(levels: T) =>
  z.strictObject(
    Object.fromEntries(levels.map((level) => [level, nonNegative])) as { [K in T[number]]: typeof nonNegative },
  );

const sourced = { source, confidence: Grade };

export const ScoringTableSchema = z.strictObject({
  checked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-01'),
  passMark: z.strictObject({ points: positive, ...sourced }),
  age: z.strictObject({
    minAge: positive,
    maxAge: positive,
    fullPoints: nonNegative,
    fullPointsUpToAge: positive,
    formulaBase: nonNegative,
    perYearYounger: nonNegative,
    formulaFromAge: positive,
    floorPoints: nonNegative,
    ...sourced,
    limitsConfidence: Grade,
  }),
  education: z.strictObject({ points: pointsFor(EDUCATIONS), ...sourced }),
  title: z.strictObject({
    points: pointsFor(TITLES),
    needsBaseCondition: z.array(z.enum(TITLES)),
    ...sourced,
  }),
  educationOrTitle: z.strictObject({ rule: z.literal('higher'), ...sourced }),
  socialInsuranceYears: z.strictObject({ pointsPerYear: nonNegative, monthsPerYear: positive, cap, ...sourced }),
  baseTier: z.strictObject({
    points: pointsFor(BASE_TIERS),
    order: z.array(z.enum(BASE_TIERS)).length(BASE_TIERS.length, `must list all ${BASE_TIERS.length} tiers`),
    ...sourced,
    windowConfidence: Grade,
  }),
  shortageMajor: z.strictObject({ points: nonNegative, ...sourced, scopeConfidence: Grade }),
  investTax: z.strictObject({
    pointsPerStep: nonNegative,
    taxStepYuan: positive,
    employeesStep: positive,
    combine: z.literal('higher'),
    cap,
    conflictingCap: cap,
    ...sourced,
  }),
  publicService: z.strictObject({
    pointsPerYear: nonNegative,
    countsFromYears: nonNegative,
    cap,
    ...sourced,
    capConfidence: Grade,
  }),
  remoteArea: z.strictObject({
    pointsPerYear: nonNegative,
    countsFromYears: nonNegative,
    cap,
    ...sourced,
    startYearConfidence: Grade,
  }),
  spouseHukou: z.strictObject({ pointsPerYear: nonNegative, cap, ...sourced }),
  award: z.strictObject({ points: pointsFor(AWARDS), ...sourced }),
  startupTalent: z.strictObject({ points: nonNegative, ...sourced }),
  intermediaryTalent: z.strictObject({ points: nonNegative, ...sourced }),
  penalties: z.strictObject({
    falseMaterials: z.strictObject({
      pointsEach: points.max(0, 'a penalty must be 0 or negative'),
      ...sourced,
      periodConfidence: Grade,
    }),
    detentions5y: z.strictObject({ pointsEach: points.max(0, 'a penalty must be 0 or negative'), ...sourced }),
    crimes5y: z.strictObject({ pointsEach: points.max(0, 'a penalty must be 0 or negative'), ...sourced }),
  }),
  vetoes: z.strictObject({
    seriousCrime: z.strictObject({ effect: z.literal('blocker'), ...sourced }),
    familyPlanningViolation: z.strictObject({ effect: z.enum(['blocker', 'warning']), ...sourced }),
  }),
  eligibility: z.strictObject({ minInsuredMonthsLast12: z.number().int().min(0).max(12), ...sourced }),
});

export type ScoringTable = z.infer<typeof ScoringTableSchema>;

function displayPath(file: URL | string): string {
  const path = file instanceof URL ? fileURLToPath(file) : file;
  const marker = path.lastIndexOf('knowledge/');
  return marker >= 0 ? path.slice(marker) : path;
}

/** Validates an already-parsed table object; `fileName` only labels the error. */
export function parseScoringTable(data: unknown, fileName = 'knowledge/scoring.yaml'): ScoringTable {
  const result = ScoringTableSchema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem(s))` : '';
  throw new ScoringTableError(`${fileName}: ${field}: ${issue.message}${more}`);
}

/** Reads and validates a scoring table file (no cache). */
export function readScoringTable(file: URL | string = DEFAULT_SCORING_TABLE_URL): ScoringTable {
  const name = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ScoringTableError(`${name}: cannot read the file (${(error as Error).message})`);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : '';
    const reason = (error as Error).message.split('\n')[0];
    throw new ScoringTableError(`${name}: not valid YAML${where}: ${reason}`);
  }
  return parseScoringTable(data, name);
}

let cached: ScoringTable | undefined;

/** The scoring table from knowledge/scoring.yaml, read and validated once per process. */
export function loadScoringTable(): ScoringTable {
  cached ??= readScoringTable();
  return cached;
}
