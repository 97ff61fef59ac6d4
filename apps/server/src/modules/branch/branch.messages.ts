import { defineMessages } from '../../platform/i18n.ts';

defineMessages({
  BRANCH_FORBIDDEN: {
    en: 'You can only work in your own branch.',
    'zh-CN': '您只能操作本网点的数据。',
    vi: 'Bạn chỉ được thao tác tại chi nhánh của mình.',
  },
  BRANCH_NOT_FOUND: {
    en: 'This branch does not exist.',
    'zh-CN': '该网点不存在。',
    vi: 'Chi nhánh này không tồn tại.',
  },
  BRANCH_SERVICE_NOT_FOUND: {
    en: 'This service does not exist in this branch.',
    'zh-CN': '该网点没有此业务。',
    vi: 'Chi nhánh không có dịch vụ này.',
  },
  BRANCH_SERVICE_EXISTS: {
    en: 'A service with this code or ticket letter already exists in this branch.',
    'zh-CN': '本网点已有相同代码或票号字母的业务。',
    vi: 'Chi nhánh đã có dịch vụ cùng mã hoặc chữ cái số thứ tự.',
  },
  BRANCH_COUNTER_NOT_FOUND: {
    en: 'This counter does not exist.',
    'zh-CN': '该窗口不存在。',
    vi: 'Quầy này không tồn tại.',
  },
  BRANCH_COUNTER_EXISTS: {
    en: 'A counter with this number already exists in this branch.',
    'zh-CN': '本网点已有相同编号的窗口。',
    vi: 'Chi nhánh đã có quầy với số này.',
  },
  BRANCH_COUNTER_CLOSED: {
    en: 'Open the counter first.',
    'zh-CN': '请先开启窗口。',
    vi: 'Vui lòng mở quầy trước.',
  },
  BRANCH_COUNTER_BUSY: {
    en: 'Finish the current customer first.',
    'zh-CN': '请先完成当前客户的业务。',
    vi: 'Vui lòng hoàn tất khách hàng hiện tại trước.',
  },
  BRANCH_SERVICE_NOT_SERVED: {
    en: 'This counter does not serve this service.',
    'zh-CN': '该窗口不办理此业务。',
    vi: 'Quầy này không phục vụ dịch vụ này.',
  },
  BRANCH_TICKET_NOT_FOUND: {
    en: 'This ticket does not exist.',
    'zh-CN': '该号票不存在。',
    vi: 'Số thứ tự này không tồn tại.',
  },
  BRANCH_TICKET_STATE: {
    en: 'This ticket cannot do that now (it is {status}).',
    'zh-CN': '该号票当前状态（{status}）不允许此操作。',
    vi: 'Số thứ tự đang ở trạng thái {status}, không thể thực hiện thao tác này.',
  },
  BRANCH_RECALLS_REMAINING: {
    en: 'Recall the customer {remaining} more time(s) before marking a no-show.',
    'zh-CN': '请再叫号 {remaining} 次后再标记为过号。',
    vi: 'Vui lòng gọi lại thêm {remaining} lần trước khi đánh dấu vắng mặt.',
  },
  BRANCH_DEVICE_INVALID: {
    en: 'This device is not registered. Ask the branch to register it again.',
    'zh-CN': '该设备未注册，请联系网点重新注册。',
    vi: 'Thiết bị chưa được đăng ký. Vui lòng liên hệ chi nhánh để đăng ký lại.',
  },
  BRANCH_DEVICE_KIND: {
    en: 'This device cannot do this.',
    'zh-CN': '该设备不支持此操作。',
    vi: 'Thiết bị này không thực hiện được thao tác này.',
  },
  BRANCH_FEEDBACK_EXISTS: {
    en: 'This visit has already been rated. Thank you!',
    'zh-CN': '本次服务已评价，谢谢！',
    vi: 'Lượt phục vụ này đã được đánh giá. Xin cảm ơn!',
  },
  BRANCH_FEEDBACK_NOT_ALLOWED: {
    en: 'Only a finished visit at this counter can be rated.',
    'zh-CN': '只能评价本窗口已完成的服务。',
    vi: 'Chỉ có thể đánh giá lượt phục vụ đã hoàn tất tại quầy này.',
  },
  BRANCH_CLOSED: {
    en: 'The branch is closed now. It opens at {opensAt}.',
    'zh-CN': '网点当前不营业，将于 {opensAt} 开始营业。',
    vi: 'Chi nhánh hiện đang đóng cửa. Chi nhánh mở cửa lúc {opensAt}.',
  },
  BRANCH_HOLIDAY: {
    en: 'The branch is closed today for a public holiday ({holiday}). It opens at {opensAt}.',
    'zh-CN': '今日为法定节假日（{holiday}），网点不营业，将于 {opensAt} 开始营业。',
    vi: 'Hôm nay chi nhánh nghỉ lễ ({holiday}). Chi nhánh mở cửa lúc {opensAt}.',
  },
  BRANCH_CLOSED_ON_DATE: {
    en: 'The branch is closed on {date}. Please choose another day.',
    'zh-CN': '网点在 {date} 不营业。请选择其他日期。',
    vi: 'Chi nhánh đóng cửa ngày {date}. Vui lòng chọn ngày khác.',
  },
  BRANCH_HOLIDAY_ON_DATE: {
    en: 'The branch is closed on {date} for a public holiday ({holiday}). Please choose another day.',
    'zh-CN': '{date} 为法定节假日（{holiday}），网点不营业。请选择其他日期。',
    vi: 'Chi nhánh nghỉ lễ ngày {date} ({holiday}). Vui lòng chọn ngày khác.',
  },
  BRANCH_TELLER_INVALID: {
    en: 'Choose a teller or lobby manager of this branch.',
    'zh-CN': '请选择本网点的柜员或大堂经理。',
    vi: 'Vui lòng chọn giao dịch viên hoặc quản lý sảnh của chi nhánh này.',
  },
  BRANCH_CALENDAR_UNKNOWN: {
    en: 'There is no business calendar {code}.',
    'zh-CN': '不存在工作日历 {code}。',
    vi: 'Không có lịch làm việc {code}.',
  },
  BRANCH_SLOT_FULL: {
    en: 'This time slot is full. Please choose another.',
    'zh-CN': '该时段已约满，请选择其他时段。',
    vi: 'Khung giờ này đã kín chỗ. Vui lòng chọn khung giờ khác.',
  },
  BRANCH_SLOT_INVALID: {
    en: 'This time slot cannot be booked.',
    'zh-CN': '该时段无法预约。',
    vi: 'Không thể đặt lịch vào khung giờ này.',
  },
  BRANCH_APPOINTMENT_NOT_FOUND: {
    en: 'No appointment for today matches this code.',
    'zh-CN': '没有与该代码匹配的今日预约。',
    vi: 'Không có lịch hẹn hôm nay khớp với mã này.',
  },
  BRANCH_DATE_INVALID: {
    en: '{date} is not a date. Please choose a day in the calendar.',
    'zh-CN': '{date} 不是有效日期，请在日历中选择日期。',
    vi: '{date} không phải là ngày hợp lệ. Vui lòng chọn ngày trên lịch.',
  },
  BRANCH_PHONE_INVALID: {
    en: 'This is not a phone number. Please check it, or continue without one.',
    'zh-CN': '这不是有效的电话号码。请检查，或不填电话继续。',
    vi: 'Số điện thoại không hợp lệ. Vui lòng kiểm tra lại, hoặc tiếp tục mà không nhập số.',
  },
  BRANCH_NAME_REQUIRED: {
    en: 'Please enter your name.',
    'zh-CN': '请填写您的姓名。',
    vi: 'Vui lòng nhập họ tên.',
  },
  BRANCH_TRANSFER_SAME: {
    en: 'The ticket is already there. Choose another service or counter.',
    'zh-CN': '该号票已在此处。请选择其他业务或窗口。',
    vi: 'Số thứ tự đã ở đó. Hãy chọn dịch vụ hoặc quầy khác.',
  },
});
