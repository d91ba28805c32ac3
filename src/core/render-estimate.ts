import type { Answers } from '../../flows/questions.js';
import type { Estimate } from '../estimate/estimate.js';
import type { MaterialRisk } from '../knowledge/intake-guides.js';
import type { Locale } from '../locale/detect.js';
import type { Messages } from '../locale/messages.js';
import type { Reply } from './types.js';

const MAX_SUGGESTIONS = 5;

/** Material risks whose condition holds for these answers. */
export function risksFor(answers: Answers, risks: readonly MaterialRisk[]): MaterialRisk[] {
  return risks.filter((r) => {
    const value = (answers as Record<string, unknown>)[r.when.field];
    return value !== undefined && r.when.in.includes(String(value));
  });
}

/** The estimate as one message: total, pass mark or gap, breakdown, suggestions, risks, warnings. */
export function renderEstimate(m: Messages, locale: Locale, result: Estimate, risks: readonly MaterialRisk[]): Reply {
  const lines: string[] = [m.estimateTitle(result.total)];
  if (!result.eligible) {
    lines.push(m.blockedEstimate, ...result.blockers.map((b) => `• ${b}`));
  } else if (result.reachesPassMark) {
    lines.push(m.reached(result.total, result.passMark));
  } else {
    lines.push(m.gap(result.gap, result.passMark));
  }
  const points = (p: number) => (locale === 'en' ? ` (${signed(p)})` : `（${signed(p)}）`);
  lines.push('', m.breakdownTitle, ...result.breakdown.map((b) => `• ${b.note}${points(b.points)}`));
  if (result.suggestions.length) {
    lines.push('', m.suggestionsTitle, ...result.suggestions.slice(0, MAX_SUGGESTIONS).map((s) => `• ${s}`));
  }
  if (risks.length) lines.push('', m.risksTitle, ...risks.map((r) => `• ${r.text[locale]}`));
  if (result.warnings.length) lines.push('', m.warningsTitle, ...result.warnings.map((w) => `• ${w}`));
  return { text: lines.join('\n') };
}

function signed(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}
