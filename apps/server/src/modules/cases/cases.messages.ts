import { defineMessages } from '../../platform/i18n.ts';

defineMessages({
  CASE_NOT_FOUND: {
    en: 'This case does not exist.',
    'zh-CN': '该工单不存在。',
    vi: 'Hồ sơ này không tồn tại.',
  },
  CASE_VERSION_CONFLICT: {
    en: 'Someone else changed this case while you were editing it. Reload it to see their change, then try again.',
    'zh-CN': '您编辑期间，其他人已修改此工单。请刷新查看其修改后再试。',
    vi: 'Người khác đã thay đổi hồ sơ này trong lúc bạn chỉnh sửa. Hãy tải lại để xem thay đổi rồi thử lại.',
  },
  CASE_TRANSITION_INVALID: {
    en: 'A case cannot go from {from} to {to}.',
    'zh-CN': '工单不能从 {from} 变为 {to}。',
    vi: 'Hồ sơ không thể chuyển từ {from} sang {to}.',
  },
  CASE_ROOT_CAUSE_REQUIRED: {
    en: 'A complaint needs a root cause before it can be resolved.',
    'zh-CN': '投诉必须填写根本原因后才能解决。',
    vi: 'Khiếu nại cần có nguyên nhân gốc trước khi được giải quyết.',
  },
  CASE_RESOLUTION_REQUIRED: {
    en: 'Write the resolution before resolving the case.',
    'zh-CN': '请先填写解决方案再解决工单。',
    vi: 'Hãy ghi cách giải quyết trước khi đóng xử lý hồ sơ.',
  },
  CASE_REOPEN_WINDOW_PASSED: {
    en: 'This case was resolved more than {days} days ago and can no longer be reopened. Open a new case.',
    'zh-CN': '该工单已解决超过 {days} 天，不能再重新打开。请新建工单。',
    vi: 'Hồ sơ đã được giải quyết quá {days} ngày nên không thể mở lại. Hãy tạo hồ sơ mới.',
  },
  CASE_NOT_OWNER: {
    en: 'Only the owner of this case can do this.',
    'zh-CN': '只有工单负责人可以执行此操作。',
    vi: 'Chỉ người phụ trách hồ sơ mới làm được việc này.',
  },
  CASE_BULK_INVALID: {
    en: 'This bulk action needs {needs}.',
    'zh-CN': '此批量操作需要填写：{needs}。',
    vi: 'Thao tác hàng loạt này cần có: {needs}.',
  },
  CASE_ATTACHMENT_NOT_FOUND: {
    en: 'This file does not exist.',
    'zh-CN': '该文件不存在。',
    vi: 'Tệp này không tồn tại.',
  },
  CASE_VIEW_NOT_FOUND: {
    en: 'This saved view does not exist.',
    'zh-CN': '该已保存视图不存在。',
    vi: 'Chế độ xem đã lưu này không tồn tại.',
  },
  CASE_VIEW_NAME_REQUIRED: {
    en: 'Give the view a name.',
    'zh-CN': '请为视图命名。',
    vi: 'Hãy đặt tên cho chế độ xem.',
  },
  CASE_TAG_INVALID: {
    en: 'A tag has 1 to 40 letters, digits, hyphens or underscores.',
    'zh-CN': '标签为 1 至 40 个字母、数字、连字符或下划线。',
    vi: 'Nhãn gồm 1 đến 40 chữ cái, chữ số, dấu gạch ngang hoặc gạch dưới.',
  },
  CASE_OWNER_REASON_REQUIRED: {
    en: 'Give a reason for moving the case to another owner.',
    'zh-CN': '转移工单负责人时请填写原因。',
    vi: 'Hãy nêu lý do chuyển hồ sơ cho người khác.',
  },
  CASE_OWNER_INVALID: {
    en: 'The new owner must be an active agent or supervisor.',
    'zh-CN': '新负责人必须是在职的坐席或主管。',
    vi: 'Người phụ trách mới phải là nhân viên hoặc giám sát đang hoạt động.',
  },
  CASE_CATEGORY_INVALID: {
    en: 'Choose an active contact reason as the category.',
    'zh-CN': '请选择一个有效的联络原因作为类别。',
    vi: 'Hãy chọn một lý do liên hệ đang dùng làm danh mục.',
  },
  CASE_FIELD_INVALID: {
    en: 'The field {field} is not valid: {problem}.',
    'zh-CN': '字段 {field} 无效：{problem}。',
    vi: 'Trường {field} không hợp lệ: {problem}.',
  },
  CASE_CLOSED: {
    en: 'This case is closed and cannot be changed.',
    'zh-CN': '该工单已关闭，不能修改。',
    vi: 'Hồ sơ đã đóng, không thể thay đổi.',
  },
  CASE_TASK_NOT_FOUND: {
    en: 'This task does not exist.',
    'zh-CN': '该任务不存在。',
    vi: 'Nhiệm vụ này không tồn tại.',
  },
  CASE_TASK_TAKEN: {
    en: 'Someone else has already taken this task.',
    'zh-CN': '该任务已被他人领取。',
    vi: 'Nhiệm vụ này đã có người nhận.',
  },
  CASE_TASK_QUEUE_EMPTY: {
    en: 'There is no open task in your department queue.',
    'zh-CN': '您部门的队列中没有待处理任务。',
    vi: 'Không còn nhiệm vụ nào trong hàng đợi của phòng bạn.',
  },
  CASE_TASK_NOT_ASSIGNEE: {
    en: 'Only the person working on this task can do this.',
    'zh-CN': '只有处理该任务的人员可以执行此操作。',
    vi: 'Chỉ người đang xử lý nhiệm vụ mới làm được việc này.',
  },
  CASE_TASK_FINISHED: {
    en: 'This task is already finished.',
    'zh-CN': '该任务已完成。',
    vi: 'Nhiệm vụ này đã hoàn thành.',
  },
  CASE_DEPARTMENT_INVALID: {
    en: 'This department does not exist.',
    'zh-CN': '该部门不存在。',
    vi: 'Phòng ban này không tồn tại.',
  },
  CASE_ASSIGNEE_INVALID: {
    en: 'The task can only go to a member of its department.',
    'zh-CN': '任务只能分配给该部门的成员。',
    vi: 'Nhiệm vụ chỉ giao được cho thành viên của phòng ban đó.',
  },
  CASE_EXTENSION_NOT_ALLOWED: {
    en: 'The deadline of this complaint cannot be extended (only once, and only where the regulator allows it).',
    'zh-CN': '该投诉的期限不能延长（仅可延长一次，且须监管规定允许）。',
    vi: 'Không thể gia hạn khiếu nại này (chỉ một lần và khi quy định cho phép).',
  },
  CASE_NOT_COMPLAINT: {
    en: 'This is only possible for complaints.',
    'zh-CN': '此操作仅适用于投诉。',
    vi: 'Chỉ áp dụng cho khiếu nại.',
  },
  CASE_CUSTOMER_NOT_FOUND: {
    en: 'This customer does not exist.',
    'zh-CN': '该客户不存在。',
    vi: 'Khách hàng này không tồn tại.',
  },
  CASE_CONVERSATION_NOT_FOUND: {
    en: 'This conversation does not exist.',
    'zh-CN': '该会话不存在。',
    vi: 'Cuộc trò chuyện này không tồn tại.',
  },
  CASE_CALENDAR_INVALID: {
    en: 'The business calendar is not valid: {problem}.',
    'zh-CN': '工作日历无效：{problem}。',
    vi: 'Lịch làm việc không hợp lệ: {problem}.',
  },
  CASE_LINK_INVALID: {
    en: 'This link is not valid or has expired.',
    'zh-CN': '该链接无效或已过期。',
    vi: 'Đường dẫn không hợp lệ hoặc đã hết hạn.',
  },
  'cases.notification.created': {
    en: 'We have registered your request {number}. We will keep you informed.',
    'zh-CN': '我们已受理您的请求 {number}，会及时告知您进展。',
    vi: 'Chúng tôi đã tiếp nhận yêu cầu {number} và sẽ thông báo tiến độ cho Quý khách.',
  },
  'cases.notification.waiting_customer': {
    en: 'We need some information from you to continue with {number}.',
    'zh-CN': '处理 {number} 需要您补充一些信息。',
    vi: 'Chúng tôi cần Quý khách bổ sung thông tin để tiếp tục xử lý {number}.',
  },
  'cases.notification.resolved': {
    en: 'Your request {number} has been resolved.',
    'zh-CN': '您的请求 {number} 已处理完毕。',
    vi: 'Yêu cầu {number} của Quý khách đã được giải quyết.',
  },
  'cases.notification.update': {
    en: 'There is news on your request {number}.',
    'zh-CN': '您的请求 {number} 有新进展。',
    vi: 'Có cập nhật mới cho yêu cầu {number}.',
  },
});

