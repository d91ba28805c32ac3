import { estimateEn } from '../locale/estimate.en.js';
import { estimateZh, type EstimateTexts } from '../locale/estimate.zh.js';
import { type BaseTier, type Education, type FullProfile, type Profile, type Title, withDefaults } from './profile.js';
import { loadScoringTable, type ScoringTable } from './scoring-table.js';

/**
 * The points estimator: a pure function from a profile and the scoring table (knowledge/scoring.yaml)
 * to the `estimate --json` object of shared/design/interfaces.md. No I/O besides the cached default
 * table; all wording comes from src/locale/estimate.{zh,en}.ts.
 */

export type Locale = 'zh' | 'en';

/** Stable ids of the breakdown lines. */
export type Indicator =
  | 'age'
  | 'education'
  | 'title'
  | 'socialInsuranceYears'
  | 'baseTier'
  | 'shortageMajor'
  | 'investTax'
  | 'publicService'
  | 'remoteArea'
  | 'spouseHukou'
  | 'award'
  | 'startupTalent'
  | 'intermediaryTalent'
  | 'falseMaterials'
  | 'detentions'
  | 'crimes';

export interface BreakdownLine {
  indicator: Indicator;
  /** Points this line adds to the total (negative for penalties, 0 for a line that does not count). */
  points: number;
  /** Why: the rule applied, in the requested locale. */
  note: string;
}

/** Which rule stops an application: the key of its text in src/locale/estimate.*.ts. */
export type BlockerCode = keyof EstimateTexts['blockers'];
/** Which kind of suggestion a line is (the key of its template; `closesGap` is only ever a suffix). */
export type SuggestionCode = Exclude<keyof EstimateTexts['suggestions'], 'closesGap'>;
export const BLOCKER_CODES = Object.keys(estimateZh.blockers) as BlockerCode[];
export const SUGGESTION_CODES = Object.keys(estimateZh.suggestions).filter((k) => k !== 'closesGap') as SuggestionCode[];

export interface Estimate {
  /** Nothing blocks an application. */
  eligible: boolean;
  /** Why the person cannot apply yet (empty when eligible). */
  blockers: string[];
  /** The blockers' codes, in the same order (what qualification reads; not in `estimate --json`). */
  blockerCodes: BlockerCode[];
  /** Plain sum of the breakdown points (may be negative). */
  total: number;
  passMark: number;
  /** eligible && total >= passMark */
  reachesPassMark: boolean;
  /** max(0, passMark − total) */
  gap: number;
  breakdown: BreakdownLine[];
  warnings: string[];
  suggestions: string[];
  /** The suggestions' codes, in the same order (not in `estimate --json`). */
  suggestionCodes: SuggestionCode[];
}

/** The `estimate --json` object of shared/design/interfaces.md: the documented fields only. */
export function estimateJson(e: Estimate): Omit<Estimate, 'blockerCodes' | 'suggestionCodes'> {
  const { blockerCodes: _blockers, suggestionCodes: _suggestions, ...documented } = e;
  return documented;
}

/** A worded line and the code of the template that wrote it. */
type Coded<C> = [code: C, text: string];

export const ESTIMATE_TEXTS: Record<Locale, EstimateTexts> = { zh: estimateZh, en: estimateEn };

interface Scored {
  lines: BreakdownLine[];
  warnings: string[];
}

const sum = (lines: BreakdownLine[]): number => lines.reduce((total, line) => total + line.points, 0);
const capped = (points: number, cap: number | null): number => (cap === null ? points : Math.min(points, cap));

function agePoints(age: number, t: ScoringTable): number {
  const a = t.age;
  if (age < a.minAge || age > a.maxAge) return 0;
  if (age <= a.fullPointsUpToAge) return a.fullPoints;
  if (age < a.formulaFromAge) return a.formulaBase + a.perYearYounger * (a.formulaFromAge - age);
  return a.floorPoints;
}

