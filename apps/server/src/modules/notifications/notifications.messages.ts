import { defineMessages } from '../../platform/i18n.ts';

defineMessages({
  NOTIFICATION_TEMPLATE_UNKNOWN: {
    en: 'There is no notification template with this key.',
    'zh-CN': '不存在该通知模板。',
    vi: 'Không có mẫu thông báo với mã này.',
  },
  NOTIFICATION_PARAM_MISSING: {
    en: 'The notification is missing the value {param}.',
    'zh-CN': '通知缺少参数 {param}。',
    vi: 'Thông báo thiếu giá trị {param}.',
  },
  NOTIFICATION_PURPOSE_INVALID: {
    en: 'The notification purpose must be transactional, service, survey or marketing.',
    'zh-CN': '通知用途必须是交易、服务、调查或营销之一。',
    vi: 'Mục đích thông báo phải là giao dịch, dịch vụ, khảo sát hoặc tiếp thị.',
  },
  NOTIFICATION_NOT_FOUND: {
    en: 'This notification does not exist.',
    'zh-CN': '该通知不存在。',
    vi: 'Thông báo này không tồn tại.',
  },
  MAILBOX_MESSAGE_NOT_FOUND: {
    en: 'This message is not in the mailbox.',
    'zh-CN': '邮箱中没有这封邮件。',
    vi: 'Thư này không có trong hộp thư.',
  },
});

// What a case's customer notification says it is now (the `{status}` of template case_updated).
defineMessages({
  'notifications.case_status.created': {
    en: 'received',
    'zh-CN': '已受理',
    vi: 'đã tiếp nhận',
  },
  'notifications.case_status.waiting_customer': {
    en: 'waiting for your reply',
    'zh-CN': '等待您的回复',
    vi: 'đang chờ quý khách phản hồi',
  },
  'notifications.case_status.resolved': {
    en: 'resolved',
    'zh-CN': '已解决',
    vi: 'đã giải quyết',
  },
  'notifications.case_status.update': {
    en: 'updated, with a new message for you',
    'zh-CN': '已更新，有新的留言',
    vi: 'đã cập nhật, có tin nhắn mới cho quý khách',
  },
  'notifications.appointment_when': {
    en: '{date} at {time}',
    'zh-CN': '{date} {time}',
    vi: '{time} ngày {date}',
  },
});