defineMessages({
  CASE_CHANNEL_INVALID: {
    en: 'A case opened from a conversation takes its channel; a branch case is opened at a counter of your branch.',
    'zh-CN': '从会话创建的工单沿用会话的渠道；网点工单只能在本网点柜台创建。',
    vi: 'Hồ sơ mở từ cuộc hội thoại lấy kênh của cuộc hội thoại; hồ sơ tại chi nhánh chỉ được mở tại quầy của chi nhánh bạn.',
  },
});

// Admin · Case settings: editing and deleting SLA policies and custom fields.
defineMessages({
  CASE_FIELD_NOT_FOUND: {
    en: 'This custom field does not exist or has been deleted.',
    'zh-CN': '该自定义字段不存在或已删除。',
    vi: 'Trường tùy chỉnh này không tồn tại hoặc đã bị xóa.',
  },
  CASE_FIELD_VERSION_CONFLICT: {
    en: 'Someone else changed this custom field while you were editing it. Reload to see their change, then try again.',
    'zh-CN': '您编辑期间，其他人已修改此自定义字段。请刷新查看其修改后再试。',
    vi: 'Người khác đã thay đổi trường tùy chỉnh này trong lúc bạn chỉnh sửa. Hãy tải lại để xem thay đổi rồi thử lại.',
  },
  CASE_FIELD_KEY_TAKEN: {
    en: 'This case type already has a field with this key.',
    'zh-CN': '该工单类型已有使用此键的字段。',
    vi: 'Loại hồ sơ này đã có trường với khóa này.',
  },
  CASE_FIELD_DEFINITION_INVALID: {
    en: 'The custom field is not valid: {problem}.',
    'zh-CN': '自定义字段无效：{problem}。',
    vi: 'Trường tùy chỉnh không hợp lệ: {problem}.',
  },
  CASE_POLICY_NOT_FOUND: {
    en: 'This SLA policy does not exist or has been deleted.',
    'zh-CN': '该 SLA 策略不存在或已删除。',
    vi: 'Chính sách SLA này không tồn tại hoặc đã bị xóa.',
  },
  CASE_POLICY_VERSION_CONFLICT: {
    en: 'Someone else changed this SLA policy while you were editing it. Reload to see their change, then try again.',
    'zh-CN': '您编辑期间，其他人已修改此 SLA 策略。请刷新查看其修改后再试。',
    vi: 'Người khác đã thay đổi chính sách SLA này trong lúc bạn chỉnh sửa. Hãy tải lại để xem thay đổi rồi thử lại.',
  },
  CASE_POLICY_INVALID: {
    en: 'The SLA policy is not valid: {problem}.',
    'zh-CN': 'SLA 策略无效：{problem}。',
    vi: 'Chính sách SLA không hợp lệ: {problem}.',
  },
});