function ageNote(age: number, t: ScoringTable, tx: EstimateTexts): string {
  const a = t.age;
  const points = agePoints(age, t);
  if (age < a.minAge || age > a.maxAge) return tx.notes.ageOutOfRange(age, a.minAge, a.maxAge);
  if (age <= a.fullPointsUpToAge) return tx.notes.ageFull(age, points, a.fullPointsUpToAge);
  if (age < a.formulaFromAge) return tx.notes.ageFormula(age, points, a.formulaBase, a.perYearYounger, a.formulaFromAge);
  return tx.notes.ageFloor(age, points, a.formulaFromAge, a.maxAge);
}

const needsBase = (title: Title, t: ScoringTable): boolean => t.title.needsBaseCondition.includes(title);

/** Breakdown lines and the warnings tied to them (everything but eligibility). */
function score(p: FullProfile, t: ScoringTable, tx: EstimateTexts): Scored {
  const lines: BreakdownLine[] = [];
  const warnings: string[] = [];
  const add = (indicator: Indicator, points: number, note: string) => lines.push({ indicator, points, note });

  add('age', agePoints(p.age, t), ageNote(p.age, t, tx));

  // Education and title/skill: only the higher one counts (ties go to education).
  const educationLabel = tx.labels.education[p.education];
  const titleLabel = tx.labels.title[p.title];
  const educationPoints = t.education.points[p.education];
  const titleRaw = t.title.points[p.title];
  const baseMissing = titleRaw > 0 && needsBase(p.title, t) && !p.titleBaseOk;
  const titlePoints = baseMissing ? 0 : titleRaw;
  const titleWins = titlePoints > educationPoints;
  add(
    'education',
    titleWins ? 0 : educationPoints,
    p.education === 'none'
      ? tx.notes.educationNone()
      : titleWins
        ? tx.notes.educationNotCounted(educationLabel, educationPoints, titleLabel, titlePoints)
        : tx.notes.educationCounted(educationLabel, educationPoints),
  );
  if (p.title !== 'none') {
    add(
      'title',
      titleWins ? titlePoints : 0,
      baseMissing
        ? tx.notes.titleBaseMissing(titleLabel, titleRaw)
        : titleWins
          ? tx.notes.titleCounted(titleLabel, titlePoints)
          : tx.notes.titleNotCounted(titleLabel, titlePoints, educationLabel, educationPoints),
    );
  }
  if (baseMissing) warnings.push(tx.warnings.titleBaseCondition(titleLabel, titleRaw));
  if (titleWins) warnings.push(tx.warnings.titleMatchesPost());
  else if (educationPoints > 0) warnings.push(tx.warnings.educationRecognition());

  const si = t.socialInsuranceYears;
  const fullYears = Math.floor(p.socialInsuranceMonths / si.monthsPerYear);
  add(
    'socialInsuranceYears',
    capped(fullYears * si.pointsPerYear, si.cap),
    tx.notes.socialInsuranceYears(p.socialInsuranceMonths, fullYears, si.pointsPerYear),
  );

  if (p.baseTier !== 'none') {
    const points = t.baseTier.points[p.baseTier];
    add('baseTier', points, tx.notes.baseTier(tx.labels.baseTier[p.baseTier], points));
    warnings.push(tx.warnings.baseTierWindow());
  }

  if (p.shortageMajor) {
    add('shortageMajor', t.shortageMajor.points, tx.notes.shortageMajor(t.shortageMajor.points));
    warnings.push(tx.warnings.shortageMajorScope());
  }

  if (p.investTaxPerYear > 0 || p.hukouEmployees > 0) {
    const it = t.investTax;
    const byTax = it.pointsPerStep * Math.floor(p.investTaxPerYear / it.taxStepYuan);
    const byEmployees = it.pointsPerStep * Math.floor(p.hukouEmployees / it.employeesStep);
    const points = capped(Math.max(byTax, byEmployees), it.cap);
    add('investTax', points, tx.notes.investTax(p.investTaxPerYear, p.hukouEmployees, byTax, byEmployees, points, it.cap));
    warnings.push(tx.warnings.investTaxCap(it.cap, it.conflictingCap));
  }

  if (p.publicServiceYears > 0) {
    const ps = t.publicService;
    if (p.publicServiceYears >= ps.countsFromYears) {
      add('publicService', capped(p.publicServiceYears * ps.pointsPerYear, ps.cap), tx.notes.publicService(p.publicServiceYears, ps.pointsPerYear));
    } else {
      add('publicService', 0, tx.notes.publicServiceNotYet(p.publicServiceYears, ps.countsFromYears));
    }
    warnings.push(tx.warnings.publicServiceStart(ps.countsFromYears));
  }

  if (p.remoteAreaYears > 0) {
    const ra = t.remoteArea;
    if (p.remoteAreaYears >= ra.countsFromYears) {
      const points = capped(p.remoteAreaYears * ra.pointsPerYear, ra.cap);
      add('remoteArea', points, tx.notes.remoteArea(p.remoteAreaYears, ra.pointsPerYear, points, ra.cap));
    } else {
      add('remoteArea', 0, tx.notes.remoteAreaNotYet(p.remoteAreaYears, ra.countsFromYears));
    }
    warnings.push(tx.warnings.remoteAreaStart(ra.countsFromYears));
  }

  if (p.spouseHukouYears > 0) {
    const sh = t.spouseHukou;
    const points = capped(p.spouseHukouYears * sh.pointsPerYear, sh.cap);
    add('spouseHukou', points, tx.notes.spouseHukou(p.spouseHukouYears, sh.pointsPerYear, points, sh.cap));
  }

  if (p.award !== 'none') {
    const points = t.award.points[p.award];
    add('award', points, tx.notes.award(tx.labels.award[p.award], points));
  }
  if (p.startupTalent) add('startupTalent', t.startupTalent.points, tx.notes.startupTalent(t.startupTalent.points));
  if (p.intermediaryTalent) {
    add('intermediaryTalent', t.intermediaryTalent.points, tx.notes.intermediaryTalent(t.intermediaryTalent.points));
  }

  const pen = t.penalties;
  if (p.falseMaterials > 0) {
    add('falseMaterials', p.falseMaterials * pen.falseMaterials.pointsEach, tx.notes.falseMaterials(p.falseMaterials, pen.falseMaterials.pointsEach));
    warnings.push(tx.warnings.falseMaterialsPeriod());
  }
  if (p.detentions5y > 0) {
    add('detentions', p.detentions5y * pen.detentions5y.pointsEach, tx.notes.detentions(p.detentions5y, pen.detentions5y.pointsEach));
  }
  if (p.crimes5y > 0) {
    add('crimes', p.crimes5y * pen.crimes5y.pointsEach, tx.notes.crimes(p.crimes5y, pen.crimes5y.pointsEach));
  }

  return { lines, warnings };
}

