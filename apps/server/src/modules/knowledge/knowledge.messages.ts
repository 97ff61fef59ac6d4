import { defineMessages } from '../../platform/i18n.ts';

defineMessages({
  KNOWLEDGE_ARTICLE_NOT_FOUND: {
    en: 'This article does not exist.',
    'zh-CN': '该文章不存在。',
    vi: 'Bài viết này không tồn tại.',
  },
  KNOWLEDGE_CATEGORY_NOT_FOUND: {
    en: 'This category does not exist.',
    'zh-CN': '该分类不存在。',
    vi: 'Danh mục này không tồn tại.',
  },
  KNOWLEDGE_CATEGORY_CYCLE: {
    en: 'A category cannot be moved under itself.',
    'zh-CN': '分类不能移动到其自身之下。',
    vi: 'Không thể chuyển danh mục vào bên trong chính nó.',
  },
  KNOWLEDGE_VERSION_NOT_FOUND: {
    en: 'This version of the article does not exist.',
    'zh-CN': '该文章版本不存在。',
    vi: 'Phiên bản này của bài viết không tồn tại.',
  },
  KNOWLEDGE_INVALID_STATE: {
    en: 'The article cannot do this now: it is {status}.',
    'zh-CN': '文章当前状态为 {status}，无法执行此操作。',
    vi: 'Bài viết đang ở trạng thái {status}, không thể thực hiện thao tác này.',
  },
  KNOWLEDGE_OWN_APPROVAL: {
    en: 'You cannot approve your own changes: another editor must review them.',
    'zh-CN': '不能审批自己的修改，须由另一位编辑审核。',
    vi: 'Bạn không thể tự duyệt thay đổi của mình: cần một biên tập viên khác duyệt.',
  },
  KNOWLEDGE_TRANSLATION_EXISTS: {
    en: 'This article already has a {locale} translation.',
    'zh-CN': '该文章已有 {locale} 译文。',
    vi: 'Bài viết này đã có bản dịch {locale}.',
  },
  KNOWLEDGE_EMPTY_TITLE: {
    en: 'An article needs a title.',
    'zh-CN': '文章需要标题。',
    vi: 'Bài viết cần có tiêu đề.',
  },
  KNOWLEDGE_IMAGE_TYPE: {
    en: 'Only PNG, JPEG, GIF or WebP images can be uploaded.',
    'zh-CN': '只能上传 PNG、JPEG、GIF 或 WebP 图片。',
    vi: 'Chỉ có thể tải lên ảnh PNG, JPEG, GIF hoặc WebP.',
  },
  KNOWLEDGE_IMAGE_TOO_LARGE: {
    en: 'The image is larger than {max} MB.',
    'zh-CN': '图片超过 {max} MB。',
    vi: 'Ảnh lớn hơn {max} MB.',
  },
  KNOWLEDGE_IMPORT_INVALID: {
    en: 'The import file is not valid: {problem}',
    'zh-CN': '导入文件无效：{problem}',
    vi: 'Tệp nhập không hợp lệ: {problem}',
  },
  KNOWLEDGE_SEARCH_NOT_FOUND: {
    en: 'This search does not exist.',
    'zh-CN': '该搜索记录不存在。',
    vi: 'Lượt tìm kiếm này không tồn tại.',
  },
});
