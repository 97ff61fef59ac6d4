import type { App } from '../../platform/http.ts';
import { isLocale, type Locale } from '../../platform/i18n.ts';
import { createRateLimiter } from '../../platform/rate-limit.ts';
import type { WebchatService } from '../channels/webchat/index.ts';
import type { KnowledgeService, SearchHit } from './knowledge.service.ts';

const TEXT: Record<Locale, Record<string, string>> = {
  en: {
    title: 'Help center',
    search: 'Search help',
    searchButton: 'Search',
    menu: 'Topics',
    results: 'Results for',
    noResults: 'No article matches your search. Try other words, or chat with us.',
    helpful: 'Was this helpful?',
    yes: 'Yes',
    no: 'No',
    thanks: 'Thank you for your feedback.',
    chat: 'Chat with us',
    home: 'Help center home',
    translations: 'Also in',
    notFound: 'This article does not exist or is no longer published.',
  },
  'zh-CN': {
    title: '帮助中心',
    search: '搜索帮助',
    searchButton: '搜索',
    menu: '主题',
    results: '搜索结果：',
    noResults: '没有找到相关文章。请换个说法，或与我们在线交谈。',
    helpful: '这篇文章有帮助吗？',
    yes: '有帮助',
    no: '没有帮助',
    thanks: '感谢您的反馈。',
    chat: '在线咨询',
    home: '帮助中心首页',
    translations: '其他语言',
    notFound: '该文章不存在或已下线。',
  },
  vi: {
    title: 'Trung tâm trợ giúp',
    search: 'Tìm trợ giúp',
    searchButton: 'Tìm',
    menu: 'Chủ đề',
    results: 'Kết quả cho',
    noResults: 'Không có bài viết phù hợp. Hãy thử từ khác, hoặc trò chuyện với chúng tôi.',
    helpful: 'Bài viết này có hữu ích không?',
    yes: 'Có',
    no: 'Không',
    thanks: 'Cảm ơn phản hồi của bạn.',
    chat: 'Trò chuyện với chúng tôi',
    home: 'Trang chủ trợ giúp',
    translations: 'Ngôn ngữ khác',
    notFound: 'Bài viết không tồn tại hoặc không còn được đăng.',
  },
};
const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文', vi: 'Tiếng Việt' };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type Category = Awaited<ReturnType<KnowledgeService['listCategories']>>[number];

function page(input: {
  locale: Locale;
  title: string;
  categories: Category[];
  query?: string;
  main: string;
  siteKey: string | null;
  alternates?: Array<{ locale: string; href: string }>;
}): string {
  const t = TEXT[input.locale];
  const base = `/help/${input.locale}`;
  const tree = (parentId: string | null): string => {
    const children = input.categories.filter((c) => c.parentId === parentId);
    if (children.length === 0) return '';
    return `<ul>${children
      .map(
        (c) =>
          `<li><a href="${base}/categories/${c.id}">${escapeHtml(c.names[input.locale] || c.names.en)}</a>${tree(c.id)}</li>`,
      )
      .join('')}</ul>`;
  };
  const languages = (['en', 'zh-CN', 'vi'] as const)
    .map(
      (l) =>
        `<a href="/help/${l}" hreflang="${l}" lang="${l}"${l === input.locale ? ' aria-current="page"' : ''}>${LANGUAGE_NAMES[l]}</a>`,
    )
    .join(' · ');
  const alternates = (input.alternates ?? [])
    .map((a) => `<link rel="alternate" hreflang="${a.locale}" href="${escapeHtml(a.href)}">`)
    .join('');
  return `<!doctype html>
<html lang="${input.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)} · ${escapeHtml(t.title ?? '')}</title>${alternates}
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#1b2b24;background:#f4f7f5;line-height:1.5}
header{background:#0b6e4f;color:#fff;padding:16px 24px}header a{color:#fff}
header h1{margin:0;font-size:22px}
.langs{padding:6px 24px;background:#e3ede8}.langs a{color:#0b4f39}
.wrap{display:flex;gap:24px;padding:16px 24px;flex-wrap:wrap}
nav.menu{flex:0 0 240px}nav.menu ul{padding-left:16px;margin:4px 0}nav.menu a{color:#0b4f39}
main{flex:1 1 420px;max-width:780px;background:#fff;border-radius:8px;padding:16px 24px;box-shadow:0 1px 2px #0001}
form.search{display:flex;gap:8px;margin:0 0 16px}form.search input{flex:1;padding:8px;font-size:16px}
button,.button{background:#0b6e4f;color:#fff;border:0;border-radius:6px;padding:8px 14px;font-size:15px;cursor:pointer;text-decoration:none}
mark{background:#fff2a8}
.hit{margin:0 0 14px}.hit a{font-size:17px;color:#0b4f39}
table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:4px 8px}
img{max-width:100%}
</style>
</head>
<body>
<header><h1><a href="${base}">${escapeHtml(t.title ?? '')}</a></h1></header>
<nav class="langs" aria-label="Language">${languages}</nav>
<div class="wrap">
<nav class="menu" aria-label="${escapeHtml(t.menu ?? '')}"><h2>${escapeHtml(t.menu ?? '')}</h2>${tree(null)}</nav>
<main>
<form class="search" role="search" action="${base}/search" method="get">
<input type="search" name="q" aria-label="${escapeHtml(t.search ?? '')}" placeholder="${escapeHtml(t.search ?? '')}" value="${escapeHtml(input.query ?? '')}">
<button type="submit">${escapeHtml(t.searchButton ?? '')}</button>
</form>
${input.main}
<p><button type="button" id="help-chat" data-chat>${escapeHtml(t.chat ?? '')}</button></p>
</main>
</div>
<script src="/help/help.js" defer></script>
${input.siteKey ? `<script src="/widget.js" data-site="${escapeHtml(input.siteKey)}" async></script>` : ''}
</body>
</html>`;
}