/** Total points of a profile (no texts needed by callers; used to price suggestions). */
function totalOf(p: FullProfile, t: ScoringTable): number {
  return sum(score(p, t, estimateZh).lines);
}

function blockersOf(p: FullProfile, t: ScoringTable, tx: EstimateTexts): Array<Coded<BlockerCode>> {
  const blockers: Array<Coded<BlockerCode>> = [];
  const minMonths = t.eligibility.minInsuredMonthsLast12;
  if (!p.hasResidencePermit) blockers.push(['noResidencePermit', tx.blockers.noResidencePermit()]);
  if (!p.employeeSocialInsurance) blockers.push(['noSocialInsurance', tx.blockers.noSocialInsurance()]);
  else if (p.insuredMonthsLast12 < minMonths) {
    blockers.push(['tooFewInsuredMonths', tx.blockers.tooFewInsuredMonths(p.insuredMonthsLast12, minMonths)]);
  }
  if (p.outOfTownBranch) blockers.push(['outOfTownBranch', tx.blockers.outOfTownBranch()]);
  if (p.age < t.age.minAge) blockers.push(['tooYoung', tx.blockers.tooYoung(p.age, t.age.minAge)]);
  if (p.age > t.age.maxAge) blockers.push(['tooOld', tx.blockers.tooOld(p.age, t.age.maxAge)]);
  if (p.seriousCrime) blockers.push(['seriousCrime', tx.blockers.seriousCrime()]);
  if (p.familyPlanningViolation && t.vetoes.familyPlanningViolation.effect === 'blocker') {
    blockers.push(['familyPlanning', tx.blockers.familyPlanning()]);
  }
  return blockers;
}

