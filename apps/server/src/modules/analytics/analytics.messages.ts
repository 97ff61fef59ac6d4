import { defineMessages } from '../../platform/i18n.ts';

defineMessages({
  ANALYTICS_INVALID_PERIOD: {
    en: 'Choose a period that ends after it starts and spans at most {maxDays} days.',
    'zh-CN': '请选择结束晚于开始、且不超过 {maxDays} 天的时间段。',
    vi: 'Hãy chọn khoảng thời gian kết thúc sau khi bắt đầu và dài tối đa {maxDays} ngày.',
  },
});
