import { defineMessages } from '../../platform/i18n.ts';

defineMessages({
  ANALYTICS_INVALID_PERIOD: {
    en: 'Choose a period that ends after it starts and spans at most {maxDays} days.',
    'zh-CN': '请选择结束晚于开始、且不超过 {maxDays} 天的时间段。',
    vi: 'Hãy chọn khoảng thời gian kết thúc sau khi bắt đầu và dài tối đa {maxDays} ngày.',
  },
});

defineMessages({
  ANALYTICS_SCHEDULE_NOT_FOUND: {
    en: 'This scheduled report does not exist or is not yours to see.',
    'zh-CN': '该定时报表不存在，或您无权查看。',
    vi: 'Báo cáo định kỳ này không tồn tại hoặc bạn không có quyền xem.',
  },
  ANALYTICS_INVALID_RECIPIENT: {
    en: '{address} is not an email address.',
    'zh-CN': '{address} 不是有效的电子邮件地址。',
    vi: '{address} không phải là địa chỉ email hợp lệ.',
  },
  ANALYTICS_UNKNOWN_TOPIC: {
    en: 'One of the chosen topics is not a contact reason.',
    'zh-CN': '所选话题中有不是接触原因的项。',
    vi: 'Một trong các chủ đề đã chọn không phải là lý do liên hệ.',
  },
  ANALYTICS_UNIT_NOT_FOUND: {
    en: 'This business unit does not exist.',
    'zh-CN': '该业务部门不存在。',
    vi: 'Đơn vị nghiệp vụ này không tồn tại.',
  },
  ANALYTICS_SCHEDULE_TEAM_REQUIRED: {
    en: 'Choose one of your teams: a scheduled report shows only what you may see.',
    'zh-CN': '请选择您所在的团队：定时报表只能包含您有权查看的数据。',
    vi: 'Hãy chọn một nhóm của bạn: báo cáo định kỳ chỉ chứa dữ liệu bạn được xem.',
  },
});
