import { ESTIMATE_TEXTS } from '../estimate/estimate.js';
import type { EstimateTexts } from '../locale/estimate.zh.js';

/**
 * Reads the estimator's texts back into signals for qualification. A lead's estimate carries its
 * blockers and suggestions as worded text (zh or en); these patterns are generated from the same
 * locale templates (src/locale/estimate.*.ts), so a rewording there is picked up automatically.
 */

/** `waiting` fixes it (no permit yet, too few insured months, too young); `permanent` does not (for now). */
export type BlockerKind = 'waiting' | 'permanent' | 'unknown';

type Arg = 'n' | 'cap' | 'bool' | 'label';
const LABEL = '\u0000label\u0000';
const VALUES: Record<Arg, readonly unknown[]> = { n: [1, 2], cap: [2, null], bool: [true, false], label: [LABEL] };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NUMBER = String.raw`-?\d+(?:[.,]\d+)*`;

function combinations(args: readonly Arg[]): unknown[][] {
  return args.reduce<unknown[][]>((acc, arg) => acc.flatMap((prefix) => VALUES[arg].map((v) => [...prefix, v])), [[]]);
}

/** Regex sources matching every wording a template can produce (numbers and labels are wildcards). */
function sources(template: (...args: never[]) => string, args: readonly Arg[]): string[] {
  const call = template as (...a: unknown[]) => string;
  return combinations(args).map((values) =>
    escape(call(...values))
      .replace(/\d+(?:[.,]\d+)*/g, NUMBER)
      .replaceAll(LABEL, '.+?'),
  );
}

function compile(pick: (tx: EstimateTexts) => Array<[(...args: never[]) => string, readonly Arg[]]>, anchorEnd: boolean): RegExp {
  const all = Object.values(ESTIMATE_TEXTS).flatMap((tx) => pick(tx).flatMap(([fn, args]) => sources(fn, args)));
  return new RegExp(`^(?:${[...new Set(all)].join('|')})${anchorEnd ? '$' : ''}`, 's');
}

const WAITING = compile(
  (tx) => [
    [tx.blockers.noResidencePermit, []],
    [tx.blockers.noSocialInsurance, []],
    [tx.blockers.tooFewInsuredMonths, ['n', 'n']],
    [tx.blockers.tooYoung, ['n', 'n']],
  ],
  true,
);

const PERMANENT = compile(
  (tx) => [
    [tx.blockers.outOfTownBranch, []],
    [tx.blockers.tooOld, ['n', 'n']],
    [tx.blockers.seriousCrime, []],
    [tx.blockers.familyPlanning, []],
  ],
  true,
);

/** The priced suggestions: a concrete change with its points (may end with "this alone reaches 120"). */
const CONCRETE = compile(
  (tx) => [
    [tx.suggestions.moreInsuranceMonths, ['n', 'n', 'n']],
    [tx.suggestions.raiseBaseTier, ['label', 'n']],
    [tx.suggestions.meetTitleBase, ['label', 'n']],
    [tx.suggestions.getTitle, ['label', 'n', 'n', 'bool']],
    [tx.suggestions.upgradeEducation, ['label', 'n', 'n']],
    [tx.suggestions.shortageMajor, ['n']],
    [tx.suggestions.spouseHukouMore, ['n', 'n', 'cap']],
  ],
  false,
);

export function blockerKind(blocker: string): BlockerKind {
  const text = blocker.trim();
  if (PERMANENT.test(text)) return 'permanent';
  if (WAITING.test(text)) return 'waiting';
  return 'unknown';
}

/** A suggestion that names a concrete change and the points it brings (not general advice on timing). */
export function isConcreteSuggestion(suggestion: string): boolean {
  return CONCRETE.test(suggestion.trim());
}
