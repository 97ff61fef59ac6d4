import type { Locale } from '../../platform/i18n.ts';

/** One notification in one language: the email subject and body, and the SMS text. */
export interface Template {
  subject: string;
  body: string;
  sms: string;
}

/**
 * Notification templates per language, in code so they are reviewed like code. `{name}` placeholders
 * are filled from the notification's params; a missing param is refused when the notification is
 * queued (NOTIFICATION_PARAM_MISSING), never sent with a hole in it.
 */
export const TEMPLATES: Record<string, Record<Locale, Template>> = {
  case_updated: {
    en: {
      subject: 'Your request {caseNo} was updated',
      body: 'Dear {name},\n\nYour request {caseNo} is now: {status}.\n\nBanyan Bank',
      sms: 'Banyan Bank: your request {caseNo} is now {status}.',
    },
    'zh-CN': {
      subject: '您的申请 {caseNo} 已更新',
      body: '{name}，您好：\n\n您的申请 {caseNo} 当前状态：{status}。\n\n榕树银行',
      sms: '榕树银行：您的申请{caseNo}当前状态：{status}。',
    },
    vi: {
      subject: 'Yêu cầu {caseNo} của quý khách đã được cập nhật',
      body: 'Kính gửi {name},\n\nYêu cầu {caseNo} của quý khách hiện ở trạng thái: {status}.\n\nNgân hàng Banyan',
      sms: 'Ngan hang Banyan: yeu cau {caseNo} cua quy khach hien o trang thai {status}.',
    },
  },
  survey_invite: {
    en: {
      subject: 'How did we do?',
      body: 'Dear {name},\n\nPlease tell us about your recent contact: {link}\n\nBanyan Bank',
      sms: 'Banyan Bank: how did we do? {link} Reply STOP to opt out.',
    },
    'zh-CN': {
      subject: '请评价我们的服务',
      body: '{name}，您好：\n\n请评价您最近一次的咨询：{link}\n\n榕树银行',
      sms: '榕树银行：请评价我们的服务 {link} 回复TD退订',
    },
    vi: {
      subject: 'Quý khách đánh giá dịch vụ thế nào?',
      body: 'Kính gửi {name},\n\nMời quý khách đánh giá lần liên hệ gần đây: {link}\n\nNgân hàng Banyan',
      sms: 'Ngan hang Banyan: moi quy khach danh gia dich vu {link} Soan TU CHOI de tu choi.',
    },
  },
  appointment_reminder: {
    en: {
      subject: 'Your appointment on {when}',
      body: 'Dear {name},\n\nA reminder of your appointment at {branch} on {when}.\n\nBanyan Bank',
      sms: 'Banyan Bank: reminder, your appointment at {branch} on {when}.',
    },
    'zh-CN': {
      subject: '您在 {when} 的预约',
      body: '{name}，您好：\n\n提醒您于 {when} 在 {branch} 的预约。\n\n榕树银行',
      sms: '榕树银行：提醒您于{when}在{branch}的预约。',
    },
    vi: {
      subject: 'Lịch hẹn của quý khách lúc {when}',
      body: 'Kính gửi {name},\n\nNhắc lịch hẹn của quý khách tại {branch} lúc {when}.\n\nNgân hàng Banyan',
      sms: 'Ngan hang Banyan: nhac lich hen tai {branch} luc {when}.',
    },
  },
  one_time_password: {
    en: {
      subject: 'Your verification code',
      body: 'Your Banyan Bank verification code is {code}. It expires in 5 minutes. Never share it.',
      sms: 'Banyan Bank code {code}. Never share it, not even with bank staff.',
    },
    'zh-CN': {
      subject: '您的验证码',
      body: '您的榕树银行验证码为 {code}，5 分钟内有效。请勿告知他人。',
      sms: '榕树银行验证码{code}，请勿告知任何人（包括银行员工）。',
    },
    vi: {
      subject: 'Mã xác thực của quý khách',
      body: 'Mã xác thực Ngân hàng Banyan của quý khách là {code}, hiệu lực 5 phút. Không chia sẻ mã này.',
      sms: 'Ma xac thuc Banyan {code}. Khong chia se ma nay voi bat ky ai.',
    },
  },
  // A service email (not marketing): sent whatever the customer's opt-outs, only when asked for.
  chat_transcript: {
    en: {
      subject: 'Your chat with Banyan Bank on {date}',
      body: 'Dear {name},\n\nHere is the transcript of your chat on {date}, as you asked.\n\n{transcript}\n\nBanyan Bank',
      sms: 'Banyan Bank: the transcript of your chat on {date} was sent to you by email.',
    },
    'zh-CN': {
      subject: '您于 {date} 与榕树银行的对话',
      body: '{name}，您好：\n\n按您的要求，以下是您于 {date} 的对话记录。\n\n{transcript}\n\n榕树银行',
      sms: '榕树银行：您于{date}的对话记录已发送至您的邮箱。',
    },
    vi: {
      subject: 'Cuộc trò chuyện của quý khách với Ngân hàng Banyan ngày {date}',
      body: 'Kính gửi {name},\n\nTheo yêu cầu của quý khách, đây là bản ghi cuộc trò chuyện ngày {date}.\n\n{transcript}\n\nNgân hàng Banyan',
      sms: 'Ngan hang Banyan: ban ghi cuoc tro chuyen ngay {date} da duoc gui qua email.',
    },
  },
  marketing_offer: {
    en: {
      subject: '{title}',
      body: 'Dear {name},\n\n{text}\n\nBanyan Bank',
      sms: 'Banyan Bank: {text} Reply STOP to opt out.',
    },
    'zh-CN': {
      subject: '{title}',
      body: '{name}，您好：\n\n{text}\n\n榕树银行',
      sms: '榕树银行：{text} 回复TD退订',
    },
    vi: {
      subject: '{title}',
      body: 'Kính gửi {name},\n\n{text}\n\nNgân hàng Banyan',
      sms: 'Ngan hang Banyan: {text} Soan TU CHOI de tu choi.',
    },
  },
};

export const TEMPLATE_KEYS = Object.keys(TEMPLATES);

const PLACEHOLDER = /\{(\w+)\}/g;

/** The params a template needs (all languages, all parts). */
export function requiredParams(templateKey: string): string[] {
  const names = new Set<string>();
  for (const template of Object.values(TEMPLATES[templateKey] ?? {})) {
    for (const part of [template.subject, template.body, template.sms]) {
      for (const match of part.matchAll(PLACEHOLDER)) names.add(match[1] as string);
    }
  }
  return [...names];
}

export function renderTemplate(
  templateKey: string,
  locale: Locale,
  params: Record<string, string>,
): Template {
  const template = TEMPLATES[templateKey]?.[locale];
  if (!template) throw new Error(`no template ${templateKey}/${locale}`);
  const fill = (text: string) => text.replace(PLACEHOLDER, (_, name: string) => params[name] ?? '');
  return { subject: fill(template.subject), body: fill(template.body), sms: fill(template.sms) };
}
