import { createHmac } from 'node:crypto';
import type { Clock } from '../../../platform/clock.ts';
import type { App } from '../../../platform/http.ts';
import { isLocale, type Locale } from '../../../platform/i18n.ts';
import type { CustomersService } from '../../customers/index.ts';
import type { WebchatService } from './webchat.service.ts';

/** The demo customer who "signs in" on the demo bank page, per page language (seeded personas). */
export const DEMO_CUSTOMER_NO: Record<Locale, string> = {
  vi: 'C0001001',
  'zh-CN': 'C0001002',
  en: 'C0001003',
};
const IDENTITY_TOKEN_SECONDS = 10 * 60;

/**
 * An identity token as a bank's own server makes it: `base64url(JSON {sub, exp})` `.`
 * `base64url(HMAC-SHA256(site identity secret, first part))`, exp in unix seconds.
 */
export function signIdentityToken(secret: string, customerNo: string, expSeconds: number): string {
  const body = Buffer.from(JSON.stringify({ sub: customerNo, exp: expSeconds })).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

const TEXT: Record<
  Locale,
  {
    title: string;
    tagline: string;
    cards: string;
    loans: string;
    help: string;
    chat: string;
    signIn: string;
    signOut: string;
    signedIn: string;
  }
> = {
  en: {
    title: 'Banyan Demo Bank',
    tagline: 'Banking made simple — in branches, online and on the phone, 24/7.',
    cards: 'Cards: report a lost card, raise your limit, pay your statement.',
    loans: 'Loans and mortgages: rates, applications, repayment schedules.',
    help: 'Need help? Our advisers answer in English, 中文 and Tiếng Việt.',
    chat: 'Open the chat with the button at the bottom right.',
    signIn: 'Sign in to online banking (demo customer)',
    signOut: 'Sign out',
    signedIn: 'Signed in as',
  },
  'zh-CN': {
    title: 'Banyan 演示银行',
    tagline: '网点、网上、电话，7×24小时，让银行服务更简单。',
    cards: '信用卡：挂失、提额、还款。',
    loans: '贷款与房贷：利率、申请、还款计划。',
    help: '需要帮助？我们的客服可用中文、English 和 Tiếng Việt 为您服务。',
    chat: '点击右下角按钮即可开始在线咨询。',
    signIn: '登录网上银行（演示客户）',
    signOut: '退出登录',
    signedIn: '已登录：',
  },
  vi: {
    title: 'Ngân hàng Demo Banyan',
    tagline: 'Ngân hàng đơn giản — tại chi nhánh, trực tuyến và qua điện thoại, 24/7.',
    cards: 'Thẻ: báo mất thẻ, tăng hạn mức, thanh toán sao kê.',
    loans: 'Vay và vay mua nhà: lãi suất, hồ sơ, lịch trả nợ.',
    help: 'Cần hỗ trợ? Nhân viên của chúng tôi trả lời bằng Tiếng Việt, 中文 và English.',
    chat: 'Nhấn nút ở góc dưới bên phải để trò chuyện.',
    signIn: 'Đăng nhập ngân hàng trực tuyến (khách hàng demo)',
    signOut: 'Đăng xuất',
    signedIn: 'Đã đăng nhập:',
  },
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A demo "bank website" in three languages that embeds the widget exactly as a bank would. Signed
 * in (`signedIn` given), the page carries the identity token its server signed, as
 * `data-identity-token` on the widget's script tag, and the chat links to that customer.
 */
export function renderDemoPage(
  locale: Locale,
  siteKey: string,
  signedIn: { name: string; identityToken: string } | null = null,
): string {
  const t = TEXT[locale];
  const mode = signedIn ? '&signed-in=1' : '';
  const links = (['en', 'zh-CN', 'vi'] as const)
    .map(
      (l) =>
        `<a href="?lang=${l}${mode}"${l === locale ? ' aria-current="page"' : ''}>${{ en: 'English', 'zh-CN': '简体中文', vi: 'Tiếng Việt' }[l]}</a>`,
    )
    .join(' · ');
  const account = signedIn
    ? `<p>${escapeHtml(t.signedIn)} <strong>${escapeHtml(signedIn.name)}</strong> · <a href="?lang=${locale}">${escapeHtml(t.signOut)}</a></p>`
    : `<p><a href="?lang=${locale}&signed-in=1">${escapeHtml(t.signIn)}</a></p>`;
  const identity = signedIn ? ` data-identity-token="${escapeHtml(signedIn.identityToken)}"` : '';
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
<nav aria-label="Account">${account}</nav>
<main>
<section><p>${escapeHtml(t.cards)}</p></section>
<section><p>${escapeHtml(t.loans)}</p></section>
<section><p>${escapeHtml(t.help)}</p><p><strong>${escapeHtml(t.chat)}</strong></p></section>
</main>
<script src="/widget.js" data-site="${escapeHtml(siteKey)}"${identity} async></script>
</body>
</html>`;
}

/**
 * `/demo-bank` (demo mode only). `?signed-in=1` plays the bank's signed-in page: this server signs
 * an identity token for a seeded demo customer with the demo site's own identity secret — what a
 * bank's server does with the secret it got from Banyan's administration.
 */
export function webchatDemoRoutes(deps: {
  webchat: WebchatService;
  customers: CustomersService;
  clock: Clock;
}) {
  return async (app: App) => {
    app.get('/demo-bank', { schema: { hide: true } }, async (request, reply) => {
      const query = request.query as { lang?: string; 'signed-in'?: string };
      const locale = isLocale(query.lang) ? query.lang : request.locale;
      let signedIn: { name: string; identityToken: string } | null = null;
      if (query['signed-in'] === '1') {
        const site = await deps.webchat.getSiteByKey('demo-bank');
        const customer = await deps.customers.findCustomerByCustomerNo(DEMO_CUSTOMER_NO[locale]);
        if (customer) {
          const exp = Math.floor(deps.clock.now().getTime() / 1000) + IDENTITY_TOKEN_SECONDS;
          signedIn = {
            name: customer.fullName,
            identityToken: signIdentityToken(site.identity_secret, customer.customerNo, exp),
          };
        }
      }
      reply.type('text/html; charset=utf-8');
      // The token is the visitor's own: never cached by a proxy.
      reply.header('cache-control', 'no-store');
      return renderDemoPage(locale, 'demo-bank', signedIn);
    });
  };
}