/** What would fix each blocker. */
function blockerFixes(p: FullProfile, t: ScoringTable, tx: EstimateTexts): Array<Coded<SuggestionCode>> {
  const fixes: Array<Coded<SuggestionCode>> = [];
  const minMonths = t.eligibility.minInsuredMonthsLast12;
  if (!p.hasResidencePermit) fixes.push(['fixResidencePermit', tx.suggestions.fixResidencePermit()]);
  if (!p.employeeSocialInsurance) fixes.push(['fixSocialInsurance', tx.suggestions.fixSocialInsurance(minMonths)]);
  else if (p.insuredMonthsLast12 < minMonths) {
    fixes.push(['fixInsuredMonths', tx.suggestions.fixInsuredMonths(minMonths - p.insuredMonthsLast12, minMonths)]);
  }
  if (p.outOfTownBranch) fixes.push(['fixOutOfTownBranch', tx.suggestions.fixOutOfTownBranch()]);
  if (p.age < t.age.minAge) fixes.push(['fixTooYoung', tx.suggestions.fixTooYoung(t.age.minAge - p.age, t.age.minAge)]);
  if (p.age > t.age.maxAge) fixes.push(['fixTooOld', tx.suggestions.fixTooOld(t.age.maxAge)]);
  if (p.seriousCrime) fixes.push(['fixSeriousCrime', tx.suggestions.fixSeriousCrime()]);
  return fixes;
}

/** Realistic, priced ways to close the gap, in the order a consultant would bring them up. */
function gapSuggestions(p: FullProfile, total: number, t: ScoringTable, tx: EstimateTexts): Array<Coded<SuggestionCode>> {
  const passMark = t.passMark.points;
  const gap = passMark - total;
  const plusFor = (change: Partial<FullProfile>): number => totalOf({ ...p, ...change }, t) - total;
  const out: Array<Coded<SuggestionCode>> = [];
  /** A priced suggestion; says so when this change alone reaches the pass mark. */
  const priced = (code: SuggestionCode, plus: number, text: string) => {
    if (plus > 0) out.push([code, plus >= gap ? `${text}${tx.suggestions.closesGap(passMark)}` : text]);
  };

  // 1. Social insurance years: months until the next full year.
  const perYear = t.socialInsuranceYears.monthsPerYear;
  const monthsMore = perYear - (p.socialInsuranceMonths % perYear);
  const nextMonths = p.socialInsuranceMonths + monthsMore;
  const siPlus = plusFor({ socialInsuranceMonths: nextMonths });
  priced('moreInsuranceMonths', siPlus, tx.suggestions.moreInsuranceMonths(monthsMore, nextMonths / perYear, siPlus));

  // 2. Contribution base: the next tier, and the lowest tier that alone closes the gap.
  const order = t.baseTier.order;
  const tierIndex = order.indexOf(p.baseTier);
  const nextTier: BaseTier | undefined = order[tierIndex + 1];
  if (nextTier) {
    const plus = plusFor({ baseTier: nextTier });
    priced('raiseBaseTier', plus, tx.suggestions.raiseBaseTier(tx.labels.baseTier[nextTier], plus));
    if (plus < gap) {
      const closing = order.slice(tierIndex + 2).find((tier) => plusFor({ baseTier: tier }) >= gap);
      if (closing) {
        const closingPlus = plusFor({ baseTier: closing });
        priced('raiseBaseTier', closingPlus, tx.suggestions.raiseBaseTier(tx.labels.baseTier[closing], closingPlus));
      }
    }
  }

  // 3. Title / skill level (counts instead of education when higher).
  if (needsBase(p.title, t) && !p.titleBaseOk) {
    const plus = plusFor({ titleBaseOk: true });
    priced('meetTitleBase', plus, tx.suggestions.meetTitleBase(tx.labels.title[p.title], plus));
  }
  const titleTargets: Title[] = ['skill3', 'mid'];
  if (p.title === 'mid' || p.title === 'skill2') titleTargets.push('senior');
  for (const target of titleTargets) {
    if (t.title.points[target] <= t.title.points[p.title]) continue;
    const targetNeedsBase = needsBase(target, t);
    const plus = plusFor({ title: target, titleBaseOk: targetNeedsBase ? true : p.titleBaseOk });
    priced(
      'getTitle',
      plus,
      tx.suggestions.getTitle(tx.labels.title[target], t.title.points[target], plus, targetNeedsBase && !p.titleBaseOk),
    );
  }

  // 4. Education: a full bachelor's degree from college or a degree-less bachelor; college from none.
  const educationTarget: Education | undefined =
    p.education === 'college' || p.education === 'bachelor' ? 'bachelor_degree' : p.education === 'none' ? 'college' : undefined;
  if (educationTarget) {
    const plus = plusFor({ education: educationTarget });
    priced('upgradeEducation', plus, tx.suggestions.upgradeEducation(tx.labels.education[educationTarget], t.education.points[educationTarget], plus));
  }

  // 5. Shortage major (the catalogue is said to cover college majors).
  if (!p.shortageMajor && p.education === 'college') {
    const plus = plusFor({ shortageMajor: true });
    priced('shortageMajor', plus, tx.suggestions.shortageMajor(plus));
  }

  // 6. Spouse with Shanghai hukou.
  const spouse = t.spouseHukou;
  if (p.spouseHukouYears > 0) {
    const plus = plusFor({ spouseHukouYears: p.spouseHukouYears + 1 });
    priced('spouseHukouMore', plus, tx.suggestions.spouseHukouMore(p.spouseHukouYears, plus, spouse.cap));
  } else {
    out.push(['spouseHukouIf', tx.suggestions.spouseHukouIf(spouse.pointsPerYear, spouse.cap)]);
  }

  // 7. Timing: age points.
  const a = t.age;
  if (p.age <= a.fullPointsUpToAge) {
    out.push(['ageKeepsFull', tx.suggestions.ageKeepsFull(a.fullPointsUpToAge - p.age + 1, a.fullPointsUpToAge, a.fullPoints, a.perYearYounger)]);
  } else if (p.age < a.formulaFromAge) {
    out.push(['ageDropping', tx.suggestions.ageDropping(a.perYearYounger)]);
  }
  return out;
}

