import { defineMessages } from '../../../platform/i18n.ts';

defineMessages({
  WEBCHAT_SITE_NOT_FOUND: {
    en: 'This chat is not set up for this website.',
    'zh-CN': '该网站尚未开通在线客服。',
    vi: 'Trang web này chưa được cài đặt trò chuyện trực tuyến.',
  },
  WEBCHAT_ORIGIN_NOT_ALLOWED: {
    en: 'The chat cannot be used from this website.',
    'zh-CN': '无法在此网站上使用在线客服。',
    vi: 'Không thể sử dụng trò chuyện từ trang web này.',
  },
  WEBCHAT_VISITOR_INVALID: {
    en: 'Your chat session has expired. Please reload the page.',
    'zh-CN': '您的会话已过期，请刷新页面。',
    vi: 'Phiên trò chuyện đã hết hạn. Vui lòng tải lại trang.',
  },
  WEBCHAT_NO_QUEUE: {
    en: 'Chat is not available right now. Please try again later.',
    'zh-CN': '在线客服暂不可用，请稍后再试。',
    vi: 'Trò chuyện hiện không khả dụng. Vui lòng thử lại sau.',
  },
});
