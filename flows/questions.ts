import { AWARDS, BASE_TIERS, EDUCATIONS, TITLES } from '../src/estimate/profile.js';
import { loadScoringTable } from '../src/estimate/scoring-table.js';
import type { BlockerLimits } from '../src/locale/intake.zh.js';

/** The thresholds that stop an application come from knowledge/scoring.yaml, as the estimator's do. */
const RULES = loadScoringTable();
const MIN_INSURED_MONTHS = RULES.eligibility.minInsuredMonthsLast12;
const { minAge: MIN_AGE, maxAge: MAX_AGE } = RULES.age;

/** The same limits, as the blocker texts quote them (src/locale/intake.*.ts). */
export const ELIGIBILITY_LIMITS: BlockerLimits = { minInsuredMonths: MIN_INSURED_MONTHS, minAge: MIN_AGE, maxAge: MAX_AGE };

/**
 * The questions the intake walks through, in order. The statechart (intake-machine.ts) is built
 * from this list: each question is one state, `applies` skips the ones that do not concern this
 * person, `blocks` stops the intake with a reason. Wording lives in src/locale/intake.*.ts.
 */

export const STAGES = ['notStarted', 'accountOpened', 'submitted', 'approved'] as const;
export type Stage = (typeof STAGES)[number];
export const DEGREE_MODES = ['fullTime', 'partTime', 'foreign'] as const;
export type DegreeMode = (typeof DEGREE_MODES)[number];
export const BONUS_OPTIONS = ['shortageMajor', 'award', 'talent', 'investTax', 'publicService', 'remoteArea'] as const;
export type BonusOption = (typeof BONUS_OPTIONS)[number];
export const PENALTY_OPTIONS = ['falseMaterials', 'detention', 'crime', 'seriousCrime'] as const;
export type PenaltyOption = (typeof PENALTY_OPTIONS)[number];
export const SPOUSE_OPTIONS = ['hukou', 'notHukou', 'single'] as const;

/** Everything the intake has learnt, as typed answers. */
export interface Answers {
  residencePermit?: boolean;
  employeeInsurance?: boolean;
  insuredMonthsLast12?: number;
  outOfTownBranch?: boolean;
  age?: number;
  education?: (typeof EDUCATIONS)[number];
  degreeMode?: DegreeMode;
  title?: (typeof TITLES)[number];
  titleBaseOk?: boolean;
  socialInsuranceMonths?: number;
  baseTier?: (typeof BASE_TIERS)[number];
  spouse?: (typeof SPOUSE_OPTIONS)[number];
  spouseHukouYears?: number;
  bonuses?: BonusOption[];
  award?: Exclude<(typeof AWARDS)[number], 'none'>;
  investTaxWan?: number;
  publicServiceYears?: number;
  remoteAreaYears?: number;
  penalties?: PenaltyOption[];
  stage?: Stage;
  jobChange?: boolean;
  wantsConsultant?: boolean;
}

export type QuestionId = keyof Answers;
export type Section = 'preconditions' | 'profile' | 'followup';
export type Blocker = 'noPermit' | 'noInsurance' | 'insuranceUnder6' | 'branch' | 'age' | 'seriousCrime';

interface Base<Id extends QuestionId> {
  id: Id;
  section: Section;
  /** The value used when the person skips the question after failed tries (default: no / none / first option). */
  skip?: unknown;
  applies?: (a: Answers) => boolean;
  blocks?: (value: unknown) => Blocker | undefined;
}
export type YesNoQuestion<Id extends QuestionId = QuestionId> = Base<Id> & { kind: 'yesno' };
export type NumberQuestion<Id extends QuestionId = QuestionId> = Base<Id> & {
  kind: 'number';
  min: number;
  max: number;
  /** 'months' accepts "3年" as 36; 'years' and 'age' take the number as it is. */
  unit: 'months' | 'years' | 'age' | 'wan';
  /** Buttons offered besides typing, as values. */
  presets: number[];
};
export type ChoiceQuestion<Id extends QuestionId = QuestionId> = Base<Id> & { kind: 'choice'; options: readonly string[] };
export type MultiQuestion<Id extends QuestionId = QuestionId> = Base<Id> & { kind: 'multi'; options: readonly string[] };
export type Question = YesNoQuestion | NumberQuestion | ChoiceQuestion | MultiQuestion;

const MID_LEVEL_TITLES = new Set(['skill2', 'skill1', 'mid', 'senior']);
const has = (a: Answers, option: BonusOption) => a.bonuses?.includes(option) ?? false;

