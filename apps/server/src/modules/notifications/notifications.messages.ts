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

// Chat transcripts by email and one-time passwords for customer verification (issue #8).
defineMessages({
  TRANSCRIPT_CONVERSATION_OPEN: {
    en: 'The transcript can be sent once the chat has ended.',
    'zh-CN': '对话结束后才能发送聊天记录。',
    vi: 'Chỉ có thể gửi bản ghi sau khi cuộc trò chuyện kết thúc.',
  },
  TRANSCRIPT_ADDRESS_MISSING: {
    en: 'Enter the email address to send the transcript to.',
    'zh-CN': '请输入接收聊天记录的电子邮箱。',
    vi: 'Vui lòng nhập địa chỉ email để nhận bản ghi.',
  },
  TRANSCRIPT_ADDRESS_INVALID: {
    en: 'This email address is not valid.',
    'zh-CN': '该电子邮箱地址无效。',
    vi: 'Địa chỉ email này không hợp lệ.',
  },
  TRANSCRIPT_LIMIT_REACHED: {
    en: 'This transcript has already been sent to the maximum number of addresses.',
    'zh-CN': '此聊天记录已发送到允许的最多邮箱数。',
    vi: 'Bản ghi này đã được gửi tới số địa chỉ tối đa cho phép.',
  },
  OTP_CUSTOMER_UNKNOWN: {
    en: 'Link this conversation to a customer before sending a verification code.',
    'zh-CN': '请先将此对话关联到客户，再发送验证码。',
    vi: 'Vui lòng liên kết cuộc trò chuyện với khách hàng trước khi gửi mã xác thực.',
  },
  OTP_CONVERSATION_CLOSED: {
    en: 'This conversation is closed: a verification code can only be sent during the contact.',
    'zh-CN': '此对话已关闭，只能在沟通过程中发送验证码。',
    vi: 'Cuộc trò chuyện đã đóng: chỉ có thể gửi mã xác thực trong lúc liên hệ.',
  },
  OTP_NO_CHANNEL: {
    en: 'The customer has no phone number or email address to send a code to.',
    'zh-CN': '该客户没有可接收验证码的手机号码或电子邮箱。',
    vi: 'Khách hàng không có số điện thoại hoặc email để nhận mã.',
  },
  OTP_RATE_LIMITED: {
    en: 'Too many codes sent to this customer. Try again in {minutes} minutes.',
    'zh-CN': '向该客户发送的验证码过多，请 {minutes} 分钟后再试。',
    vi: 'Đã gửi quá nhiều mã cho khách hàng này. Vui lòng thử lại sau {minutes} phút.',
  },
  OTP_INVALID: {
    en: 'The code is not correct. {attemptsLeft} attempts left.',
    'zh-CN': '验证码不正确，还剩 {attemptsLeft} 次机会。',
    vi: 'Mã không đúng. Còn {attemptsLeft} lần thử.',
  },
  OTP_EXPIRED: {
    en: 'The code has expired. Send a new one.',
    'zh-CN': '验证码已过期，请重新发送。',
    vi: 'Mã đã hết hạn. Vui lòng gửi mã mới.',
  },
  OTP_TOO_MANY_ATTEMPTS: {
    en: 'Too many wrong attempts: this code no longer works. Send a new one.',
    'zh-CN': '错误次数过多，此验证码已失效，请重新发送。',
    vi: 'Nhập sai quá nhiều lần: mã này không còn hiệu lực. Vui lòng gửi mã mới.',
  },
  OTP_NOT_FOUND: {
    en: 'No verification code is waiting for this conversation. Send one first.',
    'zh-CN': '此对话没有待验证的验证码，请先发送。',
    vi: 'Cuộc trò chuyện này không có mã xác thực đang chờ. Vui lòng gửi mã trước.',
  },
  OTP_ALREADY_USED: {
    en: 'This code has already been used.',
    'zh-CN': '此验证码已被使用。',
    vi: 'Mã này đã được sử dụng.',
  },
  'notifications.transcript.customer': { en: 'You', 'zh-CN': '您', vi: 'Quý khách' },
  'notifications.transcript.agent': { en: 'Agent', 'zh-CN': '客服', vi: 'Nhân viên' },
  'notifications.transcript.bank': { en: 'Banyan Bank', 'zh-CN': '榕树银行', vi: 'Ngân hàng Banyan' },
  'notifications.transcript.empty': {
    en: '(no messages)',
    'zh-CN': '（无消息）',
    vi: '(không có tin nhắn)',
  },
});
