import { defineMessages } from '../../platform/i18n.ts';

defineMessages({
  AUTH_INVALID_CREDENTIALS: {
    en: 'The username or password is incorrect.',
    'zh-CN': '用户名或密码不正确。',
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
  },
  AUTH_MFA_REQUIRED: {
    en: 'Enter the 6-digit code from your authenticator app.',
    'zh-CN': '请输入身份验证器应用中的6位验证码。',
    vi: 'Nhập mã 6 chữ số từ ứng dụng xác thực của bạn.',
  },
  AUTH_MFA_INVALID: {
    en: 'The verification code is not valid.',
    'zh-CN': '验证码无效。',
    vi: 'Mã xác thực không hợp lệ.',
  },
  AUTH_LOCKED: {
    en: 'Too many failed sign-ins. This account is locked for {minutes} more minute(s).',
    'zh-CN': '登录失败次数过多，该账户已锁定，请在 {minutes} 分钟后重试。',
    vi: 'Đăng nhập sai quá nhiều lần. Tài khoản bị khóa thêm {minutes} phút.',
  },
  AUTH_RATE_LIMITED: {
    en: 'Too many failed sign-ins from this address. Please try again later.',
    'zh-CN': '该地址登录失败次数过多，请稍后再试。',
    vi: 'Có quá nhiều lần đăng nhập sai từ địa chỉ này. Vui lòng thử lại sau.',
  },
  AUTH_ACCOUNT_DISABLED: {
    en: 'This account is disabled. Contact your administrator.',
    'zh-CN': '该账户已停用，请联系管理员。',
    vi: 'Tài khoản này đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.',
  },
  AUTH_CSRF_INVALID: {
    en: 'Your session security token is missing or stale. Reload the page and try again.',
    'zh-CN': '会话安全令牌缺失或已过期，请刷新页面后重试。',
    vi: 'Mã bảo mật phiên bị thiếu hoặc đã hết hạn. Vui lòng tải lại trang và thử lại.',
  },
  AUTH_TOKEN_INVALID: {
    en: 'The API token is invalid, expired or revoked.',
    'zh-CN': 'API 令牌无效、已过期或已被撤销。',
    vi: 'Mã API không hợp lệ, đã hết hạn hoặc đã bị thu hồi.',
  },
  AUTH_WRONG_PASSWORD: {
    en: 'The current password is incorrect.',
    'zh-CN': '当前密码不正确。',
    vi: 'Mật khẩu hiện tại không đúng.',
  },
  AUTH_MFA_NOT_PENDING: {
    en: 'Start the authenticator enrolment first.',
    'zh-CN': '请先开始绑定身份验证器。',
    vi: 'Vui lòng bắt đầu đăng ký ứng dụng xác thực trước.',
  },
  AUTH_MFA_NOT_ENABLED: {
    en: 'Two-step verification is not enabled.',
    'zh-CN': '尚未启用两步验证。',
    vi: 'Chưa bật xác thực hai bước.',
  },
  AUTH_MFA_REQUIRED_FOR_ROLE: {
    en: 'Your role requires two-step verification. Set it up under My account first.',
    'zh-CN': '您的角色要求启用两步验证，请先在“我的账户”中设置。',
    vi: 'Vai trò của bạn yêu cầu xác thực hai bước. Vui lòng thiết lập trong Tài khoản của tôi trước.',
  },
  STAFF_SESSION_NOT_FOUND: {
    en: 'This session does not exist or has already ended.',
    'zh-CN': '该会话不存在或已结束。',
    vi: 'Phiên này không tồn tại hoặc đã kết thúc.',
  },
  STAFF_USER_NOT_FOUND: {
    en: 'This user does not exist.',
    'zh-CN': '该用户不存在。',
    vi: 'Người dùng này không tồn tại.',
  },
  STAFF_USERNAME_TAKEN: {
    en: 'This username is already taken.',
    'zh-CN': '该用户名已被使用。',
    vi: 'Tên đăng nhập này đã được sử dụng.',
  },
  STAFF_VERSION_CONFLICT: {
    en: 'Someone else changed this record meanwhile. Reload it and apply your change again.',
    'zh-CN': '该记录已被他人修改，请刷新后重新修改。',
    vi: 'Bản ghi này vừa được người khác thay đổi. Vui lòng tải lại và thực hiện lại thay đổi.',
  },
  STAFF_PASSWORD_TOO_SHORT: {
    en: 'The password must have at least 10 characters.',
    'zh-CN': '密码至少需要10个字符。',
    vi: 'Mật khẩu phải có ít nhất 10 ký tự.',
  },
  STAFF_PASSWORD_CONTAINS_USERNAME: {
    en: 'The password must not contain the username.',
    'zh-CN': '密码不能包含用户名。',
    vi: 'Mật khẩu không được chứa tên đăng nhập.',
  },
  STAFF_PASSWORD_TOO_WEAK: {
    en: 'This password is too easy to guess.',
    'zh-CN': '该密码过于简单。',
    vi: 'Mật khẩu này quá dễ đoán.',
  },
  STAFF_TEAM_NOT_FOUND: {
    en: 'This team does not exist.',
    'zh-CN': '该团队不存在。',
    vi: 'Nhóm này không tồn tại.',
  },
  STAFF_TEAM_NAME_TAKEN: {
    en: 'A team with this name already exists.',
    'zh-CN': '已存在同名团队。',
    vi: 'Đã có nhóm với tên này.',
  },
  STAFF_DEPARTMENT_NOT_FOUND: {
    en: 'This department does not exist.',
    'zh-CN': '该部门不存在。',
    vi: 'Phòng ban này không tồn tại.',
  },
  STAFF_DEPARTMENT_CODE_TAKEN: {
    en: 'A department with this code already exists.',
    'zh-CN': '已存在相同代码的部门。',
    vi: 'Đã có phòng ban với mã này.',
  },
  STAFF_BRANCH_NOT_FOUND: {
    en: 'This branch does not exist.',
    'zh-CN': '该网点不存在。',
    vi: 'Chi nhánh này không tồn tại.',
  },
  STAFF_BRANCH_CODE_TAKEN: {
    en: 'A branch with this code already exists.',
    'zh-CN': '已存在相同代码的网点。',
    vi: 'Đã có chi nhánh với mã này.',
  },
  STAFF_INVALID_TIME_ZONE: {
    en: 'Unknown time zone "{timeZone}".',
    'zh-CN': '未知时区“{timeZone}”。',
    vi: 'Múi giờ "{timeZone}" không hợp lệ.',
  },
  STAFF_SKILL_NOT_FOUND: {
    en: 'This skill does not exist.',
    'zh-CN': '该技能不存在。',
    vi: 'Kỹ năng này không tồn tại.',
  },
  STAFF_SKILL_CODE_TAKEN: {
    en: 'A skill with this code already exists.',
    'zh-CN': '已存在相同代码的技能。',
    vi: 'Đã có kỹ năng với mã này.',
  },
  STAFF_CANNOT_DISABLE_SELF: {
    en: 'You cannot disable your own account.',
    'zh-CN': '不能停用自己的账户。',
    vi: 'Bạn không thể vô hiệu hóa tài khoản của chính mình.',
  },
  STAFF_LAST_ADMIN: {
    en: 'At least one active administrator must remain.',
    'zh-CN': '必须至少保留一名有效的管理员。',
    vi: 'Phải còn ít nhất một quản trị viên đang hoạt động.',
  },
  TOKEN_NOT_FOUND: {
    en: 'This API token does not exist.',
    'zh-CN': '该 API 令牌不存在。',
    vi: 'Mã API này không tồn tại.',
  },
  TOKEN_SCOPE_NOT_ALLOWED: {
    en: 'Scope "{scope}" cannot be given to an API token.',
    'zh-CN': 'API 令牌不能被授予“{scope}”权限范围。',
    vi: 'Không thể cấp phạm vi "{scope}" cho mã API.',
  },
  TOKEN_EXPIRY_INVALID: {
    en: 'The expiry must be in the future and within one year.',
    'zh-CN': '有效期必须晚于当前时间且不超过一年。',
    vi: 'Thời hạn phải ở tương lai và không quá một năm.',
  },
});
