import { defineMessages } from '../../platform/i18n.ts';

defineMessages({
  WORKFORCE_INVALID_PARAMETERS: {
    en: 'The staffing parameter "{field}" is missing or out of range.',
    'zh-CN': '排班参数“{field}”缺失或超出范围。',
    vi: 'Tham số định biên "{field}" bị thiếu hoặc nằm ngoài phạm vi cho phép.',
  },
  WORKFORCE_TARGET_UNREACHABLE: {
    en: 'No staffing of up to {max} agents reaches this service level.',
    'zh-CN': '在 {max} 名坐席以内无法达到该服务水平。',
    vi: 'Không thể đạt mức phục vụ này với tối đa {max} nhân viên.',
  },
});
