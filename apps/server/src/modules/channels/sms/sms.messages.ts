import { defineMessages } from '../../../platform/i18n.ts';

defineMessages({
  SMS_PHONE_INVALID: {
    en: 'This is not a valid phone number for text messages.',
    'zh-CN': '该电话号码无效，无法收发短信。',
    vi: 'Số điện thoại này không hợp lệ để gửi tin nhắn.',
  },
  SMS_SENDER_INVALID: {
    en: 'The SMS sender ID must be up to 11 letters and digits, or a phone number.',
    'zh-CN': '短信发送方标识须为不超过 11 位的字母数字，或一个电话号码。',
    vi: 'Tên người gửi SMS phải gồm tối đa 11 chữ cái và chữ số, hoặc là một số điện thoại.',
  },
  SMS_UNKNOWN_NUMBER: {
    en: 'The bank does not receive text messages at this number.',
    'zh-CN': '银行不通过该号码接收短信。',
    vi: 'Ngân hàng không nhận tin nhắn tại số này.',
  },
  SMS_SIGNATURE_INVALID: {
    en: 'The request signature is missing, expired or wrong.',
    'zh-CN': '请求签名缺失、已过期或不正确。',
    vi: 'Chữ ký của yêu cầu bị thiếu, đã hết hạn hoặc không đúng.',
  },
  SMS_GATEWAY_DISABLED: {
    en: 'No HTTP SMS gateway is configured.',
    'zh-CN': '未配置 HTTP 短信网关。',
    vi: 'Chưa cấu hình cổng SMS qua HTTP.',
  },
  SMS_SIMULATOR_OFF: {
    en: 'The built-in SMS simulator is not running (a real SMSC is configured).',
    'zh-CN': '内置短信模拟器未运行（已配置真实的短信中心）。',
    vi: 'Trình mô phỏng SMS tích hợp không chạy (đã cấu hình SMSC thật).',
  },
  SMS_OPTED_OUT: {
    en: 'The customer has opted out of these text messages.',
    'zh-CN': '客户已退订此类短信。',
    vi: 'Khách hàng đã từ chối nhận loại tin nhắn này.',
  },
});
