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
  CONVERSATION_ATTACHMENT_TYPE: {
    en: 'Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent.',
    'zh-CN': '仅支持发送图片（PNG、JPEG、GIF、WebP）和 PDF 文件。',
    vi: 'Chỉ có thể gửi ảnh (PNG, JPEG, GIF, WebP) và tệp PDF.',
  },
  CONVERSATION_ATTACHMENT_TOO_LARGE: {
    en: 'A file can be at most {maxMb} MB.',
    'zh-CN': '文件大小不能超过 {maxMb} MB。',
    vi: 'Mỗi tệp tối đa {maxMb} MB.',
  },
  CONVERSATION_ATTACHMENT_EMPTY: {
    en: 'The file is empty.',
    'zh-CN': '文件为空。',
    vi: 'Tệp trống.',
  },
  CONVERSATION_ATTACHMENT_NOT_FOUND: {
    en: 'This file does not exist.',
    'zh-CN': '该文件不存在。',
    vi: 'Tệp này không tồn tại.',
  },
  CONVERSATION_CONSULT_SELF: {
    en: 'Invite another agent: you and the assigned agent are already in this conversation.',
    'zh-CN': '请邀请其他坐席：您和负责坐席已在此会话中。',
    vi: 'Hãy mời nhân viên khác: bạn và nhân viên phụ trách đã ở trong cuộc hội thoại này.',
  },
  CONVERSATION_CONSULTANT_NOT_FOUND: {
    en: 'This person cannot be invited to consult (not an active desk user).',
    'zh-CN': '无法邀请此人协助（不是在岗的坐席用户）。',
    vi: 'Không thể mời người này hỗ trợ (không phải nhân viên đang làm việc tại quầy).',
  },
  CONVERSATION_CONSULT_EXISTS: {
    en: 'This agent is already consulting on this conversation.',
    'zh-CN': '该坐席已在协助此会话。',
    vi: 'Nhân viên này đang hỗ trợ cuộc hội thoại này.',
  },
  CONVERSATION_CONTACT_REASON_REQUIRED: {
    en: 'Choose a contact reason before closing.',
    'zh-CN': '结束前请选择来电原因。',
    vi: 'Vui lòng chọn lý do liên hệ trước khi kết thúc.',
  },
});
