import { defineMessages } from '../../platform/i18n.ts';

defineMessages({
  ROUTING_QUEUE_NOT_FOUND: {
    en: 'This queue does not exist.',
    'zh-CN': '该队列不存在。',
    vi: 'Hàng đợi này không tồn tại.',
  },
  ROUTING_QUEUE_CODE_TAKEN: {
    en: 'A queue with this code already exists.',
    'zh-CN': '已存在相同代码的队列。',
    vi: 'Đã có hàng đợi với mã này.',
  },
  ROUTING_CALENDAR_NOT_FOUND: {
    en: 'These business hours do not exist.',
    'zh-CN': '该工作日历不存在。',
    vi: 'Lịch làm việc này không tồn tại.',
  },
  ROUTING_CALENDAR_CODE_TAKEN: {
    en: 'Business hours with this code already exist.',
    'zh-CN': '已存在相同代码的工作日历。',
    vi: 'Đã có lịch làm việc với mã này.',
  },
  ROUTING_CALENDAR_IN_USE: {
    en: 'These business hours are used by queues {queues}: give those queues other hours first.',
    'zh-CN': '队列 {queues} 正在使用该工作日历，请先为这些队列更换日历。',
    vi: 'Hàng đợi {queues} đang dùng lịch làm việc này: hãy đổi lịch cho các hàng đợi đó trước.',
  },
  ROUTING_CALENDAR_INVALID: {
    en: 'The business hours are not valid: {problems}',
    'zh-CN': '工作日历设置无效：{problems}',
    vi: 'Lịch làm việc không hợp lệ: {problems}',
  },
  ROUTING_ITEM_NOT_FOUND: {
    en: 'This contact is not in routing.',
    'zh-CN': '该服务请求不在分配队列中。',
    vi: 'Lượt liên hệ này không có trong hàng đợi phân bổ.',
  },
  ROUTING_OFFER_GONE: {
    en: 'This offer is no longer yours: it expired or went to someone else.',
    'zh-CN': '该分配已失效：已超时或已分给他人。',
    vi: 'Lượt phân bổ này không còn dành cho bạn: đã hết hạn hoặc đã chuyển cho người khác.',
  },
  ROUTING_ITEM_NOT_ASSIGNED: {
    en: 'This contact is not with an agent any more.',
    'zh-CN': '该服务请求已不在座席手中。',
    vi: 'Lượt liên hệ này không còn do điện thoại viên xử lý.',
  },
  ROUTING_AGENT_NO_CAPACITY: {
    en: 'That agent cannot take another contact now (offline or full).',
    'zh-CN': '该座席当前无法接入新的服务请求（离线或已满）。',
    vi: 'Điện thoại viên này hiện không thể nhận thêm (ngoại tuyến hoặc đã đầy).',
  },
  ROUTING_AWAY_REASON_REQUIRED: {
    en: 'Choose a reason for being away (break, lunch, training, meeting, after-contact work).',
    'zh-CN': '请选择离开原因（休息、午餐、培训、会议、话后处理）。',
    vi: 'Vui lòng chọn lý do vắng mặt (nghỉ giải lao, ăn trưa, đào tạo, họp, xử lý sau liên hệ).',
  },
});
