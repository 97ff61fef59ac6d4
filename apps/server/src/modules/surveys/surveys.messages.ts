import { defineMessages } from '../../platform/i18n.ts';

defineMessages({
  SURVEY_INVALID_PERIOD: {
    en: 'The period must end after it starts and span at most {maxDays} days.',
    'zh-CN': '统计周期的结束时间必须晚于开始时间，且不超过 {maxDays} 天。',
    vi: 'Khoảng thời gian phải kết thúc sau khi bắt đầu và dài tối đa {maxDays} ngày.',
  },
  SURVEY_NOT_FOUND: {
    en: 'This survey does not exist.',
    'zh-CN': '该问卷不存在。',
    vi: 'Khảo sát này không tồn tại.',
  },
  SURVEY_LINK_INVALID: {
    en: 'This survey link is not valid or has expired.',
    'zh-CN': '该问卷链接无效或已过期。',
    vi: 'Đường dẫn khảo sát này không hợp lệ hoặc đã hết hạn.',
  },
  SURVEY_ALREADY_ANSWERED: {
    en: 'This survey has already been answered. Thank you!',
    'zh-CN': '该问卷已提交，感谢您的反馈！',
    vi: 'Khảo sát này đã được trả lời. Xin cảm ơn!',
  },
  SURVEY_INVALID_ANSWER: {
    en: 'An answer is not valid: {question}.',
    'zh-CN': '有一项回答无效：{question}。',
    vi: 'Có câu trả lời không hợp lệ: {question}.',
  },
  SURVEY_EMPTY_ANSWER: {
    en: 'Please answer at least one question.',
    'zh-CN': '请至少回答一个问题。',
    vi: 'Vui lòng trả lời ít nhất một câu hỏi.',
  },
  SURVEY_QUESTIONS_REQUIRED: {
    en: 'A custom survey needs its questions.',
    'zh-CN': '自定义问卷需要设置问题。',
    vi: 'Khảo sát tùy chỉnh cần có câu hỏi.',
  },
  SURVEY_INVALID_SCALE: {
    en: 'A scale question needs a minimum below its maximum: {question}.',
    'zh-CN': '评分题的最小值必须小于最大值：{question}。',
    vi: 'Câu hỏi thang điểm cần giá trị nhỏ nhất bé hơn giá trị lớn nhất: {question}.',
  },
  SURVEY_INVALID_QUESTIONS: {
    en: 'Question ids must be unique, with at most one score question.',
    'zh-CN': '问题编号不能重复，且最多只能有一个评分题。',
    vi: 'Mã câu hỏi không được trùng và chỉ có tối đa một câu hỏi chấm điểm.',
  },
  SURVEY_CODE_TAKEN: {
    en: 'A survey with this code already exists.',
    'zh-CN': '已存在相同代码的问卷。',
    vi: 'Đã có khảo sát với mã này.',
  },
  SURVEY_NOT_CONFIGURED: {
    en: 'There is no survey to answer here.',
    'zh-CN': '此处没有需要填写的问卷。',
    vi: 'Không có khảo sát nào để trả lời ở đây.',
  },
  SURVEY_NOT_YET: {
    en: 'The survey opens once the conversation or visit has ended.',
    'zh-CN': '会话或服务结束后才能填写问卷。',
    vi: 'Khảo sát chỉ mở sau khi cuộc trò chuyện hoặc lượt phục vụ kết thúc.',
  },
  SURVEY_QUIET_HOURS_INVALID: {
    en: 'Give both the start and the end of the quiet hours, or neither.',
    'zh-CN': '请同时填写免打扰时段的开始和结束时间，或都不填。',
    vi: 'Hãy nhập cả giờ bắt đầu và giờ kết thúc khung giờ yên lặng, hoặc bỏ trống cả hai.',
  },
});
