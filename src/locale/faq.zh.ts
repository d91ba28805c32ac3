import type { Topic } from '../knowledge/schema.js';

/** Wording around FAQ answers, Simplified Chinese. */
export const faqZh = {
  topics: {
    eligibility: '申请条件',
    scoring: '分值怎么算',
    bonus: '加分项',
    penalty: '扣分与一票否决',
    process: '办理流程',
    materials: '材料清单',
    'job-change': '换工作怎么办',
    timeline: '办理时长',
    validity: '有效期与续办',
    benefits: '120分有什么用',
    education: '学历认定',
    'social-insurance': '社保要求',
    hukou: '积分与落户',
  } as Record<Topic, string>,
  confirmNote: '（以上部分内容来自第三方或指南的说法，具体以人才服务中心/官网最新口径为准。）',
  handoff:
    '这个问题我这里没有确切的整理资料，不想给你不准确的答案。你可以换个说法再问，或者发送 /consultant 请顾问一对一解答。',
  empty: '请把你的问题用文字发给我，例如“积分审核要多久？”',
};
export type FaqMessages = typeof faqZh;