// The only script of the help pages (CSP forbids inline script): the chat button opens the widget
// through its own launcher, so the widget keeps its state and accessibility.
const HELP_JS = `document.addEventListener('click',function(e){var b=e.target&&e.target.closest&&e.target.closest('[data-chat]');if(!b)return;var l=document.getElementById('banyan-launcher');if(l&&l.getAttribute('aria-expanded')!=='true')l.click();});`;

const hitList = (base: string, items: SearchHit[], searchId: string | null) =>
  items
    .map(
      (h) =>
        `<div class="hit"><a href="${base}/articles/${h.id}${searchId ? `?s=${searchId}` : ''}">${h.titleHtml}</a><p>${h.snippet}</p></div>`,
    )
    .join('');

/**
 * The public help center, server-rendered per language: `/help/:locale`, its categories, search
 * and articles, with "was this helpful" as a plain form (works without JavaScript).
 */
export function helpCenterRoutes(deps: {
  knowledge: KnowledgeService;
  webchat: WebchatService;
  siteKey?: string;
}) {
  const { knowledge, webchat } = deps;
  const wantedSite = deps.siteKey ?? 'demo-bank';
  async function siteKey(): Promise<string | null> {
    try {
      await webchat.getSiteByKey(wantedSite);
      return wantedSite;
    } catch {
      return null;
    }
  }
  const localeOf = (value: string) => (isLocale(value) ? value : null);
  // Anonymous votes move search ranking (helpful counts are a ranking signal): a client address gets
  // a few votes per article an hour (a branch's shared address still counts several customers) and a
  // bounded number overall; votes past that are thanked but not counted.
  const votesPerArticle = createRateLimiter({ limit: 5, windowMs: 60 * 60_000 });
  const votesPerIp = createRateLimiter({ limit: 30, windowMs: 60_000 });

  return async (app: App) => {
    app.get('/help/help.js', { schema: { hide: true } }, async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return reply.type('text/javascript; charset=utf-8').send(HELP_JS);
    });
    app.get('/help', { schema: { hide: true } }, async (request, reply) =>
      reply.redirect(`/help/${request.locale}`),
    );

    app.get('/help/:locale', { schema: { hide: true } }, async (request, reply) => {
      const locale = localeOf((request.params as { locale: string }).locale);
      if (!locale) return reply.callNotFound();
      const categories = await knowledge.listCategories(null);
      const t = TEXT[locale];
      const top = categories.filter((c) => c.parentId === null);
      const main = `<h2>${escapeHtml(t.menu ?? '')}</h2><ul>${top
        .map(
          (c) =>
            `<li><a href="/help/${locale}/categories/${c.id}">${escapeHtml(c.names[locale] || c.names.en)}</a></li>`,
        )
        .join('')}</ul>`;
      reply.type('text/html; charset=utf-8');
      return page({ locale, title: t.title ?? '', categories, main, siteKey: await siteKey() });
    });

    app.get('/help/:locale/search', { schema: { hide: true } }, async (request, reply) => {
      const locale = localeOf((request.params as { locale: string }).locale);
      if (!locale) return reply.callNotFound();
      const q = String((request.query as { q?: string }).q ?? '').slice(0, 5000);
      const [categories, result] = await Promise.all([
        knowledge.listCategories(null),
        knowledge.search(null, { q, locale, source: 'help', limit: 20 }),
      ]);
      const t = TEXT[locale];
      const main = `<h2>${escapeHtml(t.results ?? '')} “${escapeHtml(q)}”</h2>${
        result.items.length
          ? hitList(`/help/${locale}`, result.items, result.searchId)
          : `<p>${escapeHtml(t.noResults ?? '')}</p>`
      }`;
      reply.type('text/html; charset=utf-8');
      reply.header('cache-control', 'no-store');
      return page({ locale, title: q, categories, query: q, main, siteKey: await siteKey() });
    });

    app.get('/help/:locale/categories/:id', { schema: { hide: true } }, async (request, reply) => {
      const params = request.params as { locale: string; id: string };
      const locale = localeOf(params.locale);
      if (!locale || !/^[0-9a-f-]{36}$/.test(params.id)) return reply.callNotFound();
      const categories = await knowledge.listCategories(null);
      const category = categories.find((c) => c.id === params.id);
      if (!category) return reply.callNotFound();
      const articles = await knowledge.listPublicArticles(locale, params.id);
      const main = `<h2>${escapeHtml(category.names[locale] || category.names.en)}</h2><ul>${articles
        .map((a) => `<li><a href="/help/${locale}/articles/${a.id}">${escapeHtml(a.title)}</a></li>`)
        .join('')}</ul>`;
      reply.type('text/html; charset=utf-8');
      return page({
        locale,
        title: category.names[locale] || category.names.en,
        categories,
        main,
        siteKey: await siteKey(),
      });
    });

    app.get('/help/:locale/articles/:id', { schema: { hide: true } }, async (request, reply) => {
      const params = request.params as { locale: string; id: string };
      const query = request.query as { s?: string; thanks?: string };
      const locale = localeOf(params.locale);
      if (!locale || !/^[0-9a-f-]{36}$/.test(params.id)) return reply.callNotFound();
      const t = TEXT[locale];
      const categories = await knowledge.listCategories(null);
      let article: Awaited<ReturnType<KnowledgeService['getArticle']>>;
      try {
        article = await knowledge.getArticle(null, params.id);
      } catch {
        reply.code(404).type('text/html; charset=utf-8');
        return page({
          locale,
          title: t.notFound ?? '',
          categories,
          main: `<p>${escapeHtml(t.notFound ?? '')}</p>`,
          siteKey: null,
        });
      }
      const searchId = query.s && /^[0-9a-f-]{36}$/.test(query.s) ? query.s : null;
      await knowledge.openResult(null, searchId, article.id).catch(() => undefined);
      const translations = article.translations.length
        ? `<p>${escapeHtml(t.translations ?? '')}: ${article.translations
            .map(
              (tr) =>
                `<a href="/help/${tr.locale}/articles/${tr.id}" hreflang="${tr.locale}" lang="${tr.locale}">${escapeHtml(tr.title)}</a>`,
            )
            .join(' · ')}</p>`
        : '';
      const feedback =
        query.thanks === '1'
          ? `<p role="status">${escapeHtml(t.thanks ?? '')}</p>`
          : `<form method="post" action="/help/${locale}/articles/${article.id}/feedback"><fieldset><legend>${escapeHtml(t.helpful ?? '')}</legend>
<button type="submit" name="helpful" value="yes">${escapeHtml(t.yes ?? '')}</button>
<button type="submit" name="helpful" value="no">${escapeHtml(t.no ?? '')}</button></fieldset></form>`;
      // The body was sanitized when it was stored (knowledge.html.ts).
      const main = `<article lang="${article.locale}"><h2>${escapeHtml(article.title)}</h2>${article.bodyHtml}</article>${translations}${feedback}`;
      reply.type('text/html; charset=utf-8');
      return page({
        locale,
        title: article.title,
        categories,
        main,
        siteKey: await siteKey(),
        alternates: article.translations.map((tr) => ({
          locale: tr.locale,
          href: `/help/${tr.locale}/articles/${tr.id}`,
        })),
      });
    });

    // "Was this helpful" without JavaScript: a form post, then back to the article.
    await app.register(async (forms: App) => {
      forms.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: 1024 },
        (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
      );
      forms.post(
        '/help/:locale/articles/:id/feedback',
        { schema: { hide: true } },
        async (request, reply) => {
          const params = request.params as { locale: string; id: string };
          const locale = localeOf(params.locale);
          if (!locale || !/^[0-9a-f-]{36}$/.test(params.id)) return reply.callNotFound();
          const body = (request.body ?? {}) as { helpful?: string };
          if (votesPerIp.hit(request.ip) && votesPerArticle.hit(`${request.ip} ${params.id}`)) {
            await knowledge.giveFeedback(null, params.id, {
              isHelpful: body.helpful === 'yes',
              source: 'help',
            });
          }
          return reply.redirect(`/help/${locale}/articles/${params.id}?thanks=1`, 303);
        },
      );
    });
  };
}
