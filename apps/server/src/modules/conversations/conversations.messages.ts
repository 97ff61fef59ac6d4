import { defineMessages } from '../../platform/i18n.ts';

defineMessages({
  CONVERSATION_NOT_FOUND: {
    en: 'This conversation does not exist.',
    'zh-CN': '该会话不存在。',
    vi: 'Cuộc hội thoại này không tồn tại.',
  },
  CONVERSATION_CLOSED: {
    en: 'This conversation is closed.',
    'zh-CN': '该会话已结束。',
    vi: 'Cuộc hội thoại này đã kết thúc.',
  },
  CONVERSATION_MESSAGE_TOO_LONG: {
    en: 'A message can have at most {max} characters.',
    'zh-CN': '每条消息最多 {max} 个字符。',
    vi: 'Mỗi tin nhắn tối đa {max} ký tự.',
  },
  CONVERSATION_MESSAGE_EMPTY: {
    en: 'The message is empty.',
    'zh-CN': '消息内容为空。',
    vi: 'Tin nhắn trống.',
  },
  CONVERSATION_INVALID_TRANSITION: {
    en: 'A conversation cannot go from "{from}" to "{to}".',
    'zh-CN': '会话不能从“{from}”变为“{to}”。',
    vi: 'Cuộc hội thoại không thể chuyển từ "{from}" sang "{to}".',
  },
  CONVERSATION_CONTACT_REASON_INVALID: {
    en: 'This contact reason does not exist or is no longer in use.',
    'zh-CN': '该来电原因不存在或已停用。',
    vi: 'Lý do liên hệ này không tồn tại hoặc đã ngừng sử dụng.',
  },
  CONVERSATION_CONTACT_REASON_CODE_TAKEN: {
    en: 'A contact reason with this code already exists.',
    'zh-CN': '已存在相同代码的来电原因。',
    vi: 'Đã có lý do liên hệ với mã này.',
  },
  CONVERSATION_CANNED_NOT_FOUND: {
    en: 'This canned response does not exist.',
    'zh-CN': '该快捷回复不存在。',
    vi: 'Mẫu trả lời nhanh này không tồn tại.',
  },
  CONVERSATION_CONTACT_REASON_REQUIRED: {
    en: 'Choose a contact reason before closing.',
    'zh-CN': '结束前请选择来电原因。',
    vi: 'Vui lòng chọn lý do liên hệ trước khi kết thúc.',
  },
});
