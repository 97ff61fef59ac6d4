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
  EMAIL_REPLY_ADDRESS_INVALID: {
    en: 'The {field} address "{address}" is not a valid email address.',
    'zh-CN': '{field} 地址“{address}”不是有效的电子邮件地址。',
    vi: 'Địa chỉ {field} "{address}" không phải là email hợp lệ.',
  },
  EMAIL_REPLY_TOO_MANY_COPIES: {
    en: 'An email can be copied to at most {max} addresses in CC and {max} in BCC.',
    'zh-CN': '一封邮件的抄送和密送各最多 {max} 个地址。',
    vi: 'Mỗi email chỉ được CC tối đa {max} địa chỉ và BCC tối đa {max} địa chỉ.',
  },
  EMAIL_REPLY_NOT_EMAIL: {
    en: 'This conversation is not an email conversation.',
    'zh-CN': '该会话不是邮件会话。',
    vi: 'Cuộc hội thoại này không phải là hội thoại email.',
  },
  EMAIL_TEMPLATE_NOT_FOUND: {
    en: 'This email template does not exist.',
    'zh-CN': '该邮件模板不存在。',
    vi: 'Mẫu email này không tồn tại.',
  },
  EMAIL_TEMPLATE_NAME_TAKEN: {
    en: 'This queue already has a template with this name.',
    'zh-CN': '该队列已有同名模板。',
    vi: 'Hàng đợi này đã có mẫu email cùng tên.',
  },
  EMAIL_TEMPLATE_NAME_REQUIRED: {
    en: 'Give the template a name.',
    'zh-CN': '请填写模板名称。',
    vi: 'Vui lòng đặt tên cho mẫu email.',
  },
  EMAIL_TEMPLATE_BODY_EMPTY: {
    en: 'The English text of the template is empty; it is the fallback for every language.',
    'zh-CN': '模板的英文内容为空；英文是所有语言的后备内容。',
    vi: 'Nội dung tiếng Anh của mẫu đang trống; đây là nội dung dự phòng cho mọi ngôn ngữ.',
  },
  EMAIL_TEMPLATE_SUBJECT_INVALID: {
    en: 'A subject must be a single line.',
    'zh-CN': '主题只能是一行。',
    vi: 'Tiêu đề chỉ được có một dòng.',
  },
  EMAIL_TEMPLATE_QUEUE_NOT_FOUND: {
    en: 'This queue does not exist.',
    'zh-CN': '该队列不存在。',
    vi: 'Hàng đợi này không tồn tại.',
  },
  EMAIL_SIGNATURE_EMPTY: {
    en: 'The signature is empty.',
    'zh-CN': '签名为空。',
    vi: 'Chữ ký đang trống.',
  },
  EMAIL_SIGNATURE_NOT_FOUND: {
    en: 'This signature does not exist.',
    'zh-CN': '该签名不存在。',
    vi: 'Chữ ký này không tồn tại.',
  },
});