/**
 * Estimates the points of one profile. Pure: the same profile and table give the same result.
 * @param profile a validated profile (see parseProfile); missing fields mean no / none / 0
 * @param table the scoring table, default knowledge/scoring.yaml (loaded once)
 * @param locale language of notes, blockers, warnings and suggestions (default Simplified Chinese)
 */
export function estimate(profile: Profile, table: ScoringTable = loadScoringTable(), locale: Locale = 'zh'): Estimate {
  const tx = ESTIMATE_TEXTS[locale];
  const p = withDefaults(profile);
  const { lines, warnings } = score(p, table, tx);
  const total = sum(lines);
  const passMark = table.passMark.points;
  const blockers = blockersOf(p, table, tx);
  const eligible = blockers.length === 0;
  const reachesPassMark = eligible && total >= passMark;

  warnings.push(tx.warnings.socialInsuranceNormalOnly());
  if (p.familyPlanningViolation && table.vetoes.familyPlanningViolation.effect === 'warning') {
    warnings.push(tx.warnings.familyPlanning());
  }
  warnings.push(tx.warnings.simulation());

  const suggestions = blockerFixes(p, table, tx);
  const hopeless = p.age < table.age.minAge || p.age > table.age.maxAge || p.seriousCrime;
  if (!hopeless) {
    if (!eligible) suggestions.push(['pointsOnceEligible', tx.suggestions.pointsOnceEligible(total, passMark)]);
    if (total < passMark) suggestions.push(...gapSuggestions(p, total, table, tx));
    else if (eligible) {
      suggestions.push(['keepValid', tx.suggestions.keepValid()]);
      const drop = agePoints(p.age, table) - agePoints(p.age + 1, table);
      if (p.age < table.age.maxAge && drop > 0 && total - drop < passMark) {
        suggestions.push(['applySoon', tx.suggestions.applySoon(drop, total, passMark)]);
      }
    }
  }

  return {
    eligible,
    blockers: blockers.map(([, text]) => text),
    blockerCodes: blockers.map(([code]) => code),
    total,
    passMark,
    reachesPassMark,
    gap: Math.max(0, passMark - total),
    breakdown: lines,
    warnings,
    suggestions: suggestions.map(([, text]) => text),
    suggestionCodes: suggestions.map(([code]) => code),
  };
}
