import { defineMessages } from '../../../platform/i18n.ts';

defineMessages({
  EMAIL_UNKNOWN_RECIPIENT: {
    en: 'The bank does not receive email at this address.',
    'zh-CN': '银行不接收发往该地址的邮件。',
    vi: 'Ngân hàng không nhận email tại địa chỉ này.',
  },
  EMAIL_TOO_LARGE: {
    en: 'The email is larger than the bank accepts.',
    'zh-CN': '邮件超过银行允许的大小。',
    vi: 'Email vượt quá dung lượng ngân hàng cho phép.',
  },
});
