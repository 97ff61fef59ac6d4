import type { App } from '../../../platform/http.ts';
import { isLocale, type Locale } from '../../../platform/i18n.ts';

const TEXT: Record<
  Locale,
  { title: string; tagline: string; cards: string; loans: string; help: string; chat: string }
> = {
  en: {
    title: 'Banyan Demo Bank',
    tagline: 'Banking made simple — in branches, online and on the phone, 24/7.',
    cards: 'Cards: report a lost card, raise your limit, pay your statement.',
    loans: 'Loans and mortgages: rates, applications, repayment schedules.',
    help: 'Need help? Our advisers answer in English, 中文 and Tiếng Việt.',
    chat: 'Open the chat with the button at the bottom right.',
  },
  'zh-CN': {
    title: 'Banyan 演示银行',
    tagline: '网点、网上、电话，7×24小时，让银行服务更简单。',
    cards: '信用卡：挂失、提额、还款。',
    loans: '贷款与房贷：利率、申请、还款计划。',
    help: '需要帮助？我们的客服可用中文、English 和 Tiếng Việt 为您服务。',
    chat: '点击右下角按钮即可开始在线咨询。',
  },
  vi: {
    title: 'Ngân hàng Demo Banyan',
    tagline: 'Ngân hàng đơn giản — tại chi nhánh, trực tuyến và qua điện thoại, 24/7.',
    cards: 'Thẻ: báo mất thẻ, tăng hạn mức, thanh toán sao kê.',
    loans: 'Vay và vay mua nhà: lãi suất, hồ sơ, lịch trả nợ.',
    help: 'Cần hỗ trợ? Nhân viên của chúng tôi trả lời bằng Tiếng Việt, 中文 và English.',
    chat: 'Nhấn nút ở góc dưới bên phải để trò chuyện.',
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A demo "bank website" in three languages that embeds the widget exactly as a bank would. */
export function renderDemoPage(locale: Locale, siteKey: string): string {
  const t = TEXT[locale];
  const links = (['en', 'zh-CN', 'vi'] as const)
    .map(
      (l) =>
        `<a href="?lang=${l}"${l === locale ? ' aria-current="page"' : ''}>${{ en: 'English', 'zh-CN': '简体中文', vi: 'Tiếng Việt' }[l]}</a>`,
    )
    .join(' · ');
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#1b2b24;background:#f4f7f5}
header{background:#0b6e4f;color:#fff;padding:24px 32px}
header h1{margin:0 0 4px;font-size:28px}
nav{padding:8px 32px;background:#e3ede8}
nav a{color:#0b4f39}
main{padding:24px 32px;max-width:760px}
section{background:#fff;border-radius:8px;padding:16px 20px;margin:0 0 16px;box-shadow:0 1px 2px #0001}
</style>
</head>
<body>
<header><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.tagline)}</p></header>
<nav aria-label="Language">${links}</nav>
<main>
<section><p>${escapeHtml(t.cards)}</p></section>
<section><p>${escapeHtml(t.loans)}</p></section>
<section><p>${escapeHtml(t.help)}</p><p><strong>${escapeHtml(t.chat)}</strong></p></section>
</main>
<script src="/widget.js" data-site="${escapeHtml(siteKey)}" async></script>
</body>
</html>`;
}

export function webchatDemoRoutes() {
  return async (app: App) => {
    app.get('/demo-bank', { schema: { hide: true } }, async (request, reply) => {
      const lang = (request.query as { lang?: string }).lang;
      reply.type('text/html; charset=utf-8');
      return renderDemoPage(isLocale(lang) ? lang : request.locale, 'demo-bank');
    });
  };
}
