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
  EMAIL_ADDRESS_INVALID: {
    en: 'This is not a valid email address.',
    'zh-CN': '这不是有效的电子邮件地址。',
    vi: 'Địa chỉ email không hợp lệ.',
  },
  EMAIL_SUPPRESSION_NOT_FOUND: {
    en: 'This address is not on the suppression list.',
    'zh-CN': '该地址不在退信屏蔽名单中。',
    vi: 'Địa chỉ này không có trong danh sách chặn gửi.',
  },
});