export const QUESTIONS: readonly Question[] = [
  { id: 'residencePermit', section: 'preconditions', kind: 'yesno', blocks: (v) => (v ? undefined : 'noPermit') },
  { id: 'employeeInsurance', section: 'preconditions', kind: 'yesno', blocks: (v) => (v ? undefined : 'noInsurance') },
  {
    id: 'insuredMonthsLast12', section: 'preconditions', kind: 'number', min: 0, max: 12, unit: 'months',
    presets: [12, 6, 3], blocks: (v) => ((v as number) >= MIN_INSURED_MONTHS ? undefined : 'insuranceUnder6'),
  },
  { id: 'outOfTownBranch', section: 'preconditions', kind: 'yesno', blocks: (v) => (v ? 'branch' : undefined) },
  {
    id: 'age', section: 'profile', kind: 'number', min: 14, max: 80, unit: 'age', presets: [],
    blocks: (v) => ((v as number) < MIN_AGE || (v as number) > MAX_AGE ? 'age' : undefined),
  },
  { id: 'education', section: 'profile', kind: 'choice', options: EDUCATIONS },
  { id: 'degreeMode', section: 'profile', kind: 'choice', options: DEGREE_MODES, applies: (a) => !!a.education && a.education !== 'none' },
  { id: 'title', section: 'profile', kind: 'choice', options: TITLES },
  { id: 'titleBaseOk', section: 'profile', kind: 'yesno', applies: (a) => MID_LEVEL_TITLES.has(a.title ?? 'none') },
  { id: 'socialInsuranceMonths', section: 'profile', kind: 'number', min: 0, max: 720, unit: 'months', presets: [12, 24, 36, 60] },
  { id: 'baseTier', section: 'profile', kind: 'choice', options: BASE_TIERS },
  { id: 'spouse', section: 'profile', kind: 'choice', options: SPOUSE_OPTIONS, skip: 'notHukou' },
  {
    id: 'spouseHukouYears', section: 'profile', kind: 'number', min: 0, max: 60, unit: 'years', presets: [1, 3, 5, 10],
    applies: (a) => a.spouse === 'hukou',
  },
  { id: 'bonuses', section: 'profile', kind: 'multi', options: BONUS_OPTIONS },
  { id: 'award', section: 'profile', kind: 'choice', options: AWARDS.filter((a) => a !== 'none'), applies: (a) => has(a, 'award') },
  { id: 'investTaxWan', section: 'profile', kind: 'number', min: 0, max: 100000, unit: 'wan', presets: [10, 50, 100], applies: (a) => has(a, 'investTax') },
  { id: 'publicServiceYears', section: 'profile', kind: 'number', min: 0, max: 60, unit: 'years', presets: [3, 5, 10], applies: (a) => has(a, 'publicService') },
  { id: 'remoteAreaYears', section: 'profile', kind: 'number', min: 0, max: 60, unit: 'years', presets: [3, 5, 10], applies: (a) => has(a, 'remoteArea') },
  {
    id: 'penalties', section: 'profile', kind: 'multi', options: PENALTY_OPTIONS,
    blocks: (v) => ((v as string[]).includes('seriousCrime') ? 'seriousCrime' : undefined),
  },
  { id: 'stage', section: 'followup', kind: 'choice', options: STAGES },
  { id: 'jobChange', section: 'followup', kind: 'yesno' },
  { id: 'wantsConsultant', section: 'followup', kind: 'yesno' },
];

export const QUESTION_BY_ID = new Map(QUESTIONS.map((q) => [q.id, q]));
/** Each question's position in QUESTIONS. */
const POSITION = new Map(QUESTIONS.map((q, i) => [q.id, i]));

export function questionById(id: QuestionId): Question {
  const q = QUESTION_BY_ID.get(id);
  if (!q) throw new Error(`unknown question ${id}`);
  return q;
}

export function applies(q: Question, a: Answers): boolean {
  return q.applies ? q.applies(a) : true;
}

// The walks below are plain loops: they run in the statechart's guards on every answer.

/** The first applicable question after `from` (or the first of all), given the answers so far. */
export function nextQuestion(a: Answers, from?: QuestionId): QuestionId | undefined {
  for (let i = from ? (POSITION.get(from) ?? -1) + 1 : 0; i < QUESTIONS.length; i++) {
    if (applies(QUESTIONS[i]!, a)) return QUESTIONS[i]!.id;
  }
  return undefined;
}

/** The applicable question before `from`, for /back. */
export function previousQuestion(a: Answers, from: QuestionId): QuestionId | undefined {
  for (let i = (POSITION.get(from) ?? QUESTIONS.length) - 1; i >= 0; i--) {
    if (applies(QUESTIONS[i]!, a)) return QUESTIONS[i]!.id;
  }
  return undefined;
}

/** Why this answer stops the intake, if it does. */
export function blockerFor(id: QuestionId, value: unknown): Blocker | undefined {
  const q = questionById(id);
  return q.blocks?.(value);
}

/** "第 3/9 题": position among the questions that apply to this person in the asked sections. */
export function progress(a: Answers, id: QuestionId): { index: number; total: number } {
  let index = 0;
  let total = 0;
  for (const q of QUESTIONS) {
    if (q.section === 'followup' || !applies(q, a)) continue;
    total++;
    if (q.id === id) index = total;
  }
  return { index, total };
}

/** What skipping a question records: the question's own skip value, else no / none / the minimum / the first option. */
export function skipValue(q: Question): unknown {
  if (q.skip !== undefined) return q.skip;
  switch (q.kind) {
    case 'yesno':
      return false;
    case 'number':
      return q.min;
    case 'choice':
      return q.options.includes('none') ? 'none' : q.options[0];
    case 'multi':
      return [];
  }
}

export function sectionOf(id: QuestionId | undefined): Section | undefined {
  return id ? QUESTION_BY_ID.get(id)?.section : undefined;
}
