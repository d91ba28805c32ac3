import type { Stage } from '../../flows/questions.js';
import type { StageGuide } from '../knowledge/intake-guides.js';
import type { Locale } from '../locale/detect.js';
import type { Messages } from '../locale/messages.js';
import { shanghaiDate } from '../util/shanghai-time.js';
import { workdayAfter } from '../util/workdays.js';
import type { Reply } from './types.js';

/** Next steps for the stage the person is at, the job-change rule for that stage, and expected dates. */
export function renderNextSteps(
  m: Messages,
  locale: Locale,
  guide: StageGuide,
  jobChange: boolean,
  now: Date,
): Reply {
  const lines = [m.nextStepsTitle, guide.nextSteps[locale]];
  let from = shanghaiDate(now);
  for (const milestone of guide.milestones) {
    from = workdayAfter(milestone.workingDays, from);
    lines.push(m.expectedBy(milestone.name[locale], from));
  }
  if (jobChange) lines.push('', m.jobChangeTitle, guide.jobChange[locale]);
  if (guide.confidence === 'C' || guide.confidence === 'G') lines.push(m.faq.confirmNote);
  return { text: lines.join('\n') };
}

export function guideFor(stages: readonly StageGuide[], stage: Stage): StageGuide {
  const guide = stages.find((s) => s.stage === stage);
  if (!guide) throw new Error(`knowledge/stages.yaml has no entry for stage ${stage}`);
  return guide;
}
