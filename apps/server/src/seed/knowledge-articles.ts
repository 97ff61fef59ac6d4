/**
 * Demo knowledge base of the Banyan Demo Bank, written for Banyan (no text copied from any bank).
 * Figures (fees, limits, hotline) are the demo bank's own and consistent across the three languages.
 * Each topic is one article with an English, a Chinese and a Vietnamese variant (translations).
 */
import { MORE_SYNONYMS, MORE_TOPICS } from './knowledge-articles-more.ts';

export type CategoryKey =
  | 'cards'
  | 'cards_lost'
  | 'cards_credit'
  | 'accounts'
  | 'ebanking'
  | 'transfers'
  | 'loans'
  | 'fees'
  | 'fx'
  | 'complaints'
  | 'contact';

export const DEMO_CATEGORIES: Array<{
  key: CategoryKey;
  parent?: CategoryKey;
  names: { en: string; 'zh-CN': string; vi: string };
}> = [
  { key: 'cards', names: { en: 'Cards', 'zh-CN': '银行卡', vi: 'Thẻ' } },
  {
    key: 'cards_lost',
    parent: 'cards',
    names: {
      en: 'Lost, stolen or retained cards',
      'zh-CN': '挂失与吞卡',
      vi: 'Mất thẻ, bị đánh cắp, bị nuốt thẻ',
    },
  },
  {
    key: 'cards_credit',
    parent: 'cards',
    names: { en: 'Credit cards', 'zh-CN': '信用卡', vi: 'Thẻ tín dụng' },
  },
  { key: 'accounts', names: { en: 'Accounts', 'zh-CN': '账户', vi: 'Tài khoản' } },
  {
    key: 'ebanking',
    names: { en: 'Online and mobile banking', 'zh-CN': '网上银行与手机银行', vi: 'Ngân hàng điện tử' },
  },
  { key: 'transfers', names: { en: 'Transfers', 'zh-CN': '转账汇款', vi: 'Chuyển tiền' } },
  { key: 'loans', names: { en: 'Loans', 'zh-CN': '贷款', vi: 'Khoản vay' } },
  { key: 'fees', names: { en: 'Fees and limits', 'zh-CN': '费用与限额', vi: 'Phí và hạn mức' } },
  { key: 'fx', names: { en: 'Foreign exchange', 'zh-CN': '外汇', vi: 'Ngoại tệ' } },
  { key: 'complaints', names: { en: 'Complaints', 'zh-CN': '投诉', vi: 'Khiếu nại' } },
  {
    key: 'contact',
    names: { en: 'Branches and contact', 'zh-CN': '网点与联系方式', vi: 'Chi nhánh và liên hệ' },
  },
];

export interface DemoVariant {
  title: string;
  body: string;
  answer: string;
  tags: string[];
}

export interface DemoTopic {
  key: string;
  category: CategoryKey;
  products: string[];
  visibility: 'public' | 'internal';
  en: DemoVariant;
  'zh-CN': DemoVariant;
  vi: DemoVariant;
}

export const DEMO_SYNONYMS: string[][] = [
  ['credit card', '信用卡', 'thẻ tín dụng'],
  ['debit card', '借记卡', 'thẻ ghi nợ'],
  ['report lost', '挂失', 'báo mất'],
  ['lost', '丢失', 'mất'],
  ['stolen', '被盗', 'đánh cắp'],
  ['card retained', '吞卡', 'nuốt thẻ'],
  ['online banking', '网上银行', '网银', 'ngân hàng điện tử', 'internet banking'],
  ['mobile app', '手机银行', 'ứng dụng', 'app'],
  ['transfer', '转账', 'chuyển khoản', 'chuyển tiền'],
  ['loan', '贷款', 'khoản vay', 'vay'],
  ['fee', '手续费', 'phí'],
  ['exchange rate', '汇率', 'tỷ giá'],
  ['complaint', '投诉', 'khiếu nại'],
  ['pin', '密码', 'mã pin'],
  ['otp', '验证码', 'mã otp'],
  ['freeze', '冻结', 'khóa'],
  ['statement', '账单', 'sao kê'],
  ['limit', '额度', 'hạn mức'],
  ...MORE_SYNONYMS,
];

const p = (...lines: string[]) => lines.map((l) => `<p>${l}</p>`).join('');
const ul = (...items: string[]) => `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
const ol = (...items: string[]) => `<ol>${items.map((i) => `<li>${i}</li>`).join('')}</ol>`;
const h = (text: string) => `<h2>${text}</h2>`;

export const DEMO_TOPICS: DemoTopic[] = [
  {
    key: 'lost-card',
    category: 'cards_lost',
    products: ['credit_card', 'debit_card'],
    visibility: 'public',
    en: {
      title: 'Lost or stolen card: block it and order a replacement',
      body:
        p(
          'If your debit or credit card is lost or stolen, block it straight away so that nobody can use it.',
        ) +
        h('Block the card') +
        ol(
          'Open the Banyan Bank app and sign in.',
          'Go to Cards, choose the card and tap Block card.',
          'Choose the reason "Lost" or "Stolen". The block takes effect at once.',
        ) +
        p('No app? Call the 24/7 hotline 1900 1234 (from abroad +84 24 3900 1234).') +
        h('Replacement') +
        p(
          'A replacement card with a new number is ready in 5 working days at your branch, or 7 working days by post. The replacement fee for a lost card is 100,000 VND; a stolen card reported to the police is replaced free of charge.',
        ) +
        p(
          'Check your recent transactions. If you see a payment you did not make, raise a dispute within 60 days.',
        ),
      answer:
        'Please block the card at once in the Banyan Bank app (Cards → Block card) or call our 24/7 hotline 1900 1234. A replacement with a new number is ready in 5 working days at your branch; the fee is 100,000 VND, free if the card was stolen and reported to the police.',
      tags: ['lost card', 'stolen card', 'block card', 'replacement'],
    },
    'zh-CN': {
      title: '银行卡丢失或被盗：立即挂失并补办新卡',
      body:
        p('借记卡或信用卡丢失、被盗时，请立即挂失冻结，防止被盗用。') +
        h('挂失冻结') +
        ol(
          '打开 Banyan 银行手机银行并登录。',
          '进入"银行卡"，选择该卡，点击"冻结卡片"。',
          '选择原因"丢失"或"被盗"，冻结立即生效。',
        ) +
        p('无法使用手机银行时，请拨打 24 小时客服热线 1900 1234（境外请拨 +84 24 3900 1234）。') +
        h('补办新卡') +
        p(
          '新卡号码会更换。网点领取需 5 个工作日，邮寄需 7 个工作日。丢失补卡费为 100,000 越南盾；被盗并已报警的，免费补办。',
        ) +
        p('请核对近期交易。如发现非本人交易，请在 60 天内提出争议。'),
      answer:
        '请立即在 Banyan 银行手机银行（银行卡 → 冻结卡片）挂失，或拨打 24 小时热线 1900 1234。新卡 5 个工作日可在网点领取，补卡费 100,000 越南盾；被盗并已报警的免费。',
      tags: ['挂失', '丢卡', '被盗', '冻结', '补卡'],
    },
    vi: {
      title: 'Mất thẻ hoặc bị đánh cắp thẻ: khóa thẻ và làm lại thẻ',
      body:
        p(
          'Khi bị mất hoặc bị đánh cắp thẻ ghi nợ hay thẻ tín dụng, quý khách hãy khóa thẻ ngay để không ai sử dụng được.',
        ) +
        h('Khóa thẻ') +
        ol(
          'Mở ứng dụng Banyan Bank và đăng nhập.',
          'Vào mục Thẻ, chọn thẻ cần khóa, nhấn Khóa thẻ.',
          'Chọn lý do "Mất thẻ" hoặc "Bị đánh cắp". Thẻ bị khóa ngay lập tức.',
        ) +
        p('Không dùng được ứng dụng? Gọi tổng đài 24/7 1900 1234 (từ nước ngoài: +84 24 3900 1234).') +
        h('Làm lại thẻ') +
        p(
          'Thẻ mới có số thẻ mới, nhận tại chi nhánh sau 5 ngày làm việc hoặc qua bưu điện sau 7 ngày làm việc. Phí phát hành lại do mất thẻ là 100.000 VND; thẻ bị đánh cắp đã trình báo công an được làm lại miễn phí.',
        ) +
        p(
          'Hãy kiểm tra các giao dịch gần đây. Nếu có giao dịch không phải của quý khách, hãy gửi yêu cầu tra soát trong vòng 60 ngày.',
        ),
      answer:
        'Quý khách vui lòng khóa thẻ ngay trên ứng dụng Banyan Bank (Thẻ → Khóa thẻ) hoặc gọi tổng đài 24/7 1900 1234. Thẻ mới nhận tại chi nhánh sau 5 ngày làm việc, phí 100.000 VND; miễn phí nếu thẻ bị đánh cắp và đã trình báo công an.',
      tags: ['mất thẻ', 'mất thẻ tín dụng', 'khóa thẻ', 'bị đánh cắp', 'làm lại thẻ'],
    },
  },
  {
    key: 'atm-retained',
    category: 'cards_lost',
    products: ['debit_card', 'credit_card'],
    visibility: 'public',
    en: {
      title: 'The ATM kept my card (card retained or swallowed)',
      body:
        p(
          'An ATM keeps a card when the PIN is entered wrongly three times, when the card is not taken back within 30 seconds, or when the machine has a fault.',
        ) +
        h('What to do') +
        ul(
          'Note the ATM location, the time and the machine number shown on its sticker.',
          'If it is a Banyan Bank ATM, call 1900 1234: we block nothing, the card is kept safe and returned.',
          "If it is another bank's ATM, we block the card for your safety and issue a new one free of charge.",
        ) +
        h('Getting the card back') +
        p(
          'Cards retained in our own ATMs can be collected at the branch that runs the ATM after 2 working days, with your ID card or passport. Uncollected cards are destroyed after 30 days.',
        ),
      answer:
        "Please note the ATM location and time and call 1900 1234. If it is one of our ATMs, you can collect the card at the managing branch after 2 working days with your ID; at another bank's ATM we block the card and issue a new one free of charge.",
      tags: ['card retained', 'ATM swallowed card', 'ATM kept card'],
    },
    'zh-CN': {
      title: 'ATM 吞卡怎么办',
      body:
        p('以下情况 ATM 会吞卡：密码连续输错三次、30 秒内未取回卡片、机器故障。') +
        h('处理方法') +
        ul(
          '记下 ATM 的位置、时间以及机身上的机器编号。',
          '如是 Banyan 银行的 ATM，请致电 1900 1234，卡片会被妥善保管并退还。',
          '如是他行 ATM，为安全起见我们会冻结该卡，并免费补发新卡。',
        ) +
        h('领回卡片') +
        p(
          '被本行 ATM 吞的卡，2 个工作日后可凭身份证或护照到管理该 ATM 的网点领取。30 天未领取的卡片将被销毁。',
        ),
      answer:
        '请记下 ATM 位置和时间，并致电 1900 1234。本行 ATM 吞卡的，2 个工作日后可凭身份证到管理网点领取；他行 ATM 吞卡的，我们会冻结该卡并免费补发新卡。',
      tags: ['吞卡', 'ATM', '取回卡片'],
    },
    vi: {
      title: 'ATM nuốt thẻ (giữ thẻ) phải làm sao',
      body:
        p('ATM giữ thẻ khi nhập sai mã PIN 3 lần, không rút thẻ trong 30 giây hoặc máy gặp sự cố.') +
        h('Cần làm gì') +
        ul(
          'Ghi lại địa điểm ATM, thời gian và số máy trên nhãn dán của máy.',
          'Nếu là ATM của Banyan Bank, gọi 1900 1234: thẻ được giữ an toàn và trả lại cho quý khách.',
          'Nếu là ATM ngân hàng khác, chúng tôi khóa thẻ để bảo đảm an toàn và phát hành thẻ mới miễn phí.',
        ) +
        h('Nhận lại thẻ') +
        p(
          'Thẻ bị giữ tại ATM của chúng tôi được nhận lại tại chi nhánh quản lý ATM sau 2 ngày làm việc, mang theo CCCD hoặc hộ chiếu. Thẻ không được nhận sau 30 ngày sẽ bị hủy.',
        ),
      answer:
        'Quý khách vui lòng ghi lại địa điểm, thời gian và gọi 1900 1234. Nếu là ATM của Banyan Bank, quý khách nhận lại thẻ tại chi nhánh quản lý sau 2 ngày làm việc (mang CCCD); nếu là ATM ngân hàng khác, chúng tôi khóa thẻ và làm thẻ mới miễn phí.',
      tags: ['nuốt thẻ', 'ATM giữ thẻ', 'nhận lại thẻ'],
    },
  },
  {
    key: 'credit-limit',
    category: 'cards_credit',
    products: ['credit_card'],
    visibility: 'public',
    en: {
      title: 'Raise or lower your credit card limit',
      body:
        p(
          'You can ask for a higher credit limit after 6 months with the card, if all statements were paid on time.',
        ) +
        ol(
          'In the app, go to Cards → Credit limit.',
          'Enter the new limit you want and your monthly income.',
          'Upload your latest 3 salary slips or bank statements if asked.',
        ) +
        p(
          'Most requests are answered within 2 working days. A temporary increase for travel (up to 30 days) is answered within 4 hours. Lowering your limit takes effect at once.',
        ),
      answer:
        'You can request a new limit in the app under Cards → Credit limit. An increase needs 6 months of on-time payments and is answered within 2 working days; a lower limit applies at once.',
      tags: ['credit limit', 'increase limit', 'temporary limit'],
    },
    'zh-CN': {
      title: '调整信用卡额度（提额或降额）',
      body:
        p('持卡满 6 个月且每期账单均按时还款，即可申请提高信用额度。') +
        ol(
          '在手机银行进入"银行卡 → 信用额度"。',
          '输入希望的新额度和月收入。',
          '如有要求，上传最近 3 个月的工资单或银行流水。',
        ) +
        p('一般 2 个工作日内答复。出行临时提额（最长 30 天）4 小时内答复。降低额度立即生效。'),
      answer:
        '可在手机银行"银行卡 → 信用额度"申请。提额需持卡满 6 个月且按时还款，2 个工作日内答复；降额立即生效。',
      tags: ['提额', '信用额度', '临时额度'],
    },
    vi: {
      title: 'Tăng hoặc giảm hạn mức thẻ tín dụng',
      body:
        p(
          'Quý khách có thể đề nghị tăng hạn mức tín dụng sau 6 tháng sử dụng thẻ, nếu mọi sao kê đều được thanh toán đúng hạn.',
        ) +
        ol(
          'Trên ứng dụng, vào Thẻ → Hạn mức tín dụng.',
          'Nhập hạn mức mong muốn và thu nhập hằng tháng.',
          'Tải lên 3 bảng lương hoặc sao kê tài khoản gần nhất nếu được yêu cầu.',
        ) +
        p(
          'Phần lớn yêu cầu được trả lời trong 2 ngày làm việc. Tăng hạn mức tạm thời khi đi du lịch (tối đa 30 ngày) được trả lời trong 4 giờ. Giảm hạn mức có hiệu lực ngay.',
        ),
      answer:
        'Quý khách đề nghị hạn mức mới trên ứng dụng tại Thẻ → Hạn mức tín dụng. Tăng hạn mức cần 6 tháng thanh toán đúng hạn và được trả lời trong 2 ngày làm việc; giảm hạn mức có hiệu lực ngay.',
      tags: ['hạn mức', 'tăng hạn mức', 'thẻ tín dụng'],
    },
  },
  {
    key: 'credit-statement',
    category: 'cards_credit',
    products: ['credit_card'],
    visibility: 'public',
    en: {
      title: 'Credit card statement, due date and minimum payment',
      body:
        p(
          'Your statement is issued on the 25th of each month. Payment is due 20 days later, on the 15th of the following month.',
        ) +
        ul(
          'Pay the full balance by the due date and you pay no interest on purchases.',
          'The minimum payment is 5% of the balance, at least 200,000 VND.',
          'If you pay less than the full balance, interest of 2.5% a month applies from the transaction date.',
          'A late payment fee of 4% of the minimum payment (at least 100,000 VND) applies after the due date.',
        ) +
        p(
          'Set up automatic payment from your Banyan account in the app under Cards → Auto-pay, so you never miss a due date.',
        ),
      answer:
        'Statements are issued on the 25th and payment is due on the 15th of the next month. Paying the full balance means no interest; the minimum is 5% of the balance (at least 200,000 VND). You can set up Auto-pay in the app under Cards → Auto-pay.',
      tags: ['statement', 'due date', 'minimum payment', 'interest'],
    },
    'zh-CN': {
      title: '信用卡账单、还款日与最低还款额',
      body:
        p('账单日为每月 25 日，到期还款日为 20 天后，即次月 15 日。') +
        ul(
          '到期前全额还款，消费免息。',
          '最低还款额为账单金额的 5%，最低 200,000 越南盾。',
          '未全额还款的，自交易日起按每月 2.5% 计息。',
          '逾期还款收取最低还款额 4% 的滞纳金（最低 100,000 越南盾）。',
        ) +
        p('可在手机银行"银行卡 → 自动还款"设置从 Banyan 账户自动还款，避免逾期。'),
      answer:
        '账单日为每月 25 日，还款日为次月 15 日。全额还款免息；最低还款额为账单金额的 5%（最低 200,000 越南盾）。可在手机银行设置自动还款。',
      tags: ['账单', '还款日', '最低还款', '利息'],
    },
    vi: {
      title: 'Sao kê thẻ tín dụng, ngày đến hạn và số tiền thanh toán tối thiểu',
      body:
        p(
          'Sao kê được lập vào ngày 25 hằng tháng. Hạn thanh toán là 20 ngày sau, tức ngày 15 tháng kế tiếp.',
        ) +
        ul(
          'Thanh toán toàn bộ dư nợ trước hạn thì không bị tính lãi giao dịch mua sắm.',
          'Số tiền thanh toán tối thiểu là 5% dư nợ, tối thiểu 200.000 VND.',
          'Nếu thanh toán ít hơn toàn bộ dư nợ, lãi 2,5%/tháng được tính từ ngày giao dịch.',
          'Phí chậm thanh toán 4% số tiền tối thiểu (tối thiểu 100.000 VND) sau ngày đến hạn.',
        ) +
        p(
          'Cài đặt trích nợ tự động từ tài khoản Banyan trên ứng dụng tại Thẻ → Thanh toán tự động để không bao giờ trễ hạn.',
        ),
      answer:
        'Sao kê lập ngày 25, hạn thanh toán ngày 15 tháng sau. Thanh toán toàn bộ dư nợ thì không tính lãi; tối thiểu là 5% dư nợ (ít nhất 200.000 VND). Quý khách có thể cài thanh toán tự động trên ứng dụng.',
      tags: ['sao kê', 'ngày đến hạn', 'thanh toán tối thiểu', 'lãi'],
    },
  },
  {
    key: 'pin-reset',
    category: 'cards',
    products: ['debit_card', 'credit_card'],
    visibility: 'public',
    en: {
      title: 'Forgot your card PIN: set a new one',
      body:
        p('You can set a new PIN in the app without visiting a branch.') +
        ol(
          'Go to Cards and choose the card.',
          'Tap Set new PIN and confirm with the OTP sent to your phone.',
          'Enter the new 6-digit PIN twice.',
        ) +
        p(
          'The new PIN works at once at ATMs and card terminals. If your card was locked after three wrong PINs, setting a new PIN unlocks it. Never tell anyone your PIN — Banyan Bank staff will never ask for it.',
        ),
      answer:
        'You can set a new PIN in the app: Cards → choose the card → Set new PIN, confirmed by OTP. It works at once and also unlocks a card locked after three wrong PINs. Our staff will never ask for your PIN.',
      tags: ['PIN', 'forgot PIN', 'card locked'],
    },
    'zh-CN': {
      title: '忘记银行卡密码：重置密码',
      body:
        p('无需前往网点，在手机银行即可重置密码。') +
        ol(
          '进入"银行卡"，选择该卡。',
          '点击"重置密码"，输入手机收到的验证码确认。',
          '输入两次新的 6 位密码。',
        ) +
        p(
          '新密码在 ATM 和刷卡机上立即生效。因密码输错三次被锁的卡，重置密码后自动解锁。请勿向任何人透露密码，银行工作人员绝不会索要您的密码。',
        ),
      answer:
        '可在手机银行"银行卡 → 重置密码"通过验证码重置，新密码立即生效，并可解锁因输错三次被锁的卡。银行工作人员绝不会索要您的密码。',
      tags: ['密码', '忘记密码', '锁卡'],
    },
    vi: {
      title: 'Quên mã PIN thẻ: đặt lại mã PIN mới',
      body:
        p('Quý khách có thể đặt lại mã PIN trên ứng dụng mà không cần đến chi nhánh.') +
        ol(
          'Vào Thẻ và chọn thẻ.',
          'Nhấn Đặt lại mã PIN và xác nhận bằng mã OTP gửi đến điện thoại.',
          'Nhập mã PIN mới gồm 6 chữ số hai lần.',
        ) +
        p(
          'Mã PIN mới có hiệu lực ngay tại ATM và máy POS. Thẻ bị khóa do nhập sai PIN 3 lần sẽ được mở lại khi đặt PIN mới. Không cung cấp mã PIN cho bất kỳ ai — nhân viên Banyan Bank không bao giờ hỏi mã PIN.',
        ),
      answer:
        'Quý khách đặt lại mã PIN trên ứng dụng: Thẻ → chọn thẻ → Đặt lại mã PIN, xác nhận bằng OTP. Mã mới có hiệu lực ngay và mở khóa thẻ bị khóa do nhập sai 3 lần. Nhân viên ngân hàng không bao giờ hỏi mã PIN.',
      tags: ['mã PIN', 'quên PIN', 'khóa thẻ'],
    },
  },
  {
    key: 'card-abroad',
    category: 'cards',
    products: ['debit_card', 'credit_card'],
    visibility: 'public',
    en: {
      title: 'Using your card abroad and online with foreign merchants',
      body:
        p(
          'Cards are issued with overseas and online payments switched off, to protect you from fraud. Switch them on before you travel.',
        ) +
        ul(
          'In the app: Cards → Card settings → Overseas payments / Online payments.',
          'A foreign transaction fee of 2.5% of the amount applies to payments in a foreign currency or at a foreign merchant.',
          'Cash withdrawals abroad cost 4% (at least 60,000 VND) plus any fee of the local ATM owner.',
        ) +
        p(
          "Take the hotline number +84 24 3900 1234 with you; it is free to call from abroad through the app's Call us button.",
        ),
      answer:
        'Please switch on overseas and online payments in the app under Cards → Card settings before you travel. Payments in foreign currency carry a 2.5% fee and cash withdrawals abroad 4% (at least 60,000 VND).',
      tags: ['travel', 'overseas payment', 'foreign transaction fee'],
    },
    'zh-CN': {
      title: '境外用卡与境外网站支付',
      body:
        p('为防范盗刷，新卡默认关闭境外支付和网上支付。出行前请先开通。') +
        ul(
          '手机银行：银行卡 → 卡片设置 → 境外支付 / 网上支付。',
          '外币交易或境外商户交易收取交易金额 2.5% 的货币转换费。',
          '境外 ATM 取现收取 4%（最低 60,000 越南盾），另加当地 ATM 所属行可能收取的费用。',
        ) +
        p('请随身记下热线 +84 24 3900 1234；通过手机银行的"联系我们"按钮拨打免费。'),
      answer:
        '出行前请在手机银行"银行卡 → 卡片设置"开通境外支付和网上支付。外币交易收取 2.5% 手续费，境外取现收取 4%（最低 60,000 越南盾）。',
      tags: ['境外', '出国', '货币转换费'],
    },
    vi: {
      title: 'Dùng thẻ ở nước ngoài và thanh toán trực tuyến với đơn vị nước ngoài',
      body:
        p(
          'Để phòng chống gian lận, thẻ mới được phát hành với chức năng thanh toán nước ngoài và trực tuyến bị tắt. Hãy bật trước khi đi du lịch.',
        ) +
        ul(
          'Trên ứng dụng: Thẻ → Cài đặt thẻ → Thanh toán nước ngoài / Thanh toán trực tuyến.',
          'Phí giao dịch ngoại tệ 2,5% số tiền áp dụng cho thanh toán bằng ngoại tệ hoặc tại đơn vị nước ngoài.',
          'Rút tiền mặt ở nước ngoài: phí 4% (tối thiểu 60.000 VND) cộng phí của chủ ATM tại nước sở tại nếu có.',
        ) +
        p(
          'Hãy mang theo số tổng đài +84 24 3900 1234; gọi miễn phí từ nước ngoài qua nút Gọi cho chúng tôi trên ứng dụng.',
        ),
      answer:
        'Quý khách vui lòng bật thanh toán nước ngoài và trực tuyến trên ứng dụng tại Thẻ → Cài đặt thẻ trước chuyến đi. Thanh toán bằng ngoại tệ chịu phí 2,5%, rút tiền ở nước ngoài phí 4% (tối thiểu 60.000 VND).',
      tags: ['du lịch', 'thanh toán nước ngoài', 'phí ngoại tệ'],
    },
  },
  {
    key: 'open-account',
    category: 'accounts',
    products: ['current_account'],
    visibility: 'public',
    en: {
      title: 'Open a current account online in 10 minutes',
      body:
        p(
          'Vietnamese citizens aged 15 or over can open a current account in the app with their chip ID card.',
        ) +
        ol(
          'Download the Banyan Bank app and tap Open an account.',
          'Scan the chip of your ID card with your phone (NFC) and take a selfie for face matching.',
          'Choose your account number and set your sign-in password.',
        ) +
        p(
          'The account and a virtual debit card are ready at once. Foreign residents open accounts at a branch with their passport and a valid visa or temporary residence card.',
        ),
      answer:
        'You can open a current account in the Banyan Bank app in about 10 minutes with your chip ID card (NFC scan and selfie). The account and a virtual debit card are ready at once. Foreign residents please visit a branch with a passport and visa or residence card.',
      tags: ['open account', 'eKYC', 'new customer'],
    },
    'zh-CN': {
      title: '10 分钟线上开立活期账户',
      body:
        p('年满 15 周岁的越南公民可使用芯片身份证在手机银行开户。') +
        ol(
          '下载 Banyan 银行手机银行，点击"开立账户"。',
          '用手机（NFC）读取身份证芯片并自拍进行人脸比对。',
          '选择账号并设置登录密码。',
        ) +
        p('账户和虚拟借记卡即时开通。外国居民请携带护照及有效签证或暂住证到网点开户。'),
      answer:
        '越南公民可用芯片身份证在手机银行约 10 分钟开户（NFC 读卡和自拍），账户和虚拟借记卡即时可用。外国居民请携带护照及签证或暂住证到网点办理。',
      tags: ['开户', '线上开户', '新客户'],
    },
    vi: {
      title: 'Mở tài khoản thanh toán trực tuyến trong 10 phút',
      body:
        p(
          'Công dân Việt Nam từ 15 tuổi trở lên có thể mở tài khoản thanh toán trên ứng dụng bằng CCCD gắn chip.',
        ) +
        ol(
          'Tải ứng dụng Banyan Bank và nhấn Mở tài khoản.',
          'Quét chip CCCD bằng điện thoại (NFC) và chụp ảnh khuôn mặt để đối chiếu.',
          'Chọn số tài khoản và đặt mật khẩu đăng nhập.',
        ) +
        p(
          'Tài khoản và thẻ ghi nợ phi vật lý dùng được ngay. Người nước ngoài cư trú tại Việt Nam mở tài khoản tại chi nhánh với hộ chiếu và thị thực hoặc thẻ tạm trú còn hiệu lực.',
        ),
      answer:
        'Quý khách mở tài khoản thanh toán trên ứng dụng Banyan Bank trong khoảng 10 phút bằng CCCD gắn chip (quét NFC và chụp ảnh khuôn mặt). Tài khoản và thẻ ghi nợ phi vật lý dùng được ngay.',
      tags: ['mở tài khoản', 'eKYC', 'khách hàng mới'],
    },
  },
  {
    key: 'close-account',
    category: 'accounts',
    products: ['current_account'],
    visibility: 'public',
    en: {
      title: 'Close an account',
      body:
        p(
          'To close an account, visit any branch with your ID card. Accounts cannot be closed by phone or chat for your security.',
        ) +
        ul(
          'Pay off or move any card, loan or standing order linked to the account first.',
          'The remaining balance is paid out in cash or transferred to an account you name.',
          'Closing within 6 months of opening costs 50,000 VND; after that it is free.',
        ),
      answer:
        'Accounts are closed at any branch with your ID card (not by phone or chat, for your security). Please settle linked cards, loans and standing orders first. Closing is free after 6 months, otherwise 50,000 VND.',
      tags: ['close account'],
    },
    'zh-CN': {
      title: '销户',
      body:
        p('为保障安全，销户需本人携带身份证到任一网点办理，不能通过电话或在线客服办理。') +
        ul(
          '请先结清或转移与该账户关联的银行卡、贷款和定期转账。',
          '账户余额可现金支取或转入您指定的账户。',
          '开户 6 个月内销户收取 50,000 越南盾，6 个月后免费。',
        ),
      answer:
        '销户需携带身份证到任一网点办理（出于安全考虑不能通过电话或在线办理）。请先结清关联的银行卡、贷款和定期转账。开户满 6 个月后销户免费，否则收取 50,000 越南盾。',
      tags: ['销户', '注销账户'],
    },
    vi: {
      title: 'Đóng tài khoản',
      body:
        p(
          'Để đóng tài khoản, quý khách đến bất kỳ chi nhánh nào với CCCD. Vì an toàn, không thể đóng tài khoản qua điện thoại hay chat.',
        ) +
        ul(
          'Tất toán hoặc chuyển các thẻ, khoản vay, lệnh chuyển tiền định kỳ gắn với tài khoản trước.',
          'Số dư còn lại được chi trả tiền mặt hoặc chuyển sang tài khoản quý khách chỉ định.',
          'Đóng tài khoản trong vòng 6 tháng kể từ khi mở: phí 50.000 VND; sau 6 tháng: miễn phí.',
        ),
      answer:
        'Quý khách đóng tài khoản tại bất kỳ chi nhánh nào với CCCD (không thực hiện qua điện thoại hay chat vì an toàn). Vui lòng tất toán thẻ, khoản vay và lệnh định kỳ gắn với tài khoản trước. Miễn phí sau 6 tháng, nếu không phí 50.000 VND.',
      tags: ['đóng tài khoản'],
    },
  },
  {
    key: 'app-login',
    category: 'ebanking',
    products: ['mobile_app'],
    visibility: 'public',
    en: {
      title: 'Cannot sign in to the mobile app',
      body:
        h('Forgot your password') +
        p(
          'On the sign-in screen tap Forgot password, enter your ID number and the phone number registered with us, then confirm with the OTP.',
        ) +
        h('Account locked after 5 wrong passwords') +
        p('The app locks for 30 minutes. After that, sign in again or reset your password.') +
        h('New phone') +
        p(
          'Signing in on a new phone needs a face check against your ID photo. If it fails three times, visit a branch to register the new device.',
        ),
      answer:
        'Please tap Forgot password on the sign-in screen and confirm with the OTP sent to your registered phone. After 5 wrong passwords the app locks for 30 minutes. A new phone needs a face check; if it fails, a branch can register the device.',
      tags: ['sign in', 'password', 'locked', 'new phone'],
    },
    'zh-CN': {
      title: '手机银行无法登录',
      body:
        h('忘记密码') +
        p('在登录页点击"忘记密码"，输入证件号码和在本行预留的手机号，用验证码确认。') +
        h('密码输错 5 次被锁') +
        p('手机银行将锁定 30 分钟，之后可重新登录或重置密码。') +
        h('更换手机') +
        p('在新手机上登录需要与身份证照片进行人脸比对。连续三次失败的，请到网点登记新设备。'),
      answer:
        '请在登录页点击"忘记密码"，用发送到预留手机号的验证码确认。密码输错 5 次将锁定 30 分钟。更换手机需人脸比对，失败时可到网点登记新设备。',
      tags: ['登录', '密码', '锁定', '换手机'],
    },
    vi: {
      title: 'Không đăng nhập được ứng dụng ngân hàng',
      body:
        h('Quên mật khẩu') +
        p(
          'Tại màn hình đăng nhập, nhấn Quên mật khẩu, nhập số CCCD và số điện thoại đã đăng ký, sau đó xác nhận bằng mã OTP.',
        ) +
        h('Tài khoản bị khóa sau 5 lần nhập sai mật khẩu') +
        p('Ứng dụng bị khóa 30 phút. Sau đó quý khách đăng nhập lại hoặc đặt lại mật khẩu.') +
        h('Đổi điện thoại mới') +
        p(
          'Đăng nhập trên điện thoại mới cần xác thực khuôn mặt với ảnh CCCD. Nếu thất bại 3 lần, vui lòng đến chi nhánh để đăng ký thiết bị mới.',
        ),
      answer:
        'Quý khách nhấn Quên mật khẩu ở màn hình đăng nhập và xác nhận bằng OTP gửi đến số điện thoại đã đăng ký. Nhập sai 5 lần, ứng dụng khóa 30 phút. Điện thoại mới cần xác thực khuôn mặt; nếu không được, chi nhánh sẽ hỗ trợ đăng ký thiết bị.',
      tags: ['đăng nhập', 'mật khẩu', 'bị khóa', 'điện thoại mới'],
    },
  },
  {
    key: 'otp',
    category: 'ebanking',
    products: ['mobile_app'],
    visibility: 'public',
    en: {
      title: 'Not receiving the OTP code',
      body:
        p('OTP codes are sent by SMS to the phone number registered with us and are valid for 2 minutes.') +
        ul(
          'Check that the phone has signal and that SMS from "BANYANBANK" are not blocked.',
          'Wait 60 seconds before asking for a new code; only the latest code works.',
          'If you changed your phone number, update it at a branch — for your security it cannot be changed by phone.',
          'Switch to Smart OTP in the app (Settings → Security) to get codes without SMS.',
        ) +
        p('Never share an OTP with anyone, even someone who says they are from the bank.'),
      answer:
        'OTPs go by SMS to your registered number and are valid for 2 minutes; please check signal and that messages from BANYANBANK are not blocked, and wait 60 seconds before asking again. Smart OTP in the app (Settings → Security) works without SMS. Never share an OTP with anyone.',
      tags: ['OTP', 'SMS', 'Smart OTP', 'verification code'],
    },
    'zh-CN': {
      title: '收不到验证码（OTP）',
      body:
        p('验证码通过短信发送到在本行预留的手机号，2 分钟内有效。') +
        ul(
          '请确认手机信号正常，且未拦截"BANYANBANK"发送的短信。',
          '60 秒后才能重新获取，只有最新的验证码有效。',
          '如已更换手机号，请到网点更新。为保障安全，不能通过电话修改。',
          '可在手机银行（设置 → 安全）改用 Smart OTP，无需短信即可获取验证码。',
        ) +
        p('切勿向任何人透露验证码，包括自称银行工作人员的人。'),
      answer:
        '验证码通过短信发送到预留手机号，2 分钟内有效。请检查信号和短信拦截，60 秒后再重新获取。也可在手机银行"设置 → 安全"启用 Smart OTP。切勿向任何人透露验证码。',
      tags: ['验证码', '短信', 'OTP'],
    },
    vi: {
      title: 'Không nhận được mã OTP',
      body:
        p('Mã OTP được gửi qua SMS đến số điện thoại đã đăng ký và có hiệu lực trong 2 phút.') +
        ul(
          'Kiểm tra điện thoại có sóng và không chặn tin nhắn từ "BANYANBANK".',
          'Đợi 60 giây trước khi yêu cầu mã mới; chỉ mã mới nhất có hiệu lực.',
          'Nếu đã đổi số điện thoại, vui lòng cập nhật tại chi nhánh — vì an toàn không thể đổi qua điện thoại.',
          'Chuyển sang Smart OTP trên ứng dụng (Cài đặt → Bảo mật) để nhận mã không cần SMS.',
        ) +
        p('Tuyệt đối không cung cấp mã OTP cho bất kỳ ai, kể cả người tự xưng là nhân viên ngân hàng.'),
      answer:
        'Mã OTP được gửi qua SMS đến số đã đăng ký, hiệu lực 2 phút. Quý khách kiểm tra sóng, không chặn tin nhắn BANYANBANK và đợi 60 giây trước khi yêu cầu lại. Smart OTP trên ứng dụng (Cài đặt → Bảo mật) không cần SMS. Không cung cấp OTP cho bất kỳ ai.',
      tags: ['OTP', 'tin nhắn', 'Smart OTP', 'mã xác thực'],
    },
  },
  {
    key: 'transfer-limits',
    category: 'transfers',
    products: ['mobile_app', 'current_account'],
    visibility: 'public',
    en: {
      title: 'Transfer limits in the app and how to change them',
      body:
        `<table><thead><tr><th>Verification</th><th>Per transfer</th><th>Per day</th></tr></thead><tbody><tr><td>SMS OTP</td><td>100 million VND</td><td>300 million VND</td></tr><tr><td>Smart OTP</td><td>500 million VND</td><td>1.5 billion VND</td></tr><tr><td>Smart OTP + face check</td><td>2 billion VND</td><td>5 billion VND</td></tr></tbody></table>` +
        p(
          "By State Bank rules, a face check is required for a transfer over 10 million VND or once the day's transfers exceed 20 million VND.",
        ) +
        p(
          'Change your limits in the app under Settings → Transfer limits. Higher limits than the table need a request at a branch.',
        ),
      answer:
        'With Smart OTP you can send up to 500 million VND per transfer and 1.5 billion VND per day (SMS OTP: 100 million and 300 million). A face check is required above 10 million VND per transfer. Limits are set in the app under Settings → Transfer limits.',
      tags: ['transfer limit', 'daily limit', 'face authentication'],
    },
    'zh-CN': {
      title: '手机银行转账限额及修改方法',
      body:
        `<table><thead><tr><th>验证方式</th><th>单笔限额</th><th>日累计限额</th></tr></thead><tbody><tr><td>短信验证码</td><td>1 亿越南盾</td><td>3 亿越南盾</td></tr><tr><td>Smart OTP</td><td>5 亿越南盾</td><td>15 亿越南盾</td></tr><tr><td>Smart OTP + 人脸识别</td><td>20 亿越南盾</td><td>50 亿越南盾</td></tr></tbody></table>` +
        p('根据越南国家银行规定，单笔超过 1000 万越南盾或当日累计超过 2000 万越南盾的转账需进行人脸识别。') +
        p('可在手机银行"设置 → 转账限额"修改。超过上表的限额需到网点申请。'),
      answer:
        '使用 Smart OTP 单笔最高 5 亿越南盾、每日 15 亿越南盾（短信验证码为 1 亿和 3 亿）。单笔超过 1000 万越南盾需人脸识别。限额可在手机银行"设置 → 转账限额"修改。',
      tags: ['转账限额', '日限额', '人脸识别'],
    },
    vi: {
      title: 'Hạn mức chuyển tiền trên ứng dụng và cách thay đổi',
      body:
        `<table><thead><tr><th>Phương thức xác thực</th><th>Mỗi giao dịch</th><th>Mỗi ngày</th></tr></thead><tbody><tr><td>SMS OTP</td><td>100 triệu VND</td><td>300 triệu VND</td></tr><tr><td>Smart OTP</td><td>500 triệu VND</td><td>1,5 tỷ VND</td></tr><tr><td>Smart OTP + sinh trắc học</td><td>2 tỷ VND</td><td>5 tỷ VND</td></tr></tbody></table>` +
        p(
          'Theo quy định của Ngân hàng Nhà nước, giao dịch chuyển tiền trên 10 triệu VND hoặc tổng giao dịch trong ngày vượt 20 triệu VND phải xác thực sinh trắc học.',
        ) +
        p(
          'Thay đổi hạn mức trên ứng dụng tại Cài đặt → Hạn mức chuyển tiền. Hạn mức cao hơn bảng trên cần đăng ký tại chi nhánh.',
        ),
      answer:
        'Với Smart OTP, quý khách chuyển tối đa 500 triệu VND mỗi giao dịch và 1,5 tỷ VND mỗi ngày (SMS OTP: 100 triệu và 300 triệu). Giao dịch trên 10 triệu VND cần xác thực sinh trắc học. Hạn mức được đổi tại Cài đặt → Hạn mức chuyển tiền.',
      tags: ['hạn mức chuyển tiền', 'sinh trắc học', 'hạn mức ngày'],
    },
  },
  {
    key: 'wrong-transfer',
    category: 'transfers',
    products: ['current_account'],
    visibility: 'public',
    en: {
      title: 'Money sent to the wrong account',
      body:
        p(
          'A completed transfer cannot be cancelled, but we can ask the receiving bank to return the money.',
        ) +
        ol(
          'In the app open the transfer and tap Request investigation, or call 1900 1234.',
          'We contact the receiving bank within 1 working day.',
          "The receiving bank asks the account holder to agree to return the money. We cannot take money from another customer's account without their consent or a court order.",
        ) +
        p('Most cases are settled within 7 to 15 working days. There is no fee for the request.'),
      answer:
        "Please open the transfer in the app and tap Request investigation, or call 1900 1234. We contact the receiving bank within 1 working day; the return needs the recipient's consent and usually takes 7 to 15 working days. The request is free.",
      tags: ['wrong account', 'investigation', 'recall transfer'],
    },
    'zh-CN': {
      title: '转账转错账户怎么办',
      body:
        p('已完成的转账无法撤销，但我们可以请求收款行退回款项。') +
        ol(
          '在手机银行打开该笔转账，点击"申请查询"，或致电 1900 1234。',
          '我们将在 1 个工作日内联系收款行。',
          '收款行会征求收款人同意退款。未经收款人同意或法院判决，银行不能从他人账户扣款。',
        ) +
        p('大多数情况在 7 至 15 个工作日内处理完毕。申请不收费。'),
      answer:
        '请在手机银行打开该笔转账点击"申请查询"，或致电 1900 1234。我们会在 1 个工作日内联系收款行；退款需收款人同意，一般需要 7 至 15 个工作日，申请免费。',
      tags: ['转错账', '查询', '退款'],
    },
    vi: {
      title: 'Chuyển tiền nhầm tài khoản',
      body:
        p(
          'Giao dịch đã hoàn tất không thể hủy, nhưng chúng tôi có thể đề nghị ngân hàng nhận hoàn trả tiền.',
        ) +
        ol(
          'Trên ứng dụng, mở giao dịch và nhấn Yêu cầu tra soát, hoặc gọi 1900 1234.',
          'Chúng tôi liên hệ ngân hàng nhận trong vòng 1 ngày làm việc.',
          'Ngân hàng nhận sẽ đề nghị chủ tài khoản đồng ý hoàn trả. Ngân hàng không thể trích tiền từ tài khoản khách hàng khác khi chưa có sự đồng ý hoặc quyết định của tòa án.',
        ) +
        p('Phần lớn trường hợp được xử lý trong 7 đến 15 ngày làm việc. Yêu cầu tra soát miễn phí.'),
      answer:
        'Quý khách mở giao dịch trên ứng dụng và nhấn Yêu cầu tra soát, hoặc gọi 1900 1234. Chúng tôi liên hệ ngân hàng nhận trong 1 ngày làm việc; việc hoàn trả cần người nhận đồng ý, thường mất 7–15 ngày làm việc. Miễn phí.',
      tags: ['chuyển nhầm', 'tra soát', 'hoàn tiền'],
    },
  },
  {
    key: 'international-transfer',
    category: 'transfers',
    products: ['current_account'],
    visibility: 'public',
    en: {
      title: 'Sending money abroad (international transfer)',
      body:
        p(
          'International transfers are made at a branch, or in the app for tuition fees and family support abroad.',
        ) +
        ul(
          "Have ready: the recipient's name and address, IBAN or account number, the bank's SWIFT code, and papers showing the purpose (for example an admission letter).",
          "Fee: 0.2% of the amount, at least 10 USD and at most 200 USD, plus 20 USD if you choose to pay the foreign bank's charges (OUR).",
          'Money usually arrives in 1 to 3 working days.',
        ),
      answer:
        "International transfers are made at a branch, or in the app for tuition and family support. Please bring the recipient's details, SWIFT code and papers showing the purpose. The fee is 0.2% (10–200 USD) and money arrives in 1 to 3 working days.",
      tags: ['SWIFT', 'international transfer', 'tuition', 'abroad'],
    },
    'zh-CN': {
      title: '境外汇款（国际转账）',
      body:
        p('境外汇款可在网点办理；留学学费和赡家汇款也可在手机银行办理。') +
        ul(
          '需准备：收款人姓名和地址、IBAN 或账号、收款行 SWIFT 代码，以及用途证明（如录取通知书）。',
          '手续费：汇款金额的 0.2%，最低 10 美元，最高 200 美元；如选择由汇款人承担境外银行费用（OUR），另收 20 美元。',
          '一般 1 至 3 个工作日到账。',
        ),
      answer:
        '境外汇款可在网点办理，学费和赡家汇款也可用手机银行。请准备收款人信息、SWIFT 代码和用途证明。手续费为 0.2%（10–200 美元），1 至 3 个工作日到账。',
      tags: ['境外汇款', 'SWIFT', '学费', '国际转账'],
    },
    vi: {
      title: 'Chuyển tiền ra nước ngoài',
      body:
        p(
          'Chuyển tiền quốc tế thực hiện tại chi nhánh, hoặc trên ứng dụng với mục đích đóng học phí và trợ cấp thân nhân.',
        ) +
        ul(
          'Cần chuẩn bị: tên và địa chỉ người nhận, IBAN hoặc số tài khoản, mã SWIFT của ngân hàng nhận và giấy tờ chứng minh mục đích (ví dụ giấy báo nhập học).',
          'Phí: 0,2% số tiền, tối thiểu 10 USD, tối đa 200 USD; cộng 20 USD nếu quý khách chịu phí ngân hàng nước ngoài (OUR).',
          'Tiền thường đến trong 1 đến 3 ngày làm việc.',
        ),
      answer:
        'Chuyển tiền quốc tế thực hiện tại chi nhánh, hoặc trên ứng dụng cho học phí và trợ cấp thân nhân. Quý khách chuẩn bị thông tin người nhận, mã SWIFT và giấy tờ chứng minh mục đích. Phí 0,2% (10–200 USD), tiền đến trong 1–3 ngày làm việc.',
      tags: ['chuyển tiền quốc tế', 'SWIFT', 'học phí'],
    },
  },
  {
    key: 'personal-loan',
    category: 'loans',
    products: ['personal_loan'],
    visibility: 'public',
    en: {
      title: 'Unsecured personal loan: who can apply and how',
      body:
        ul(
          'Amount: 10 to 500 million VND, up to 10 times your monthly income.',
          'Term: 12 to 60 months; fixed rate from 11.5% a year for salaried customers paid through Banyan Bank.',
          'You need: your ID card, a labour contract, and 3 months of salary statements.',
        ) +
        p(
          'Apply in the app under Loans → Personal loan. You get a decision within 8 working hours and the money the same day after you sign online.',
        ),
      answer:
        'You can borrow 10 to 500 million VND for 12 to 60 months, from 11.5% a year for salary accounts with us. Apply in the app under Loans → Personal loan with your ID, labour contract and 3 months of salary statements; the decision comes within 8 working hours.',
      tags: ['personal loan', 'unsecured', 'interest rate'],
    },
    'zh-CN': {
      title: '个人信用贷款：申请条件与流程',
      body:
        ul(
          '金额：1000 万至 5 亿越南盾，最高为月收入的 10 倍。',
          '期限：12 至 60 个月；在本行代发工资的客户固定年利率 11.5% 起。',
          '所需材料：身份证、劳动合同、近 3 个月工资流水。',
        ) + p('在手机银行"贷款 → 个人贷款"申请，8 个工作小时内审批，线上签约后当天放款。'),
      answer:
        '可贷 1000 万至 5 亿越南盾，期限 12 至 60 个月，本行代发工资客户年利率 11.5% 起。请在手机银行"贷款 → 个人贷款"提交身份证、劳动合同和 3 个月工资流水，8 个工作小时内审批。',
      tags: ['个人贷款', '信用贷款', '利率'],
    },
    vi: {
      title: 'Vay tiêu dùng tín chấp: điều kiện và cách đăng ký',
      body:
        ul(
          'Số tiền: 10 đến 500 triệu VND, tối đa 10 lần thu nhập hằng tháng.',
          'Thời hạn: 12 đến 60 tháng; lãi suất cố định từ 11,5%/năm cho khách hàng nhận lương qua Banyan Bank.',
          'Hồ sơ: CCCD, hợp đồng lao động và sao kê lương 3 tháng.',
        ) +
        p(
          'Đăng ký trên ứng dụng tại Khoản vay → Vay tiêu dùng. Có kết quả trong 8 giờ làm việc và giải ngân trong ngày sau khi ký hợp đồng trực tuyến.',
        ),
      answer:
        'Quý khách vay được 10–500 triệu VND trong 12–60 tháng, lãi suất từ 11,5%/năm nếu nhận lương qua Banyan Bank. Đăng ký trên ứng dụng tại Khoản vay → Vay tiêu dùng với CCCD, hợp đồng lao động và sao kê lương 3 tháng; có kết quả trong 8 giờ làm việc.',
      tags: ['vay tiêu dùng', 'tín chấp', 'lãi suất'],
    },
  },
  {
    key: 'early-repayment',
    category: 'loans',
    products: ['personal_loan', 'mortgage'],
    visibility: 'public',
    en: {
      title: 'Repaying a loan early',
      body:
        p('You can repay part or all of a loan before the end of its term.') +
        `<table><thead><tr><th>Loan year</th><th>Early repayment fee</th></tr></thead><tbody><tr><td>Years 1–2</td><td>3% of the amount repaid early</td></tr><tr><td>Years 3–5</td><td>1%</td></tr><tr><td>From year 6</td><td>free</td></tr></tbody></table>` +
        p(
          'Request early repayment in the app (Loans → Repay early) at least 3 working days ahead. Interest is charged up to the repayment date only.',
        ),
      answer:
        'You can repay early in the app under Loans → Repay early, 3 working days ahead. The fee is 3% in years 1–2, 1% in years 3–5 and nothing from year 6; interest stops on the repayment date.',
      tags: ['early repayment', 'prepayment fee', 'settle loan'],
    },
    'zh-CN': {
      title: '提前还款',
      body:
        p('贷款可在到期前部分或全部提前还款。') +
        `<table><thead><tr><th>贷款年度</th><th>提前还款违约金</th></tr></thead><tbody><tr><td>第 1–2 年</td><td>提前还款金额的 3%</td></tr><tr><td>第 3–5 年</td><td>1%</td></tr><tr><td>第 6 年起</td><td>免收</td></tr></tbody></table>` +
        p('请至少提前 3 个工作日在手机银行（贷款 → 提前还款）申请。利息只计算到还款日。'),
      answer:
        '可提前 3 个工作日在手机银行"贷款 → 提前还款"申请。第 1–2 年收取 3%，第 3–5 年收取 1%，第 6 年起免收；利息计至还款日。',
      tags: ['提前还款', '违约金', '结清贷款'],
    },
    vi: {
      title: 'Trả nợ vay trước hạn',
      body:
        p('Quý khách có thể trả trước một phần hoặc toàn bộ khoản vay trước khi đến hạn.') +
        `<table><thead><tr><th>Năm vay</th><th>Phí trả nợ trước hạn</th></tr></thead><tbody><tr><td>Năm 1–2</td><td>3% số tiền trả trước</td></tr><tr><td>Năm 3–5</td><td>1%</td></tr><tr><td>Từ năm thứ 6</td><td>miễn phí</td></tr></tbody></table>` +
        p(
          'Đăng ký trả trước trên ứng dụng (Khoản vay → Trả nợ trước hạn) ít nhất 3 ngày làm việc. Lãi chỉ tính đến ngày trả nợ.',
        ),
      answer:
        'Quý khách đăng ký trả nợ trước hạn trên ứng dụng tại Khoản vay → Trả nợ trước hạn, trước 3 ngày làm việc. Phí 3% trong năm 1–2, 1% trong năm 3–5, miễn phí từ năm thứ 6; lãi tính đến ngày trả nợ.',
      tags: ['trả nợ trước hạn', 'tất toán', 'phí trả trước'],
    },
  },
  {
    key: 'atm-fees',
    category: 'fees',
    products: ['debit_card'],
    visibility: 'public',
    en: {
      title: 'ATM withdrawal fees and limits',
      body:
        `<table><thead><tr><th>Where</th><th>Fee per withdrawal</th></tr></thead><tbody><tr><td>Banyan Bank ATMs</td><td>free</td></tr><tr><td>Other banks' ATMs in Vietnam</td><td>3,300 VND</td></tr><tr><td>ATMs abroad</td><td>4% (at least 60,000 VND)</td></tr></tbody></table>` +
        p(
          'You can withdraw up to 5 million VND per withdrawal and 50 million VND per day with a debit card. Cardless withdrawal with a code from the app is free at our ATMs, up to 5 million VND a day.',
        ),
      answer:
        "Withdrawals are free at Banyan Bank ATMs, 3,300 VND at other banks' ATMs in Vietnam and 4% (at least 60,000 VND) abroad. The debit card limit is 5 million VND per withdrawal and 50 million VND per day.",
      tags: ['ATM fee', 'withdrawal limit', 'cash withdrawal'],
    },
    'zh-CN': {
      title: 'ATM 取款手续费与限额',
      body:
        `<table><thead><tr><th>取款地点</th><th>每笔手续费</th></tr></thead><tbody><tr><td>Banyan 银行 ATM</td><td>免费</td></tr><tr><td>越南境内他行 ATM</td><td>3,300 越南盾</td></tr><tr><td>境外 ATM</td><td>4%（最低 60,000 越南盾）</td></tr></tbody></table>` +
        p(
          '借记卡每笔最多取 500 万越南盾，每日 5000 万越南盾。使用手机银行生成的取款码在本行 ATM 无卡取款免费，每日最多 500 万越南盾。',
        ),
      answer:
        '本行 ATM 取款免费，境内他行 ATM 每笔 3,300 越南盾，境外 4%（最低 60,000 越南盾）。借记卡每笔限额 500 万越南盾，每日 5000 万越南盾。',
      tags: ['ATM 手续费', '取款限额', '取现'],
    },
    vi: {
      title: 'Phí và hạn mức rút tiền ATM',
      body:
        `<table><thead><tr><th>Nơi rút</th><th>Phí mỗi lần rút</th></tr></thead><tbody><tr><td>ATM Banyan Bank</td><td>miễn phí</td></tr><tr><td>ATM ngân hàng khác trong nước</td><td>3.300 VND</td></tr><tr><td>ATM ở nước ngoài</td><td>4% (tối thiểu 60.000 VND)</td></tr></tbody></table>` +
        p(
          'Thẻ ghi nợ rút tối đa 5 triệu VND mỗi lần và 50 triệu VND mỗi ngày. Rút tiền không cần thẻ bằng mã trên ứng dụng miễn phí tại ATM của chúng tôi, tối đa 5 triệu VND mỗi ngày.',
        ),
      answer:
        'Rút tiền miễn phí tại ATM Banyan Bank, 3.300 VND tại ATM ngân hàng khác trong nước và 4% (tối thiểu 60.000 VND) ở nước ngoài. Hạn mức thẻ ghi nợ: 5 triệu VND mỗi lần, 50 triệu VND mỗi ngày.',
      tags: ['phí rút tiền', 'hạn mức rút tiền', 'ATM'],
    },
  },
  {
    key: 'account-fees',
    category: 'fees',
    products: ['current_account'],
    visibility: 'public',
    en: {
      title: 'Account maintenance fee and how to avoid it',
      body:
        p('The account maintenance fee is 11,000 VND a month. It is waived in any month where:') +
        ul(
          'your average balance is at least 2 million VND, or',
          'your salary is paid into the account, or',
          'you are under 23 or over 60.',
        ) +
        p(
          'Transfers in the app to any bank in Vietnam are free. SMS balance alerts cost 11,000 VND a month; app notifications are free.',
        ),
      answer:
        'The maintenance fee is 11,000 VND a month, waived when the average balance is at least 2 million VND, when your salary is paid in, or if you are under 23 or over 60. Transfers in the app are free; you can replace paid SMS alerts with free app notifications.',
      tags: ['maintenance fee', 'monthly fee', 'SMS alert fee'],
    },
    'zh-CN': {
      title: '账户管理费及免收条件',
      body:
        p('账户管理费为每月 11,000 越南盾。当月满足以下任一条件即免收：') +
        ul('日均余额不低于 200 万越南盾；', '工资代发至该账户；', '年龄未满 23 岁或超过 60 岁。') +
        p('通过手机银行向越南境内任何银行转账免费。短信余额提醒每月 11,000 越南盾，手机银行推送通知免费。'),
      answer:
        '账户管理费每月 11,000 越南盾；日均余额不低于 200 万越南盾、工资代发或未满 23 岁/超过 60 岁的免收。手机银行转账免费；可将收费短信提醒改为免费的推送通知。',
      tags: ['管理费', '月费', '短信提醒'],
    },
    vi: {
      title: 'Phí quản lý tài khoản và cách được miễn',
      body:
        p('Phí quản lý tài khoản là 11.000 VND/tháng, được miễn trong tháng khi:') +
        ul(
          'số dư bình quân từ 2 triệu VND trở lên, hoặc',
          'nhận lương vào tài khoản, hoặc',
          'quý khách dưới 23 tuổi hoặc trên 60 tuổi.',
        ) +
        p(
          'Chuyển tiền trên ứng dụng đến mọi ngân hàng trong nước miễn phí. Dịch vụ SMS biến động số dư 11.000 VND/tháng; thông báo qua ứng dụng miễn phí.',
        ),
      answer:
        'Phí quản lý tài khoản 11.000 VND/tháng, được miễn khi số dư bình quân từ 2 triệu VND, nhận lương qua tài khoản, hoặc dưới 23 tuổi/trên 60 tuổi. Chuyển tiền trên ứng dụng miễn phí; có thể thay SMS tính phí bằng thông báo ứng dụng miễn phí.',
      tags: ['phí quản lý', 'phí hằng tháng', 'phí SMS'],
    },
  },
  {
    key: 'fx-rates',
    category: 'fx',
    products: ['fx'],
    visibility: 'public',
    en: {
      title: 'Exchange rates and buying foreign currency',
      body:
        p(
          'Our exchange rates are updated during the day and shown in the app under Exchange rates and on the branch display boards.',
        ) +
        ul(
          'Cash rates and transfer rates differ: the transfer rate is better.',
          'Foreign currency can be bought for studying abroad, travel, medical treatment and family support, with papers showing the purpose, as the foreign exchange rules require.',
          'Travellers can buy up to 5,000 USD in cash per trip with a passport and a ticket.',
        ),
      answer:
        "Today's exchange rates are in the app under Exchange rates and on the branch boards (transfer rates are better than cash rates). Foreign currency can be bought for study, travel, medical treatment or family support with papers showing the purpose; travellers up to 5,000 USD cash per trip.",
      tags: ['exchange rate', 'buy USD', 'foreign currency'],
    },
    'zh-CN': {
      title: '汇率与购汇',
      body:
        p('本行汇率在日间实时更新，可在手机银行"汇率"及网点显示屏查看。') +
        ul(
          '现钞汇率与现汇汇率不同，现汇汇率更优。',
          '按外汇管理规定，留学、旅游、就医、赡家可凭用途证明购汇。',
          '出境旅游每次最多可购买 5,000 美元现钞，需出示护照和机票。',
        ),
      answer:
        '当日汇率可在手机银行"汇率"和网点显示屏查看（现汇优于现钞）。留学、旅游、就医、赡家可凭用途证明购汇；出境旅游每次最多购买 5,000 美元现钞。',
      tags: ['汇率', '购汇', '外币'],
    },
    vi: {
      title: 'Tỷ giá và mua ngoại tệ',
      body:
        p(
          'Tỷ giá được cập nhật trong ngày, hiển thị trên ứng dụng tại mục Tỷ giá và trên bảng điện tử tại chi nhánh.',
        ) +
        ul(
          'Tỷ giá tiền mặt và tỷ giá chuyển khoản khác nhau: tỷ giá chuyển khoản tốt hơn.',
          'Theo quy định quản lý ngoại hối, quý khách mua ngoại tệ cho mục đích du học, du lịch, chữa bệnh, trợ cấp thân nhân khi có giấy tờ chứng minh.',
          'Đi du lịch được mua tối đa 5.000 USD tiền mặt mỗi chuyến với hộ chiếu và vé máy bay.',
        ),
      answer:
        'Tỷ giá trong ngày có trên ứng dụng (mục Tỷ giá) và bảng điện tử tại chi nhánh; tỷ giá chuyển khoản tốt hơn tiền mặt. Quý khách mua ngoại tệ cho du học, du lịch, chữa bệnh, trợ cấp thân nhân khi có giấy tờ chứng minh; du lịch tối đa 5.000 USD tiền mặt mỗi chuyến.',
      tags: ['tỷ giá', 'mua ngoại tệ', 'USD'],
    },
  },
  {
    key: 'complaints',
    category: 'complaints',
    products: [],
    visibility: 'public',
    en: {
      title: 'How to make a complaint and how long it takes',
      body:
        p(
          'We want to hear when something went wrong. You can complain in the chat, by calling 1900 1234, by email to care@banyan-demo.bank or at any branch.',
        ) +
        ol(
          'You receive a case number at once.',
          'We confirm in writing within 2 working days who handles your complaint.',
          'We answer within 15 working days; card disputes with international card schemes may take up to 45 days, and we tell you if that applies.',
        ) +
        p(
          'If you are not satisfied with our answer, you can ask for a review by our Customer Protection Office, and then contact the State Bank of Vietnam.',
        ),
      answer:
        "I'm sorry this happened. I have registered your complaint and you will get a case number now; we confirm who handles it within 2 working days and answer within 15 working days (card disputes with international schemes can take up to 45 days).",
      tags: ['complaint', 'case number', 'dispute', 'escalation'],
    },
    'zh-CN': {
      title: '如何投诉及处理时限',
      body:
        p(
          '如有任何不满意，欢迎告诉我们。您可以通过在线客服、热线 1900 1234、邮箱 care@banyan-demo.bank 或任一网点投诉。',
        ) +
        ol(
          '您会立即收到受理编号。',
          '我们在 2 个工作日内书面确认处理人员。',
          '15 个工作日内答复；涉及国际卡组织的争议交易最长可能需要 45 天，如遇此情况会提前告知。',
        ) +
        p('对答复不满意的，可申请本行客户权益保护部复核，之后可向越南国家银行反映。'),
      answer:
        '非常抱歉给您带来不便。已为您登记投诉并提供受理编号；我们会在 2 个工作日内确认处理人员，15 个工作日内答复（涉及国际卡组织的争议最长 45 天）。',
      tags: ['投诉', '受理编号', '争议'],
    },
    vi: {
      title: 'Cách gửi khiếu nại và thời gian xử lý',
      body:
        p(
          'Chúng tôi luôn muốn lắng nghe khi có điều chưa tốt. Quý khách có thể khiếu nại qua chat, tổng đài 1900 1234, email care@banyan-demo.bank hoặc tại bất kỳ chi nhánh nào.',
        ) +
        ol(
          'Quý khách nhận được mã hồ sơ ngay.',
          'Trong 2 ngày làm việc, chúng tôi xác nhận bằng văn bản người phụ trách xử lý.',
          'Chúng tôi trả lời trong 15 ngày làm việc; tranh chấp giao dịch thẻ với tổ chức thẻ quốc tế có thể kéo dài đến 45 ngày và chúng tôi sẽ thông báo nếu có.',
        ) +
        p(
          'Nếu chưa hài lòng với câu trả lời, quý khách có thể đề nghị Phòng Bảo vệ quyền lợi khách hàng xem xét lại, sau đó liên hệ Ngân hàng Nhà nước Việt Nam.',
        ),
      answer:
        'Chúng tôi rất tiếc về sự việc này. Khiếu nại của quý khách đã được ghi nhận và quý khách nhận mã hồ sơ ngay; trong 2 ngày làm việc chúng tôi xác nhận người phụ trách và trả lời trong 15 ngày làm việc (tranh chấp thẻ quốc tế tối đa 45 ngày).',
      tags: ['khiếu nại', 'mã hồ sơ', 'tranh chấp'],
    },
  },
  {
    key: 'fraud-scam',
    category: 'ebanking',
    products: ['mobile_app'],
    visibility: 'public',
    en: {
      title: 'Scam calls and messages: how to recognise them',
      body:
        p(
          'Banyan Bank will never ask for your password, PIN or OTP, and never sends links that ask you to sign in.',
        ) +
        ul(
          'Be suspicious of calls saying your account will be closed, that you must "verify" it, or that a parcel or fine needs payment.',
          'Do not install apps from links in SMS or social media.',
          'If you gave a code or clicked a link, block your card and app access at once: call 1900 1234 (press 0 for fraud, 24/7).',
        ),
      answer:
        'Banyan Bank never asks for your password, PIN or OTP and never sends sign-in links. If you shared a code or opened such a link, please call 1900 1234 and press 0 now so we can block your card and app access.',
      tags: ['scam', 'fraud', 'phishing', 'OTP'],
    },
    'zh-CN': {
      title: '诈骗电话和短信的识别',
      body:
        p('Banyan 银行绝不会索要您的登录密码、银行卡密码或验证码，也不会发送要求登录的链接。') +
        ul(
          '警惕声称账户将被关闭、需要"验证"账户，或包裹、罚款需要付款的来电。',
          '不要安装短信或社交媒体链接中的应用。',
          '如已透露验证码或点击了链接，请立即冻结银行卡和手机银行：拨打 1900 1234 按 0（反欺诈，24 小时）。',
        ),
      answer:
        '本行绝不会索要密码或验证码，也不会发送登录链接。如您已透露验证码或点击可疑链接，请立即拨打 1900 1234 按 0，我们会冻结您的银行卡和手机银行。',
      tags: ['诈骗', '欺诈', '钓鱼'],
    },
    vi: {
      title: 'Cuộc gọi và tin nhắn lừa đảo: cách nhận biết',
      body:
        p(
          'Banyan Bank không bao giờ hỏi mật khẩu, mã PIN hay mã OTP và không gửi đường link yêu cầu đăng nhập.',
        ) +
        ul(
          'Cảnh giác với cuộc gọi báo tài khoản sắp bị khóa, cần "xác minh" tài khoản, hoặc có bưu phẩm, tiền phạt cần thanh toán.',
          'Không cài ứng dụng từ đường link trong SMS hay mạng xã hội.',
          'Nếu đã cung cấp mã hoặc bấm vào link, hãy khóa thẻ và ứng dụng ngay: gọi 1900 1234, bấm phím 0 (phòng chống gian lận, 24/7).',
        ),
      answer:
        'Banyan Bank không bao giờ hỏi mật khẩu, mã PIN hay OTP và không gửi link đăng nhập. Nếu quý khách đã cung cấp mã hoặc mở link lạ, vui lòng gọi ngay 1900 1234 và bấm phím 0 để chúng tôi khóa thẻ và ứng dụng.',
      tags: ['lừa đảo', 'gian lận', 'OTP', 'link lạ'],
    },
  },
  {
    key: 'savings',
    category: 'accounts',
    products: ['savings'],
    visibility: 'public',
    en: {
      title: 'Online savings deposits: rates and withdrawing early',
      body:
        p('Open a term deposit in the app from 1 million VND, for 1 to 36 months.') +
        `<table><thead><tr><th>Term</th><th>Rate per year</th></tr></thead><tbody><tr><td>1 month</td><td>3.0%</td></tr><tr><td>6 months</td><td>4.6%</td></tr><tr><td>12 months</td><td>5.1%</td></tr><tr><td>24–36 months</td><td>5.3%</td></tr></tbody></table>` +
        p(
          'You can withdraw before maturity at any time; you then receive the demand rate of 0.1% a year for the time the money was deposited.',
        ),
      answer:
        'Online term deposits start at 1 million VND for 1 to 36 months; the 12-month rate is 5.1% a year. Early withdrawal is possible at any time, with interest at the demand rate of 0.1% a year.',
      tags: ['savings', 'term deposit', 'interest rate', 'early withdrawal'],
    },
    'zh-CN': {
      title: '线上定期存款：利率与提前支取',
      body:
        p('在手机银行即可办理定期存款，1 百万越南盾起存，期限 1 至 36 个月。') +
        `<table><thead><tr><th>期限</th><th>年利率</th></tr></thead><tbody><tr><td>1 个月</td><td>3.0%</td></tr><tr><td>6 个月</td><td>4.6%</td></tr><tr><td>12 个月</td><td>5.1%</td></tr><tr><td>24–36 个月</td><td>5.3%</td></tr></tbody></table>` +
        p('可随时提前支取，提前支取按活期年利率 0.1% 计息。'),
      answer:
        '线上定期存款 100 万越南盾起存，期限 1 至 36 个月，12 个月年利率 5.1%。可随时提前支取，按活期年利率 0.1% 计息。',
      tags: ['定期存款', '储蓄', '利率', '提前支取'],
    },
    vi: {
      title: 'Gửi tiết kiệm trực tuyến: lãi suất và rút trước hạn',
      body:
        p('Mở tiền gửi có kỳ hạn trên ứng dụng từ 1 triệu VND, kỳ hạn 1 đến 36 tháng.') +
        `<table><thead><tr><th>Kỳ hạn</th><th>Lãi suất/năm</th></tr></thead><tbody><tr><td>1 tháng</td><td>3,0%</td></tr><tr><td>6 tháng</td><td>4,6%</td></tr><tr><td>12 tháng</td><td>5,1%</td></tr><tr><td>24–36 tháng</td><td>5,3%</td></tr></tbody></table>` +
        p(
          'Quý khách có thể rút trước hạn bất kỳ lúc nào và hưởng lãi suất không kỳ hạn 0,1%/năm cho thời gian đã gửi.',
        ),
      answer:
        'Gửi tiết kiệm trực tuyến từ 1 triệu VND, kỳ hạn 1–36 tháng; kỳ hạn 12 tháng lãi suất 5,1%/năm. Quý khách rút trước hạn bất kỳ lúc nào, hưởng lãi không kỳ hạn 0,1%/năm.',
      tags: ['tiết kiệm', 'tiền gửi có kỳ hạn', 'lãi suất', 'rút trước hạn'],
    },
  },
  {
    key: 'agent-verify',
    category: 'complaints',
    products: [],
    visibility: 'internal',
    en: {
      title: 'Agents: verifying the caller before account actions',
      body:
        p('Before you discuss balances, transactions or change anything, verify the customer.') +
        ol(
          'Full name and date of birth.',
          'Two of: last 4 digits of the ID number, the registered phone number, the amount of one recent transaction.',
          'For blocking a card only, name plus one item is enough — blocking never waits.',
        ) +
        p(
          "Never ask for a full card number, PIN, password or OTP. Record the verification result in the conversation's wrap-up.",
        ),
      answer:
        'For your security, may I confirm your full name, date of birth and the last 4 digits of your ID number?',
      tags: ['verification', 'identity', 'internal procedure'],
    },
    'zh-CN': {
      title: '坐席：账户操作前的身份核实',
      body:
        p('在告知余额、交易或办理任何变更前，须先核实客户身份。') +
        ol(
          '全名与出生日期。',
          '以下任两项：证件号后 4 位、预留手机号、近期一笔交易金额。',
          '仅冻结卡片时，姓名加一项即可——冻结不等待。',
        ) +
        p('绝不询问完整卡号、密码或验证码。在会话小结中记录核实结果。'),
      answer: '为保障您的账户安全，请您提供全名、出生日期以及证件号码后 4 位。',
      tags: ['身份核实', '内部流程'],
    },
    vi: {
      title: 'Nhân viên: xác minh khách hàng trước khi thao tác tài khoản',
      body:
        p(
          'Trước khi trao đổi số dư, giao dịch hay thay đổi bất kỳ thông tin nào, phải xác minh khách hàng.',
        ) +
        ol(
          'Họ tên đầy đủ và ngày sinh.',
          'Hai trong các thông tin: 4 số cuối CCCD, số điện thoại đã đăng ký, số tiền một giao dịch gần đây.',
          'Chỉ khóa thẻ: họ tên và một thông tin là đủ — khóa thẻ không được chậm trễ.',
        ) +
        p(
          'Không bao giờ hỏi số thẻ đầy đủ, mã PIN, mật khẩu hay OTP. Ghi kết quả xác minh vào phần kết thúc hội thoại.',
        ),
      answer:
        'Để bảo mật tài khoản, quý khách vui lòng cho em xác nhận họ tên đầy đủ, ngày sinh và 4 số cuối CCCD ạ.',
      tags: ['xác minh', 'định danh', 'quy trình nội bộ'],
    },
  },
  {
    key: 'card-activation',
    category: 'cards',
    products: ['debit_card', 'credit_card'],
    visibility: 'public',
    en: {
      title: 'Activating a new or replacement card',
      body:
        p(
          'A new card arrives inactive, so that a card lost in the post cannot be used. Activate it before the first payment:',
        ) +
        ol(
          'In the app: Cards → select the new card → Activate, then confirm with your OTP.',
          'Or at any Banyan Bank ATM: insert the card and set a new PIN — the card is active at once.',
          'Or at a branch, with your ID card.',
        ) +
        p(
          'A replacement card has a new number: update it wherever you pay by card automatically (electricity, phone, subscriptions). The old card stops working as soon as the new one is activated.',
        ),
      answer:
        'Please activate the card in the app (Cards → Activate, confirmed with OTP) or set a new PIN at any of our ATMs. A replacement card has a new number, so update your automatic payments.',
      tags: ['activate card', 'new card', 'replacement card'],
    },
    'zh-CN': {
      title: '新卡或补发卡如何激活',
      body:
        p('新卡寄到时处于未激活状态，以免邮寄途中丢失被人盗用。首次消费前请先激活：') +
        ol(
          '手机银行：银行卡 → 选择新卡 → 激活，输入验证码确认。',
          '或在任一 Banyan 银行 ATM 插卡设置新密码，卡片即时激活。',
          '或携带身份证件到网点办理。',
        ) +
        p(
          '补发卡的卡号与原卡不同，请到自动扣款的地方（电费、话费、会员订阅等）更新卡号。新卡激活后，原卡立即停用。',
        ),
      answer:
        '请在手机银行“银行卡 → 激活”并用验证码确认，或在本行任一 ATM 设置新密码即可激活。补发卡卡号已变更，请及时更新自动扣款的卡号。',
      tags: ['激活', '新卡', '补发卡'],
    },
    vi: {
      title: 'Kích hoạt thẻ mới hoặc thẻ cấp lại',
      body:
        p(
          'Thẻ mới được giao ở trạng thái chưa kích hoạt để tránh bị dùng nếu thất lạc khi chuyển phát. Quý khách kích hoạt thẻ trước lần thanh toán đầu tiên:',
        ) +
        ol(
          'Trên ứng dụng: Thẻ → chọn thẻ mới → Kích hoạt, xác nhận bằng mã OTP.',
          'Hoặc tại bất kỳ ATM nào của Banyan Bank: đưa thẻ vào và đặt mã PIN mới, thẻ hoạt động ngay.',
          'Hoặc tại quầy giao dịch, mang theo CCCD.',
        ) +
        p(
          'Thẻ cấp lại có số thẻ mới: quý khách nhớ cập nhật ở những nơi trừ tiền tự động (tiền điện, cước điện thoại, các gói đăng ký). Thẻ cũ ngừng hoạt động ngay khi thẻ mới được kích hoạt.',
        ),
      answer:
        'Quý khách kích hoạt thẻ trên ứng dụng (Thẻ → Kích hoạt, xác nhận OTP) hoặc đặt mã PIN mới tại ATM của Banyan Bank. Thẻ cấp lại có số mới, quý khách vui lòng cập nhật các dịch vụ thanh toán tự động.',
      tags: ['kích hoạt thẻ', 'thẻ mới', 'cấp lại thẻ'],
    },
  },
  {
    key: 'contactless',
    category: 'cards',
    products: ['debit_card', 'credit_card'],
    visibility: 'public',
    en: {
      title: 'Contactless payments: limits and turning them off',
      body:
        p(
          'Tap your card or phone on the terminal to pay. Payments up to 1,000,000 VND need no PIN; above that the terminal asks for the PIN.',
        ) +
        p(
          'For your safety, after five contactless payments in a row without a PIN, the next payment asks for the PIN once.',
        ) +
        p(
          'You can turn contactless off or lower the no-PIN amount in the app: Cards → Settings → Contactless. The change applies within a minute.',
        ),
      answer:
        'Contactless payments up to 1,000,000 VND need no PIN; above that, or after five in a row, the terminal asks for it. You can turn contactless off in the app under Cards → Settings → Contactless.',
      tags: ['contactless', 'tap to pay', 'no PIN'],
    },
    'zh-CN': {
      title: '非接触式支付（闪付）：限额与关闭方法',
      body:
        p('将银行卡或手机靠近收款机即可付款。100 万越南盾以内免输密码，超过则需输入密码。') +
        p('为保障安全，连续五笔免密支付后，下一笔会要求输入一次密码。') +
        p('您可以在手机银行“银行卡 → 设置 → 闪付”中关闭闪付或调低免密金额，一分钟内生效。'),
      answer:
        '闪付 100 万越南盾以内免密，超过限额或连续五笔免密后需输入密码。如需关闭，请在手机银行“银行卡 → 设置 → 闪付”中操作。',
      tags: ['闪付', '免密支付', '非接触'],
    },
    vi: {
      title: 'Thanh toán không tiếp xúc: hạn mức và cách tắt',
      body:
        p(
          'Quý khách chạm thẻ hoặc điện thoại vào máy POS để thanh toán. Giao dịch đến 1.000.000 VND không cần nhập mã PIN; trên mức này máy sẽ yêu cầu PIN.',
        ) +
        p(
          'Để an toàn, sau năm giao dịch không tiếp xúc liên tiếp không nhập PIN, giao dịch kế tiếp sẽ yêu cầu nhập PIN một lần.',
        ) +
        p(
          'Quý khách có thể tắt tính năng không tiếp xúc hoặc giảm hạn mức không cần PIN trên ứng dụng: Thẻ → Cài đặt → Không tiếp xúc. Thay đổi có hiệu lực trong vòng một phút.',
        ),
      answer:
        'Giao dịch chạm thẻ đến 1.000.000 VND không cần PIN; trên mức này hoặc sau năm lần liên tiếp, máy sẽ yêu cầu PIN. Quý khách có thể tắt tính năng này trên ứng dụng tại Thẻ → Cài đặt → Không tiếp xúc.',
      tags: ['không tiếp xúc', 'chạm thẻ', 'thanh toán không cần PIN'],
    },
  },
  {
    key: 'update-details',
    category: 'accounts',
    products: ['current_account'],
    visibility: 'public',
    en: {
      title: 'Updating your phone number, address or ID card',
      body:
        h('In the app') +
        p(
          'Profile → Personal details: change your address and email at once. A new chip ID card can be updated by scanning it with the phone (NFC) and a face check.',
        ) +
        h('At a branch') +
        p(
          'A new phone number must be changed at a branch, with your ID card, because the OTP for every payment goes to it. The change takes effect the same day; until then OTPs go to the old number.',
        ) +
        p('We never ask you to update your details through a link in an SMS or email.'),
      answer:
        'You can change your address and email, and scan a new chip ID card, in the app under Profile → Personal details. A new phone number is changed at a branch with your ID card, the same day.',
      tags: ['update phone number', 'change address', 'ID card', 'personal details'],
    },
    'zh-CN': {
      title: '更新手机号、地址或身份证件',
      body:
        h('在手机银行办理') +
        p(
          '“我的 → 个人信息”中可直接修改地址和邮箱。换发新的芯片身份证后，可用手机 NFC 读取证件并进行人脸核验完成更新。',
        ) +
        h('到网点办理') +
        p(
          '更换手机号须本人携带身份证件到网点办理，因为每笔支付的验证码都发送到该号码。当天生效，生效前验证码仍发送到原号码。',
        ) +
        p('本行绝不会通过短信或邮件中的链接要求您更新个人信息。'),
      answer:
        '地址和邮箱可在手机银行“我的 → 个人信息”中修改，新的芯片身份证也可在手机银行读取更新。更换手机号需本人携带身份证件到网点办理，当天生效。',
      tags: ['更换手机号', '修改地址', '身份证', '个人信息'],
    },
    vi: {
      title: 'Cập nhật số điện thoại, địa chỉ hoặc CCCD',
      body:
        h('Trên ứng dụng') +
        p(
          'Cá nhân → Thông tin cá nhân: đổi địa chỉ và email ngay lập tức. Khi có CCCD gắn chip mới, quý khách quét thẻ bằng điện thoại (NFC) và xác thực khuôn mặt để cập nhật.',
        ) +
        h('Tại quầy giao dịch') +
        p(
          'Đổi số điện thoại phải thực hiện tại quầy, mang theo CCCD, vì mã OTP của mọi giao dịch đều gửi về số này. Thay đổi có hiệu lực trong ngày; trước đó OTP vẫn gửi về số cũ.',
        ) +
        p(
          'Ngân hàng không bao giờ yêu cầu quý khách cập nhật thông tin qua đường link trong tin nhắn hay email.',
        ),
      answer:
        'Quý khách đổi địa chỉ, email và cập nhật CCCD gắn chip trên ứng dụng tại Cá nhân → Thông tin cá nhân. Riêng số điện thoại cần đổi tại quầy giao dịch, mang theo CCCD, có hiệu lực trong ngày.',
      tags: ['đổi số điện thoại', 'cập nhật CCCD', 'thông tin cá nhân'],
    },
  },
  {
    key: 'qr-payment',
    category: 'ebanking',
    products: ['mobile_app'],
    visibility: 'public',
    en: {
      title: 'Paying and receiving money by QR code',
      body:
        p(
          'In the app, tap Scan QR and point the camera at a VietQR code: the account and often the amount are filled in for you. Check the name shown before you confirm with your OTP or fingerprint.',
        ) +
        p(
          'To receive money, open Accounts → My QR: anyone can scan it with any Vietnamese banking app. QR payments are free and count towards your daily transfer limit.',
        ) +
        p(
          'A QR code sent to you by a stranger that "refunds" or "releases" money is a scam: scanning a code only ever pays out.',
        ),
      answer:
        'Tap Scan QR in the app, check the recipient name and confirm. To receive money, share Accounts → My QR. QR payments are free and count towards your daily transfer limit.',
      tags: ['QR code', 'VietQR', 'scan to pay'],
    },
    'zh-CN': {
      title: '扫码付款与收款',
      body:
        p(
          '在手机银行点击“扫一扫”，对准 VietQR 二维码，收款账户（通常还有金额）会自动填好。确认前请核对显示的收款人姓名，再用验证码或指纹确认。',
        ) +
        p(
          '收款时打开“账户 → 我的收款码”，对方用任何越南银行的 App 都能扫码转账。扫码支付免手续费，计入每日转账限额。',
        ) +
        p('陌生人发来的所谓“退款码”“解冻码”都是诈骗：扫码只会付出，不会收到钱。'),
      answer:
        '在手机银行点“扫一扫”，核对收款人姓名后确认即可付款；收款请出示“账户 → 我的收款码”。扫码支付免费，计入每日转账限额。',
      tags: ['二维码', '扫码支付', '收款码'],
    },
    vi: {
      title: 'Thanh toán và nhận tiền bằng mã QR',
      body:
        p(
          'Trên ứng dụng, chọn Quét QR và đưa camera vào mã VietQR: số tài khoản, thường cả số tiền, được điền sẵn. Quý khách kiểm tra tên người nhận trước khi xác nhận bằng OTP hoặc vân tay.',
        ) +
        p(
          'Để nhận tiền, mở Tài khoản → QR của tôi: người chuyển quét bằng ứng dụng của bất kỳ ngân hàng nào tại Việt Nam. Thanh toán QR miễn phí và tính vào hạn mức chuyển tiền trong ngày.',
        ) +
        p(
          'Người lạ gửi mã QR để "hoàn tiền" hay "mở khóa tiền" là lừa đảo: quét mã chỉ có thể chuyển tiền đi.',
        ),
      answer:
        'Quý khách chọn Quét QR trên ứng dụng, kiểm tra tên người nhận rồi xác nhận. Để nhận tiền, gửi mã tại Tài khoản → QR của tôi. Thanh toán QR miễn phí và tính vào hạn mức chuyển tiền trong ngày.',
      tags: ['mã QR', 'VietQR', 'quét mã thanh toán'],
    },
  },
  {
    key: 'home-loan',
    category: 'loans',
    products: ['mortgage'],
    visibility: 'public',
    en: {
      title: 'Home loans: how much, how long, what to bring',
      body:
        ul(
          'Up to 70% of the value of the home, for up to 25 years.',
          'Fixed rate of 7.5% a year for the first 12 months, then the reference rate plus 3.5%.',
          'The home you buy is the security; the loan is paid out to the seller.',
        ) +
        h('Documents') +
        ol(
          'ID card of the borrowers (and spouse).',
          'Proof of income for the last 6 months: payslips or bank statements.',
          'The purchase agreement and the land-use right certificate of the home.',
        ) +
        p(
          'An advisor calls you within one working day after an application in the app; the decision usually takes 5 working days.',
        ),
      answer:
        'We lend up to 70% of the home value for up to 25 years, at 7.5% fixed for the first year. Bring your ID card, 6 months of income proof and the purchase agreement; the decision takes about 5 working days.',
      tags: ['home loan', 'mortgage', 'buy a house'],
    },
    'zh-CN': {
      title: '住房贷款：额度、期限与所需材料',
      body:
        ul(
          '最高可贷房产价值的 70%，期限最长 25 年。',
          '前 12 个月固定年利率 7.5%，之后为基准利率加 3.5%。',
          '以所购房产作抵押，贷款直接划付给卖方。',
        ) +
        h('所需材料') +
        ol(
          '借款人（及配偶）身份证件。',
          '近 6 个月收入证明：工资单或银行流水。',
          '购房合同及房产的土地使用权证。',
        ) +
        p('在手机银行提交申请后，客户经理会在一个工作日内与您联系，审批一般需要 5 个工作日。'),
      answer:
        '住房贷款最高可贷房产价值的 70%，期限最长 25 年，首年固定年利率 7.5%。请准备身份证件、近 6 个月收入证明和购房合同，审批约需 5 个工作日。',
      tags: ['房贷', '住房贷款', '按揭'],
    },
    vi: {
      title: 'Vay mua nhà: vay bao nhiêu, bao lâu, cần giấy tờ gì',
      body:
        ul(
          'Vay tối đa 70% giá trị căn nhà, thời hạn đến 25 năm.',
          'Lãi suất cố định 7,5%/năm trong 12 tháng đầu, sau đó bằng lãi suất cơ sở cộng 3,5%.',
          'Tài sản bảo đảm là chính căn nhà mua; tiền vay được giải ngân thẳng cho bên bán.',
        ) +
        h('Hồ sơ cần chuẩn bị') +
        ol(
          'CCCD của người vay (và vợ/chồng).',
          'Chứng minh thu nhập 6 tháng gần nhất: bảng lương hoặc sao kê tài khoản.',
          'Hợp đồng mua bán và giấy chứng nhận quyền sử dụng đất của căn nhà.',
        ) +
        p(
          'Sau khi quý khách đăng ký trên ứng dụng, chuyên viên tư vấn sẽ gọi lại trong một ngày làm việc; thời gian phê duyệt thường là 5 ngày làm việc.',
        ),
      answer:
        'Ngân hàng cho vay mua nhà tối đa 70% giá trị căn nhà, thời hạn đến 25 năm, lãi suất cố định 7,5%/năm trong năm đầu. Quý khách chuẩn bị CCCD, chứng minh thu nhập 6 tháng và hợp đồng mua bán; phê duyệt khoảng 5 ngày làm việc.',
      tags: ['vay mua nhà', 'vay thế chấp', 'mua nhà trả góp'],
    },
  },
  {
    key: 'card-dispute',
    category: 'complaints',
    products: ['debit_card', 'credit_card'],
    visibility: 'public',
    en: {
      title: 'A card payment you do not recognise or that was charged twice',
      body:
        p(
          'First lock the card in the app if you think someone else used it. Then open the transaction in the app and tap Dispute, or call 1900 1234.',
        ) +
        ul(
          'Charged twice, or goods never delivered: tell us within 60 days of the statement date.',
          'We ask the merchant’s bank for the money back through the card scheme; this takes up to 45 working days.',
          'For a credit card, the disputed amount is set aside: you do not pay interest on it while we investigate.',
        ),
      answer:
        'Please lock the card if you suspect fraud, then tap Dispute on the transaction in the app or call 1900 1234. Tell us within 60 days of the statement; recovering the money through the card scheme takes up to 45 working days.',
      tags: ['dispute', 'chargeback', 'charged twice', 'unknown transaction'],
    },
    'zh-CN': {
      title: '不认识的刷卡交易或重复扣款',
      body:
        p(
          '如怀疑卡片被他人盗刷，请先在手机银行锁卡。然后在手机银行打开该笔交易，点击“交易争议”，或致电 1900 1234。',
        ) +
        ul(
          '重复扣款或付款后未收到商品：请在账单日起 60 天内提出。',
          '我们会通过卡组织向商户银行追回款项，最长需 45 个工作日。',
          '信用卡的争议金额在调查期间暂不计息。',
        ),
      answer:
        '如怀疑盗刷请先锁卡，然后在手机银行该笔交易中点击“交易争议”或致电 1900 1234。请在账单日起 60 天内提出，通过卡组织追回款项最长需 45 个工作日。',
      tags: ['交易争议', '重复扣款', '盗刷', '退单'],
    },
    vi: {
      title: 'Giao dịch thẻ lạ hoặc bị trừ tiền hai lần',
      body:
        p(
          'Nếu nghi ngờ có người khác dùng thẻ, quý khách khóa thẻ ngay trên ứng dụng. Sau đó mở giao dịch trên ứng dụng và chọn Khiếu nại giao dịch, hoặc gọi 1900 1234.',
        ) +
        ul(
          'Bị trừ tiền hai lần hoặc đã thanh toán mà không nhận được hàng: báo trong vòng 60 ngày kể từ ngày sao kê.',
          'Ngân hàng đề nghị ngân hàng của đơn vị bán hàng hoàn tiền qua tổ chức thẻ; thời gian tối đa 45 ngày làm việc.',
          'Với thẻ tín dụng, số tiền đang khiếu nại không bị tính lãi trong thời gian xử lý.',
        ),
      answer:
        'Quý khách khóa thẻ nếu nghi ngờ gian lận, sau đó chọn Khiếu nại giao dịch trên ứng dụng hoặc gọi 1900 1234. Vui lòng báo trong vòng 60 ngày kể từ ngày sao kê; việc hoàn tiền qua tổ chức thẻ mất tối đa 45 ngày làm việc.',
      tags: ['khiếu nại giao dịch', 'trừ tiền hai lần', 'giao dịch lạ'],
    },
  },
  {
    key: 'card-installment',
    category: 'cards_credit',
    products: ['credit_card'],
    visibility: 'public',
    en: {
      title: 'Paying a credit card purchase in instalments',
      body:
        p(
          'Any credit card purchase of 3,000,000 VND or more can be split into 3, 6, 9 or 12 monthly instalments, within 30 days of the purchase.',
        ) +
        ul(
          '0% interest at partner shops (electronics, airlines, hospitals) — the list is in the app.',
          'Elsewhere a one-off conversion fee of 1.5% of the amount for 3 months, 3% for 6 months, 4.5% for 9 or 12 months.',
          'Each instalment appears on your statement and is part of the minimum payment.',
        ) +
        p(
          'In the app: Cards → Transactions → choose the purchase → Pay in instalments. Paying off early costs 2% of the remaining amount.',
        ),
      answer:
        'Purchases of 3,000,000 VND or more can be split into 3–12 monthly instalments within 30 days: 0% at partner shops, otherwise a one-off fee of 1.5–4.5%. In the app: Cards → Transactions → Pay in instalments.',
      tags: ['instalments', 'installment plan', '0% interest', 'credit card'],
    },
    'zh-CN': {
      title: '信用卡消费分期付款',
      body:
        p('单笔 300 万越南盾及以上的信用卡消费，可在消费后 30 天内申请分 3、6、9 或 12 期按月还款。') +
        ul(
          '在合作商户（电器、航空公司、医院等）0 利率，商户名单见手机银行。',
          '其他商户一次性收取分期手续费：3 期为金额的 1.5%，6 期 3%，9 期或 12 期 4.5%。',
          '每期金额计入当期账单，属于最低还款额的一部分。',
        ) +
        p('手机银行操作：银行卡 → 交易明细 → 选择该笔消费 → 分期付款。提前结清收取剩余本金的 2%。'),
      answer:
        '单笔 300 万越南盾及以上的消费可在 30 天内申请分 3 至 12 期：合作商户 0 利率，其他商户一次性收取 1.5%–4.5% 手续费。请在手机银行“银行卡 → 交易明细 → 分期付款”中办理。',
      tags: ['分期', '信用卡分期', '0 利率'],
    },
    vi: {
      title: 'Trả góp giao dịch thẻ tín dụng',
      body:
        p(
          'Mỗi giao dịch thẻ tín dụng từ 3.000.000 VND có thể chuyển thành trả góp 3, 6, 9 hoặc 12 tháng, trong vòng 30 ngày kể từ ngày giao dịch.',
        ) +
        ul(
          'Lãi suất 0% tại các đơn vị liên kết (điện máy, hãng hàng không, bệnh viện) — danh sách có trên ứng dụng.',
          'Ở nơi khác, phí chuyển đổi một lần: 1,5% số tiền cho kỳ hạn 3 tháng, 3% cho 6 tháng, 4,5% cho 9 hoặc 12 tháng.',
          'Mỗi kỳ trả góp được ghi vào sao kê và nằm trong số tiền thanh toán tối thiểu.',
        ) +
        p(
          'Trên ứng dụng: Thẻ → Giao dịch → chọn giao dịch → Trả góp. Tất toán trước hạn mất phí 2% số tiền còn lại.',
        ),
      answer:
        'Giao dịch từ 3.000.000 VND có thể chuyển trả góp 3–12 tháng trong vòng 30 ngày: 0% tại đơn vị liên kết, nơi khác phí một lần 1,5–4,5%. Quý khách thực hiện trên ứng dụng tại Thẻ → Giao dịch → Trả góp.',
      tags: ['trả góp', 'trả góp 0%', 'thẻ tín dụng'],
    },
  },
  {
    key: 'dormant-account',
    category: 'accounts',
    products: ['current_account'],
    visibility: 'public',
    en: {
      title: 'An account unused for a long time (dormant account)',
      body:
        p(
          'An account with no transaction made by you for 12 months becomes dormant: it still receives money and earns interest, but you cannot send money or pay from it, and its cards stop working.',
        ) +
        p(
          'To reactivate it, come to any branch with your ID card; it works again at once. After 5 years dormant with a zero balance, we close the account and write to you first.',
        ),
      answer:
        'After 12 months without a transaction of yours the account becomes dormant: money still comes in, but you cannot pay from it. Bring your ID card to any branch and it is reactivated at once.',
      tags: ['dormant account', 'inactive account', 'reactivate account'],
    },
    'zh-CN': {
      title: '长期未使用的账户（休眠账户）',
      body:
        p(
          '账户连续 12 个月没有本人发起的交易即转为休眠：仍可收款并计息，但不能转出或付款，关联的银行卡也会停用。',
        ) +
        p(
          '如需激活，请本人携带身份证件到任一网点办理，即时恢复使用。休眠满 5 年且余额为零的账户，本行会先书面通知您再予以销户。',
        ),
      answer:
        '账户 12 个月无本人交易即转为休眠，可以收款但不能转出或付款。请携带身份证件到任一网点，即可当场激活。',
      tags: ['休眠账户', '久悬账户', '账户激活'],
    },
    vi: {
      title: 'Tài khoản lâu không sử dụng (tài khoản ngủ)',
      body:
        p(
          'Tài khoản không có giao dịch do quý khách thực hiện trong 12 tháng sẽ chuyển sang trạng thái ngủ: vẫn nhận được tiền và hưởng lãi, nhưng không thể chuyển tiền hay thanh toán, thẻ liên kết cũng ngừng hoạt động.',
        ) +
        p(
          'Để kích hoạt lại, quý khách mang CCCD đến bất kỳ quầy giao dịch nào, tài khoản hoạt động lại ngay. Tài khoản ngủ quá 5 năm và số dư bằng 0 sẽ bị đóng, ngân hàng sẽ gửi thông báo trước.',
        ),
      answer:
        'Tài khoản không phát sinh giao dịch của quý khách trong 12 tháng sẽ chuyển sang trạng thái ngủ: vẫn nhận tiền nhưng không chuyển đi được. Quý khách mang CCCD đến quầy giao dịch để kích hoạt lại ngay.',
      tags: ['tài khoản ngủ', 'tài khoản không hoạt động', 'mở lại tài khoản'],
    },
  },
  {
    key: 'fx-travel-cash',
    category: 'fx',
    products: ['fx'],
    visibility: 'public',
    en: {
      title: 'Buying foreign currency cash for a trip',
      body:
        p('You can buy US dollars, euros, yen, won, baht and yuan in cash at branches for travel abroad.') +
        ol(
          'Bring your ID card or passport, your ticket and your visa (if the country needs one).',
          'Up to the equivalent of 5,000 USD per trip without further papers; more needs proof of the purpose (study, medical treatment).',
          'Order in the app a day ahead for amounts over 2,000 USD or for currencies other than USD and EUR.',
        ) +
        p(
          'The rate is the branch’s cash selling rate of the moment. You may carry up to 5,000 USD out of Vietnam without declaring it at customs.',
        ),
      answer:
        'Bring your ID card or passport, ticket and visa to a branch; up to 5,000 USD per trip needs no further papers. Order a day ahead in the app for larger amounts or currencies other than USD and EUR.',
      tags: ['buy foreign currency', 'travel money', 'cash USD'],
    },
    'zh-CN': {
      title: '出国旅行购买外币现钞',
      body:
        p('出境旅行可在网点购买美元、欧元、日元、韩元、泰铢和人民币现钞。') +
        ol(
          '携带身份证或护照、机票及签证（如目的地需要）。',
          '每次出行等值 5,000 美元以内无需其他材料；超过需提供用途证明（留学、就医等）。',
          '2,000 美元以上或美元、欧元以外的币种，请提前一天在手机银行预约。',
        ) +
        p('按网点当时的现钞卖出价兑换。出境时携带不超过 5,000 美元现金无需向海关申报。'),
      answer:
        '请携带身份证或护照、机票和签证到网点办理，每次出行等值 5,000 美元以内无需其他材料。金额较大或非美元、欧元币种请提前一天在手机银行预约。',
      tags: ['购汇', '外币现钞', '出国换汇'],
    },
    vi: {
      title: 'Mua ngoại tệ tiền mặt khi đi du lịch nước ngoài',
      body:
        p(
          'Quý khách có thể mua đô la Mỹ, euro, yên, won, baht và nhân dân tệ tiền mặt tại quầy giao dịch khi ra nước ngoài.',
        ) +
        ol(
          'Mang theo CCCD hoặc hộ chiếu, vé máy bay và thị thực (nếu nước đến yêu cầu).',
          'Tối đa tương đương 5.000 USD mỗi chuyến không cần giấy tờ khác; nhiều hơn cần chứng minh mục đích (du học, chữa bệnh).',
          'Số tiền trên 2.000 USD hoặc ngoại tệ khác USD, EUR vui lòng đặt trước một ngày trên ứng dụng.',
        ) +
        p(
          'Tỷ giá là giá bán tiền mặt của quầy tại thời điểm giao dịch. Quý khách được mang tối đa 5.000 USD ra khỏi Việt Nam mà không phải khai báo hải quan.',
        ),
      answer:
        'Quý khách mang CCCD hoặc hộ chiếu, vé máy bay và thị thực đến quầy giao dịch; tối đa 5.000 USD mỗi chuyến không cần giấy tờ khác. Số tiền lớn hoặc ngoại tệ khác USD, EUR vui lòng đặt trước một ngày trên ứng dụng.',
      tags: ['mua ngoại tệ', 'đổi tiền đi du lịch', 'đô la tiền mặt'],
    },
  },
  {
    key: 'scheduled-transfer',
    category: 'transfers',
    products: ['mobile_app'],
    visibility: 'public',
    en: {
      title: 'Scheduled and recurring transfers',
      body:
        p(
          'In the app, Transfer → Schedule: choose a date, or repeat weekly or monthly (rent, tuition, sending money to family). Confirm once with your OTP; each transfer then goes out on its own at 7:00.',
        ) +
        ul(
          'If the balance is short that morning, we try again at 12:00 and 17:00, then skip that time and tell you.',
          'Change or stop a schedule under Transfer → Scheduled, up to the evening before.',
          'Scheduled transfers count towards the daily limit of the day they go out.',
        ),
      answer:
        'Set it up in the app under Transfer → Schedule (one date, weekly or monthly) and confirm once with OTP; transfers go out at 7:00. You can change or stop it under Transfer → Scheduled until the evening before.',
      tags: ['scheduled transfer', 'recurring transfer', 'standing order'],
    },
    'zh-CN': {
      title: '预约转账与定期转账',
      body:
        p(
          '在手机银行“转账 → 预约转账”中选择日期，或设置每周、每月重复（房租、学费、给家人汇款）。用验证码确认一次后，每笔转账都会在当天 7:00 自动发出。',
        ) +
        ul(
          '当天早上余额不足时，会在 12:00 和 17:00 再试，仍不足则跳过本次并通知您。',
          '最晚在前一天晚上，可在“转账 → 已预约”中修改或取消。',
          '预约转账计入发出当天的每日转账限额。',
        ),
      answer:
        '请在手机银行“转账 → 预约转账”中设置日期或每周、每月重复，用验证码确认一次即可，转账于当天 7:00 发出。前一天晚上之前都可以在“转账 → 已预约”中修改或取消。',
      tags: ['预约转账', '定期转账', '自动转账'],
    },
    vi: {
      title: 'Chuyển tiền đặt lịch và định kỳ',
      body:
        p(
          'Trên ứng dụng, chọn Chuyển tiền → Đặt lịch: chọn một ngày, hoặc lặp lại hằng tuần, hằng tháng (tiền nhà, học phí, gửi tiền cho gia đình). Xác nhận một lần bằng OTP; mỗi lệnh sẽ tự động chuyển lúc 7:00.',
        ) +
        ul(
          'Nếu sáng hôm đó số dư không đủ, hệ thống thử lại lúc 12:00 và 17:00, sau đó bỏ qua lần này và báo cho quý khách.',
          'Sửa hoặc hủy lịch tại Chuyển tiền → Lệnh đã đặt, chậm nhất vào tối hôm trước.',
          'Lệnh đặt lịch tính vào hạn mức chuyển tiền của ngày thực hiện.',
        ),
      answer:
        'Quý khách vào Chuyển tiền → Đặt lịch trên ứng dụng (một ngày, hằng tuần hoặc hằng tháng) và xác nhận một lần bằng OTP; lệnh được chuyển lúc 7:00. Có thể sửa hoặc hủy tại Chuyển tiền → Lệnh đã đặt đến tối hôm trước.',
      tags: ['chuyển tiền định kỳ', 'đặt lịch chuyển tiền', 'chuyển khoản tự động'],
    },
  },
  {
    key: 'overdraft',
    category: 'accounts',
    products: ['current_account'],
    visibility: 'public',
    en: {
      title: 'Overdraft on a salary account',
      body:
        p(
          'If your salary has been paid into a Banyan Bank account for at least 6 months, you can spend beyond your balance up to twice your monthly salary (at most 100 million VND), without collateral.',
        ) +
        ul(
          'Interest of 14% a year only on the amount you actually use, for the days you use it.',
          'The overdraft is repaid automatically from your next salary.',
          'It is reviewed every 12 months; if the salary stops coming in, the overdraft ends and the balance used becomes due within 30 days.',
        ) +
        p('Apply in the app under Loans → Overdraft; the answer comes within one working day.'),
      answer:
        'With your salary paid here for 6 months, you can overdraw up to twice your monthly salary (max 100 million VND) at 14% a year on the amount used. Apply in the app under Loans → Overdraft.',
      tags: ['overdraft', 'salary account', 'spend beyond balance'],
    },
    'zh-CN': {
      title: '工资账户透支',
      body:
        p(
          '工资在 Banyan 银行账户代发满 6 个月的客户，可在余额之外透支，额度最高为月工资的两倍（不超过 1 亿越南盾），无需抵押。',
        ) +
        ul(
          '只对实际使用的金额按实际天数计息，年利率 14%。',
          '下次工资入账时自动归还透支款。',
          '每 12 个月复审一次；工资停发后透支额度终止，已用金额须在 30 天内还清。',
        ) +
        p('请在手机银行“贷款 → 透支”中申请，一个工作日内答复。'),
      answer:
        '工资在本行代发满 6 个月即可申请透支，额度最高为月工资的两倍（不超过 1 亿越南盾），按实际使用金额计息，年利率 14%。请在手机银行“贷款 → 透支”中申请。',
      tags: ['透支', '工资卡', '工资账户'],
    },
    vi: {
      title: 'Thấu chi tài khoản nhận lương',
      body:
        p(
          'Khách hàng nhận lương qua tài khoản Banyan Bank từ 6 tháng trở lên có thể chi tiêu vượt số dư, tối đa hai lần lương tháng (không quá 100 triệu VND), không cần tài sản bảo đảm.',
        ) +
        ul(
          'Lãi suất 14%/năm, chỉ tính trên số tiền thực dùng và số ngày thực dùng.',
          'Khoản thấu chi được tự động trả từ kỳ lương tiếp theo.',
          'Hạn mức được xem xét lại mỗi 12 tháng; nếu ngừng nhận lương, thấu chi chấm dứt và số đã dùng phải trả trong 30 ngày.',
        ) +
        p('Quý khách đăng ký trên ứng dụng tại Khoản vay → Thấu chi; có kết quả trong một ngày làm việc.'),
      answer:
        'Nhận lương qua Banyan Bank từ 6 tháng, quý khách được thấu chi tối đa hai lần lương tháng (không quá 100 triệu VND), lãi 14%/năm trên số tiền thực dùng. Đăng ký trên ứng dụng tại Khoản vay → Thấu chi.',
      tags: ['thấu chi', 'tài khoản lương', 'chi tiêu vượt số dư'],
    },
  },
  {
    key: 'late-loan-payment',
    category: 'loans',
    products: ['personal_loan', 'mortgage'],
    visibility: 'public',
    en: {
      title: 'A loan payment was missed or paid late',
      body:
        p('If an instalment is not paid on its due date:') +
        ol(
          'From the next day, late interest of 150% of the loan rate applies to the overdue amount only.',
          'We remind you by SMS and in the app on days 1, 5 and 10.',
          'After 10 days the late payment is reported to the National Credit Information Centre (CIC), which other banks see when you apply for credit.',
        ) +
        p(
          'If you expect difficulty paying, call 1900 1234 before the due date: we can move the date or restructure the loan once a year.',
        ),
      answer:
        'A late instalment costs late interest of 150% of the loan rate on the overdue amount, and after 10 days it is reported to the CIC. If you expect difficulty, call 1900 1234 before the due date to move it.',
      tags: ['late payment', 'missed instalment', 'CIC', 'overdue loan'],
    },
    'zh-CN': {
      title: '贷款逾期或漏还怎么办',
      body:
        p('若某期还款未在到期日还清：') +
        ol(
          '自次日起，仅就逾期金额按贷款利率的 150% 计收逾期利息。',
          '第 1、5、10 天我们会通过短信和手机银行提醒您。',
          '逾期超过 10 天将报送国家征信中心（CIC），其他银行审批贷款时可以看到。',
        ) +
        p('如预计还款困难，请在到期日前致电 1900 1234：每年可申请一次调整还款日或重新安排还款计划。'),
      answer:
        '逾期金额按贷款利率的 150% 计收逾期利息，逾期超过 10 天会报送国家征信中心。如预计还款困难，请在到期日前致电 1900 1234 申请调整。',
      tags: ['逾期', '还款逾期', '征信'],
    },
    vi: {
      title: 'Chậm trả hoặc quên trả một kỳ khoản vay',
      body:
        p('Nếu một kỳ trả nợ không được thanh toán đúng hạn:') +
        ol(
          'Từ ngày hôm sau, lãi quá hạn bằng 150% lãi suất khoản vay, chỉ tính trên số tiền quá hạn.',
          'Ngân hàng nhắc quý khách qua SMS và trên ứng dụng vào ngày thứ 1, 5 và 10.',
          'Quá 10 ngày, khoản chậm trả được báo lên Trung tâm Thông tin tín dụng Quốc gia (CIC), các ngân hàng khác sẽ thấy khi quý khách vay vốn.',
        ) +
        p(
          'Nếu dự kiến khó khăn trong việc trả nợ, quý khách gọi 1900 1234 trước ngày đến hạn: mỗi năm có thể đổi ngày trả hoặc cơ cấu lại khoản vay một lần.',
        ),
      answer:
        'Kỳ trả nợ chậm sẽ chịu lãi quá hạn bằng 150% lãi suất khoản vay trên số tiền quá hạn, quá 10 ngày sẽ bị báo lên CIC. Nếu dự kiến khó khăn, quý khách vui lòng gọi 1900 1234 trước ngày đến hạn.',
      tags: ['trả nợ chậm', 'nợ quá hạn', 'CIC'],
    },
  },
  {
    key: 'receive-remittance',
    category: 'fx',
    products: ['fx', 'current_account'],
    visibility: 'public',
    en: {
      title: 'Receiving money from abroad',
      body:
        p('Give the sender these details:') +
        ul(
          'Your full name exactly as on your ID card, and your account number.',
          'Bank: Banyan Bank, SWIFT code BANYVNVX, address 12 Tràng Tiền, Hoàn Kiếm, Hà Nội.',
        ) +
        p(
          'Money in USD, EUR, JPY or AUD arrives in 1–2 working days. You can keep it in a foreign currency account or have it converted to VND at the transfer buying rate on arrival. Receiving is free; the sender’s and intermediary banks may take their own fees.',
        ),
      answer:
        'Give the sender your full name as on your ID card, your account number and our SWIFT code BANYVNVX. The money arrives in 1–2 working days; receiving it is free.',
      tags: ['receive money from abroad', 'remittance', 'SWIFT code', 'incoming transfer'],
    },
    'zh-CN': {
      title: '接收境外汇款',
      body:
        p('请把以下信息提供给汇款人：') +
        ul(
          '收款人全名（与身份证件一致）和账号。',
          '银行：Banyan Bank，SWIFT 代码 BANYVNVX，地址 12 Tràng Tiền, Hoàn Kiếm, Hà Nội。',
        ) +
        p(
          '美元、欧元、日元、澳元汇款 1 至 2 个工作日到账。可存入外币账户，也可在到账时按汇买价兑换成越南盾。本行收款免费，汇出行和中转行可能另收费用。',
        ),
      answer:
        '请向汇款人提供与证件一致的全名、账号以及本行 SWIFT 代码 BANYVNVX。汇款 1 至 2 个工作日到账，本行收款免费。',
      tags: ['境外汇款', '收汇', 'SWIFT 代码'],
    },
    vi: {
      title: 'Nhận tiền từ nước ngoài',
      body:
        p('Quý khách cung cấp cho người gửi các thông tin sau:') +
        ul(
          'Họ tên đầy đủ đúng như trên CCCD và số tài khoản.',
          'Ngân hàng: Banyan Bank, mã SWIFT BANYVNVX, địa chỉ 12 Tràng Tiền, Hoàn Kiếm, Hà Nội.',
        ) +
        p(
          'Tiền bằng USD, EUR, JPY hoặc AUD về tài khoản trong 1–2 ngày làm việc. Quý khách có thể giữ trong tài khoản ngoại tệ hoặc quy đổi sang VND theo tỷ giá mua chuyển khoản khi tiền về. Ngân hàng không thu phí nhận; ngân hàng gửi và ngân hàng trung gian có thể thu phí riêng.',
        ),
      answer:
        'Quý khách cung cấp cho người gửi họ tên đúng như CCCD, số tài khoản và mã SWIFT BANYVNVX. Tiền về trong 1–2 ngày làm việc, ngân hàng không thu phí nhận.',
      tags: ['nhận tiền nước ngoài', 'kiều hối', 'mã SWIFT'],
    },
  },
  {
    key: 'balance-certificate',
    category: 'accounts',
    products: ['current_account', 'savings'],
    visibility: 'public',
    en: {
      title: 'Balance certificate and stamped statements (for a visa or study abroad)',
      body:
        p(
          'Embassies and schools often ask for a bank confirmation of your balance. Order it in the app (Accounts → Certificates) or at a branch:',
        ) +
        ul(
          'Balance certificate in English or Vietnamese, for one or more accounts or deposits: 100,000 VND per copy.',
          'Stamped account statement for up to 12 months: 50,000 VND per copy.',
          'Ready the next working day at the branch you choose, or delivered by post in 3 days.',
        ) +
        p('The amount certified can be frozen until a date you choose, if the embassy requires it.'),
      answer:
        'Order a balance certificate (100,000 VND a copy, English or Vietnamese) or a stamped statement (50,000 VND) in the app under Accounts → Certificates or at a branch; it is ready the next working day.',
      tags: ['balance certificate', 'bank confirmation', 'visa', 'statement'],
    },
    'zh-CN': {
      title: '存款证明与盖章流水（办签证、留学）',
      body:
        p('使馆和学校常要求提供银行存款证明。可在手机银行“账户 → 证明”或网点申请：') +
        ul(
          '存款证明（英文或越南文），可包含一个或多个账户、定期存款：每份 10 万越南盾。',
          '最长 12 个月的盖章账户流水：每份 5 万越南盾。',
          '下一个工作日可在指定网点领取，或 3 天内邮寄到家。',
        ) +
        p('如使馆要求，证明金额可冻结至您指定的日期。'),
      answer:
        '存款证明每份 10 万越南盾（英文或越南文），盖章流水每份 5 万越南盾，可在手机银行“账户 → 证明”或网点申请，下一个工作日即可领取。',
      tags: ['存款证明', '银行流水', '签证'],
    },
    vi: {
      title: 'Xác nhận số dư và sao kê có đóng dấu (xin thị thực, du học)',
      body:
        p(
          'Đại sứ quán và trường học thường yêu cầu giấy xác nhận số dư của ngân hàng. Quý khách đăng ký trên ứng dụng (Tài khoản → Giấy xác nhận) hoặc tại quầy giao dịch:',
        ) +
        ul(
          'Xác nhận số dư bằng tiếng Anh hoặc tiếng Việt, cho một hoặc nhiều tài khoản, sổ tiết kiệm: 100.000 VND mỗi bản.',
          'Sao kê tài khoản có đóng dấu, tối đa 12 tháng: 50.000 VND mỗi bản.',
          'Nhận tại quầy đã chọn vào ngày làm việc tiếp theo, hoặc gửi bưu điện trong 3 ngày.',
        ) +
        p('Nếu đại sứ quán yêu cầu, số tiền được xác nhận có thể phong tỏa đến ngày quý khách chọn.'),
      answer:
        'Quý khách đăng ký xác nhận số dư (100.000 VND mỗi bản, tiếng Anh hoặc tiếng Việt) hoặc sao kê có đóng dấu (50.000 VND) trên ứng dụng tại Tài khoản → Giấy xác nhận hoặc tại quầy; nhận vào ngày làm việc tiếp theo.',
      tags: ['xác nhận số dư', 'sao kê có dấu', 'xin visa'],
    },
  },
  {
    key: 'biometric-login',
    category: 'ebanking',
    products: ['mobile_app'],
    visibility: 'public',
    en: {
      title: 'Fingerprint or face login, and moving the app to a new phone',
      body:
        p(
          'Turn on fingerprint or face login under Settings → Security → Biometric login, confirming with your password. Payments above 10 million VND a day also ask for a face check against your ID card, as the State Bank requires.',
        ) +
        h('New phone') +
        ol(
          'Install the app on the new phone and sign in with your username and password.',
          'Confirm with the OTP sent to your registered phone number, then with a face check.',
          'The old phone is signed out at once: the app works on one phone at a time.',
        ),
      answer:
        'Turn on biometric login under Settings → Security. On a new phone, sign in with your password, confirm with OTP and a face check; the old phone is signed out automatically.',
      tags: ['fingerprint login', 'face ID', 'new phone', 'biometrics'],
    },
    'zh-CN': {
      title: '指纹或面容登录，以及换手机后如何使用手机银行',
      body:
        p(
          '在“设置 → 安全 → 生物识别登录”中输入密码即可开启指纹或面容登录。按国家银行规定，单日累计支付超过 1000 万越南盾时，还需与身份证件进行人脸比对。',
        ) +
        h('更换新手机') +
        ol(
          '在新手机上安装手机银行，用用户名和密码登录。',
          '输入发送到预留手机号的验证码，再完成人脸核验。',
          '旧手机会立即退出登录：手机银行同一时间只能在一部手机上使用。',
        ),
      answer:
        '在“设置 → 安全”中开启生物识别登录。换新手机时用密码登录，再通过验证码和人脸核验确认，旧手机会自动退出。',
      tags: ['指纹登录', '面容登录', '换手机'],
    },
    vi: {
      title: 'Đăng nhập bằng vân tay, khuôn mặt và chuyển ứng dụng sang điện thoại mới',
      body:
        p(
          'Quý khách bật đăng nhập bằng vân tay hoặc khuôn mặt tại Cài đặt → Bảo mật → Đăng nhập sinh trắc học, xác nhận bằng mật khẩu. Theo quy định của Ngân hàng Nhà nước, giao dịch trên 10 triệu VND/ngày cần xác thực khuôn mặt khớp với CCCD.',
        ) +
        h('Đổi điện thoại mới') +
        ol(
          'Cài ứng dụng trên điện thoại mới và đăng nhập bằng tên đăng nhập, mật khẩu.',
          'Nhập mã OTP gửi về số điện thoại đã đăng ký, sau đó xác thực khuôn mặt.',
          'Điện thoại cũ bị đăng xuất ngay: ứng dụng chỉ hoạt động trên một điện thoại tại một thời điểm.',
        ),
      answer:
        'Quý khách bật đăng nhập sinh trắc học tại Cài đặt → Bảo mật. Khi đổi điện thoại, đăng nhập bằng mật khẩu, xác nhận OTP và khuôn mặt; điện thoại cũ sẽ tự động đăng xuất.',
      tags: ['đăng nhập vân tay', 'xác thực khuôn mặt', 'đổi điện thoại'],
    },
  },
  {
    key: 'transfer-pending',
    category: 'transfers',
    products: ['mobile_app', 'current_account'],
    visibility: 'public',
    en: {
      title: 'Money left my account but the recipient has not received it',
      body:
        p(
          'Fast transfers (NAPAS 247) to another bank usually arrive within seconds. Sometimes the receiving bank does not answer in time and the transfer shows as Processing.',
        ) +
        ul(
          'Processing transfers are settled automatically by the end of the next working day: either the money reaches the recipient or it comes back to you.',
          'Send the recipient the transaction reference from the app (Transfer → History) so their bank can trace it.',
          'If nothing has happened after 2 working days, tap Report a problem on the transaction or call 1900 1234.',
        ),
      answer:
        'A transfer shown as Processing is settled automatically by the end of the next working day: it reaches the recipient or comes back to you. After 2 working days, report it from the transaction or call 1900 1234.',
      tags: ['transfer not received', 'pending transfer', 'NAPAS 247'],
    },
    'zh-CN': {
      title: '钱已扣款但对方没收到',
      body:
        p('跨行快速转账（NAPAS 247）通常几秒到账。偶尔收款行未及时响应，交易会显示为“处理中”。') +
        ul(
          '处理中的转账最迟在下一个工作日结束前自动处理完毕：要么到达收款人账户，要么退回您的账户。',
          '可把手机银行“转账 → 记录”中的交易参考号发给收款人，方便其开户行查询。',
          '两个工作日后仍无结果，请在该笔交易中点击“问题反馈”或致电 1900 1234。',
        ),
      answer:
        '显示“处理中”的转账会在下一个工作日结束前自动处理：到账或退回。两个工作日后仍无结果，请在该交易中点击“问题反馈”或致电 1900 1234。',
      tags: ['转账未到账', '转账处理中', '已扣款'],
    },
    vi: {
      title: 'Tài khoản đã bị trừ tiền nhưng người nhận chưa nhận được',
      body:
        p(
          'Chuyển tiền nhanh liên ngân hàng (NAPAS 247) thường đến trong vài giây. Đôi khi ngân hàng nhận không phản hồi kịp, giao dịch hiển thị Đang xử lý.',
        ) +
        ul(
          'Giao dịch đang xử lý được tự động hoàn tất chậm nhất cuối ngày làm việc tiếp theo: tiền đến người nhận hoặc hoàn lại cho quý khách.',
          'Quý khách gửi mã giao dịch (Chuyển tiền → Lịch sử) cho người nhận để ngân hàng bên đó tra soát.',
          'Sau 2 ngày làm việc vẫn chưa có kết quả, chọn Báo lỗi giao dịch trên ứng dụng hoặc gọi 1900 1234.',
        ),
      answer:
        'Giao dịch Đang xử lý sẽ được tự động hoàn tất chậm nhất cuối ngày làm việc tiếp theo: tiền đến người nhận hoặc hoàn về tài khoản của quý khách. Sau 2 ngày làm việc, quý khách báo lỗi trên giao dịch hoặc gọi 1900 1234.',
      tags: ['chuyển tiền chưa đến', 'giao dịch đang xử lý', 'đã trừ tiền'],
    },
  },
  {
    key: 'deceased-customer',
    category: 'accounts',
    products: ['current_account', 'savings'],
    visibility: 'public',
    en: {
      title: 'When an account holder has died',
      body:
        p(
          'Please tell us as soon as you can, at any branch or on 1900 1234: we stop the cards and the app at once so that nobody can use them. Incoming money, such as a pension, is still accepted.',
        ) +
        h('To receive the money') +
        ol(
          'The death certificate.',
          'A notarised inheritance document (the agreement of the heirs or the court decision).',
          'The ID cards of the heirs.',
        ) +
        p(
          'Payment is made to the heirs within 5 working days of receiving complete documents. Staff at the branch will help you with the list.',
        ),
      answer:
        'Our condolences. Please tell us at a branch or on 1900 1234 and we will stop the cards at once. The heirs receive the money with the death certificate, a notarised inheritance document and their ID cards, within 5 working days.',
      tags: ['deceased customer', 'inheritance', 'bereavement'],
    },
    'zh-CN': {
      title: '账户持有人身故后如何处理',
      body:
        p(
          '请尽快到任一网点或致电 1900 1234 告知我们：我们会立即停用其银行卡和手机银行，防止被他人使用。养老金等入账款项仍可正常入账。',
        ) +
        h('继承人领取款项') +
        ol('死亡证明。', '经公证的继承文件（继承人协议或法院判决）。', '各继承人的身份证件。') +
        p('材料齐全后 5 个工作日内向继承人支付。网点工作人员会协助您准备材料。'),
      answer:
        '深表哀悼。请到网点或致电 1900 1234 告知，我们会立即停用银行卡。继承人凭死亡证明、经公证的继承文件和身份证件办理，材料齐全后 5 个工作日内支付。',
      tags: ['身故', '继承', '遗产'],
    },
    vi: {
      title: 'Khi chủ tài khoản qua đời',
      body:
        p(
          'Gia đình vui lòng báo cho ngân hàng sớm nhất có thể, tại quầy giao dịch hoặc qua số 1900 1234: ngân hàng sẽ khóa ngay thẻ và ứng dụng để không ai sử dụng được. Các khoản tiền đến như lương hưu vẫn được ghi có bình thường.',
        ) +
        h('Để nhận tiền thừa kế') +
        ol(
          'Giấy chứng tử.',
          'Văn bản thừa kế có công chứng (văn bản thỏa thuận của những người thừa kế hoặc bản án của tòa án).',
          'CCCD của những người thừa kế.',
        ) +
        p(
          'Ngân hàng chi trả cho người thừa kế trong 5 ngày làm việc kể từ khi nhận đủ hồ sơ. Nhân viên tại quầy sẽ hướng dẫn gia đình chuẩn bị giấy tờ.',
        ),
      answer:
        'Ngân hàng xin chia buồn cùng gia đình. Vui lòng báo tại quầy hoặc qua số 1900 1234 để ngân hàng khóa thẻ ngay. Người thừa kế nhận tiền với giấy chứng tử, văn bản thừa kế có công chứng và CCCD, trong 5 ngày làm việc.',
      tags: ['chủ tài khoản qua đời', 'thừa kế', 'giấy chứng tử'],
    },
  },
  {
    key: 'insurance-cancel',
    category: 'complaints',
    products: [],
    visibility: 'public',
    en: {
      title: 'Cancelling insurance bought at the bank (21-day cooling-off period)',
      body:
        p(
          'Buying insurance is never a condition for a loan, a card or a deposit. If you bought a life or health insurance policy at a branch or in the app, you may cancel it within 21 days of receiving the policy and get back everything you paid, minus a medical check fee if there was one.',
        ) +
        p(
          'To cancel, send the cancellation form with your ID card to the insurer, or hand it in at the branch where you signed; the refund reaches your account within 15 days. After 21 days, the surrender value of the policy applies.',
        ) +
        p(
          'If you were told the insurance was required, or it was sold as a savings deposit, make a complaint: we investigate every such case.',
        ),
      answer:
        'You can cancel insurance bought at the bank within 21 days of receiving the policy and get a full refund within 15 days. Insurance is never a condition for a loan or card — if you were told otherwise, please make a complaint.',
      tags: ['cancel insurance', 'cooling-off period', 'bancassurance', 'refund'],
    },
    'zh-CN': {
      title: '退保：在银行购买的保险（21 天犹豫期）',
      body:
        p(
          '购买保险绝不是办理贷款、银行卡或存款的前提条件。在网点或手机银行购买的人寿险、健康险，可在收到保单后 21 天内撤销，全额退还已交保费（如有体检费则扣除）。',
        ) +
        p(
          '撤销时请将撤单申请表连同身份证件交给保险公司，或交到当初签约的网点，退款在 15 天内到账。超过 21 天按保单现金价值退保。',
        ) +
        p('如果有人告诉您必须买保险，或把保险说成是存款，请提出投诉：每一起我们都会调查。'),
      answer:
        '在银行购买的保险可在收到保单后 21 天内撤销并全额退款，15 天内到账。购买保险绝不是贷款或办卡的条件，如有人这样要求，请向我们投诉。',
      tags: ['退保', '犹豫期', '银保'],
    },
    vi: {
      title: 'Hủy hợp đồng bảo hiểm mua tại ngân hàng (21 ngày cân nhắc)',
      body:
        p(
          'Mua bảo hiểm không bao giờ là điều kiện để được vay vốn, mở thẻ hay gửi tiết kiệm. Nếu quý khách đã mua bảo hiểm nhân thọ hoặc sức khỏe tại quầy hay trên ứng dụng, quý khách được hủy hợp đồng trong 21 ngày kể từ khi nhận hợp đồng và được hoàn lại toàn bộ phí đã đóng (trừ phí khám sức khỏe nếu có).',
        ) +
        p(
          'Để hủy, quý khách gửi đơn yêu cầu hủy kèm CCCD cho công ty bảo hiểm hoặc nộp tại quầy đã ký hợp đồng; tiền hoàn về tài khoản trong 15 ngày. Sau 21 ngày, áp dụng giá trị hoàn lại của hợp đồng.',
        ) +
        p(
          'Nếu quý khách được cho biết mua bảo hiểm là bắt buộc, hoặc được giới thiệu bảo hiểm như một khoản tiền gửi, xin hãy khiếu nại: ngân hàng điều tra mọi trường hợp như vậy.',
        ),
      answer:
        'Quý khách được hủy bảo hiểm mua tại ngân hàng trong 21 ngày kể từ khi nhận hợp đồng và được hoàn toàn bộ phí trong 15 ngày. Mua bảo hiểm không phải điều kiện để vay hay mở thẻ — nếu được yêu cầu như vậy, quý khách vui lòng khiếu nại.',
      tags: ['hủy bảo hiểm', '21 ngày cân nhắc', 'bảo hiểm ngân hàng'],
    },
  },
  {
    key: 'card-annual-fee',
    category: 'cards_credit',
    products: ['credit_card'],
    visibility: 'public',
    en: {
      title: 'Credit card annual fee and how to have it waived',
      body:
        `<table><thead><tr><th>Card</th><th>Annual fee</th><th>Waived when you spend in the year</th></tr></thead><tbody><tr><td>Classic</td><td>300,000 VND</td><td>36 million VND</td></tr><tr><td>Gold</td><td>600,000 VND</td><td>60 million VND</td></tr><tr><td>Platinum</td><td>1,500,000 VND</td><td>150 million VND</td></tr></tbody></table>` +
        p(
          'The fee is charged on the card’s anniversary month. If you reached the spending amount in the 12 months before, it is not charged; if it was charged and you reach the amount within the following 60 days, it is refunded automatically.',
        ),
      answer:
        'The annual fee is 300,000 VND (Classic), 600,000 VND (Gold) or 1,500,000 VND (Platinum), waived when you spend 36, 60 or 150 million VND in the year. It is charged in the card’s anniversary month.',
      tags: ['annual fee', 'credit card fee', 'fee waiver'],
    },
    'zh-CN': {
      title: '信用卡年费及减免条件',
      body:
        `<table><thead><tr><th>卡种</th><th>年费</th><th>年内消费满以下金额免年费</th></tr></thead><tbody><tr><td>普卡</td><td>30 万越南盾</td><td>3600 万越南盾</td></tr><tr><td>金卡</td><td>60 万越南盾</td><td>6000 万越南盾</td></tr><tr><td>白金卡</td><td>150 万越南盾</td><td>1.5 亿越南盾</td></tr></tbody></table>` +
        p(
          '年费在开卡周年月收取。前 12 个月消费达标则不收取；已收取的，如在之后 60 天内消费达标，将自动退还。',
        ),
      answer:
        '信用卡年费：普卡 30 万、金卡 60 万、白金卡 150 万越南盾；年内消费分别满 3600 万、6000 万、1.5 亿越南盾即可免年费。年费在开卡周年月收取。',
      tags: ['年费', '信用卡年费', '免年费'],
    },
    vi: {
      title: 'Phí thường niên thẻ tín dụng và điều kiện miễn phí',
      body:
        `<table><thead><tr><th>Hạng thẻ</th><th>Phí thường niên</th><th>Miễn phí khi chi tiêu trong năm đạt</th></tr></thead><tbody><tr><td>Chuẩn</td><td>300.000 VND</td><td>36 triệu VND</td></tr><tr><td>Vàng</td><td>600.000 VND</td><td>60 triệu VND</td></tr><tr><td>Bạch kim</td><td>1.500.000 VND</td><td>150 triệu VND</td></tr></tbody></table>` +
        p(
          'Phí được thu vào tháng kỷ niệm mở thẻ. Nếu trong 12 tháng trước đó quý khách chi tiêu đạt mức trên thì không bị thu phí; nếu đã thu mà quý khách đạt mức chi tiêu trong 60 ngày tiếp theo, phí được hoàn tự động.',
        ),
      answer:
        'Phí thường niên là 300.000 VND (thẻ Chuẩn), 600.000 VND (Vàng) hoặc 1.500.000 VND (Bạch kim), được miễn khi chi tiêu trong năm đạt 36, 60 hoặc 150 triệu VND. Phí thu vào tháng kỷ niệm mở thẻ.',
      tags: ['phí thường niên', 'phí thẻ tín dụng', 'miễn phí thường niên'],
    },
  },
  {
    key: 'online-card-payment',
    category: 'cards',
    products: ['debit_card', 'credit_card'],
    visibility: 'public',
    en: {
      title: 'Paying online with your card: turning it on and the confirmation code',
      body:
        p(
          'Online payments are off on a new debit card. Turn them on in the app under Cards → Settings → Online payments, and set a monthly online limit if you wish.',
        ) +
        p(
          'When you pay on a website, we ask you to confirm in the app or with a one-time code sent by SMS (3-D Secure). The message always names the shop and the amount: if they are not what you are buying, do not confirm and lock the card.',
        ) +
        p(
          'A payment declined online with "authentication failed" usually means the code was typed late (it lasts 5 minutes) or the shop does not support 3-D Secure.',
        ),
      answer:
        'Turn on online payments in the app under Cards → Settings → Online payments. Each online payment is confirmed in the app or with an SMS code that names the shop and amount — never confirm one you do not recognise.',
      tags: ['online payment', '3-D Secure', 'pay online', 'e-commerce'],
    },
    'zh-CN': {
      title: '银行卡网上支付：开通方法与验证码',
      body:
        p(
          '新借记卡默认关闭网上支付。请在手机银行“银行卡 → 设置 → 网上支付”中开通，并可设置每月网上支付限额。',
        ) +
        p(
          '在网站付款时，需要在手机银行中确认，或输入短信发送的一次性验证码（3-D Secure）。提示中会写明商户和金额：如与您购买的不符，请勿确认并立即锁卡。',
        ) +
        p('网上支付提示“验证失败”，通常是验证码输入超时（有效期 5 分钟）或商户不支持 3-D Secure。'),
      answer:
        '请在手机银行“银行卡 → 设置 → 网上支付”中开通。每笔网上支付都需在手机银行或用短信验证码确认，提示中会写明商户和金额，不认识的交易切勿确认。',
      tags: ['网上支付', '3-D Secure', '网购'],
    },
    vi: {
      title: 'Thanh toán trực tuyến bằng thẻ: cách bật và mã xác thực',
      body:
        p(
          'Thẻ ghi nợ mới chưa bật thanh toán trực tuyến. Quý khách bật trên ứng dụng tại Thẻ → Cài đặt → Thanh toán trực tuyến, có thể đặt hạn mức trực tuyến hằng tháng.',
        ) +
        p(
          'Khi thanh toán trên website, quý khách xác nhận trên ứng dụng hoặc nhập mã dùng một lần gửi qua SMS (3-D Secure). Tin nhắn luôn ghi tên cửa hàng và số tiền: nếu không đúng với món quý khách đang mua, tuyệt đối không xác nhận và khóa thẻ ngay.',
        ) +
        p(
          'Giao dịch trực tuyến bị từ chối với lỗi "xác thực không thành công" thường do nhập mã quá thời gian (mã có hiệu lực 5 phút) hoặc cửa hàng không hỗ trợ 3-D Secure.',
        ),
      answer:
        'Quý khách bật thanh toán trực tuyến trên ứng dụng tại Thẻ → Cài đặt → Thanh toán trực tuyến. Mỗi giao dịch được xác nhận trên ứng dụng hoặc bằng mã SMS ghi rõ cửa hàng và số tiền — không xác nhận giao dịch lạ.',
      tags: ['thanh toán trực tuyến', 'mua hàng online', '3-D Secure'],
    },
  },
  {
    key: 'bill-payment',
    category: 'ebanking',
    products: ['mobile_app'],
    visibility: 'public',
    en: {
      title: 'Paying electricity, water, phone and internet bills',
      body:
        p(
          'In the app, Payments → Bills: choose the provider and enter your customer code (printed on the bill). The amount due is shown before you confirm. Bill payments are free.',
        ) +
        p(
          'Turn on Automatic payment for a bill and we pay it on the day it is issued, up to a maximum you set. You get a notice each time, and an SMS if the balance was not enough.',
        ),
      answer:
        'Pay bills in the app under Payments → Bills with the customer code on your bill; it is free. Turn on Automatic payment to have each new bill paid on the day it is issued, up to a limit you choose.',
      tags: ['pay bills', 'electricity bill', 'automatic payment'],
    },
    'zh-CN': {
      title: '缴纳电费、水费、话费和网费',
      body:
        p('在手机银行“缴费 → 账单”中选择服务商，输入账单上的客户编号，确认前会显示应缴金额。缴费免手续费。') +
        p(
          '开通“自动缴费”后，新账单出账当天即自动支付，金额不超过您设置的上限。每次扣款都会通知您，余额不足时会发短信提醒。',
        ),
      answer:
        '请在手机银行“缴费 → 账单”中输入账单上的客户编号缴费，免手续费。开通“自动缴费”后，每期账单出账当天自动支付，不超过您设定的上限。',
      tags: ['缴费', '电费', '自动缴费'],
    },
    vi: {
      title: 'Thanh toán hóa đơn điện, nước, điện thoại, internet',
      body:
        p(
          'Trên ứng dụng, chọn Thanh toán → Hóa đơn: chọn nhà cung cấp và nhập mã khách hàng (in trên hóa đơn). Số tiền cần trả hiện ra trước khi quý khách xác nhận. Thanh toán hóa đơn miễn phí.',
        ) +
        p(
          'Bật Thanh toán tự động cho một hóa đơn, ngân hàng sẽ trả ngay trong ngày hóa đơn phát hành, tối đa đến mức quý khách đặt. Mỗi lần trả quý khách đều nhận thông báo, và tin nhắn SMS nếu số dư không đủ.',
        ),
      answer:
        'Quý khách thanh toán hóa đơn trên ứng dụng tại Thanh toán → Hóa đơn bằng mã khách hàng in trên hóa đơn, miễn phí. Bật Thanh toán tự động để hóa đơn mới được trả ngay trong ngày phát hành, trong hạn mức quý khách chọn.',
      tags: ['thanh toán hóa đơn', 'tiền điện', 'thanh toán tự động'],
    },
  },
  {
    key: 'cash-deposit-machine',
    category: 'accounts',
    products: ['current_account', 'debit_card'],
    visibility: 'public',
    en: {
      title: 'Depositing cash at a cash deposit machine',
      body:
        p(
          'Banyan Bank ATMs marked "Deposit" accept cash 24 hours a day, into your own account or anyone’s account at our bank. The money is available at once.',
        ) +
        ol(
          'Insert your card and PIN, or choose Deposit without card and enter the account number.',
          'Put in up to 100 notes of 10,000 to 500,000 VND, smoothed flat.',
          'Check the amount counted on the screen, then confirm. Take the receipt.',
        ) +
        p(
          'Up to 50 million VND per deposit, free of charge. If the machine kept your notes without crediting them, call 1900 1234 with the receipt: we count the machine and credit you within 2 working days.',
        ),
      answer:
        'Our ATMs marked "Deposit" take cash 24/7, up to 50 million VND a time, free, and the money is available at once. If notes were kept but not credited, call 1900 1234 with the receipt; we settle it within 2 working days.',
      tags: ['cash deposit', 'deposit machine', 'CDM'],
    },
    'zh-CN': {
      title: '在存款机上存现金',
      body:
        p('标有“存款”的 Banyan 银行 ATM 24 小时可存现，可存入本人账户或本行任何账户，款项即时到账。') +
        ol(
          '插卡输入密码，或选择“无卡存款”并输入账号。',
          '放入不超过 100 张面额 1 万至 50 万越南盾的钞票，请抚平。',
          '核对屏幕上的清点金额后确认，并取回凭条。',
        ) +
        p(
          '每笔最多 5000 万越南盾，免手续费。如钞票被收入却未入账，请持凭条致电 1900 1234：我们清点机器后 2 个工作日内为您入账。',
        ),
      answer:
        '标有“存款”的本行 ATM 24 小时可存现，每笔最多 5000 万越南盾，免费、即时到账。如钞票被收入未入账，请持凭条致电 1900 1234，2 个工作日内处理。',
      tags: ['存现', '存款机', '现金存款'],
    },
    vi: {
      title: 'Nộp tiền mặt tại máy gửi tiền tự động',
      body:
        p(
          'Các ATM Banyan Bank có biểu tượng "Nộp tiền" nhận tiền mặt 24 giờ, vào tài khoản của quý khách hoặc tài khoản bất kỳ tại ngân hàng. Tiền được ghi có ngay.',
        ) +
        ol(
          'Đưa thẻ vào và nhập PIN, hoặc chọn Nộp tiền không cần thẻ và nhập số tài khoản.',
          'Đưa vào tối đa 100 tờ mệnh giá từ 10.000 đến 500.000 VND, vuốt phẳng.',
          'Kiểm tra số tiền máy đếm trên màn hình rồi xác nhận. Nhận biên lai.',
        ) +
        p(
          'Tối đa 50 triệu VND mỗi lần, miễn phí. Nếu máy đã nhận tiền mà không ghi có, quý khách gọi 1900 1234 kèm biên lai: ngân hàng kiểm đếm máy và ghi có trong 2 ngày làm việc.',
        ),
      answer:
        'ATM có biểu tượng "Nộp tiền" nhận tiền mặt 24/7, tối đa 50 triệu VND mỗi lần, miễn phí, tiền vào tài khoản ngay. Nếu máy nhận tiền mà không ghi có, quý khách gọi 1900 1234 kèm biên lai, ngân hàng xử lý trong 2 ngày làm việc.',
      tags: ['nộp tiền mặt', 'máy gửi tiền', 'CDM'],
    },
  },
  {
    key: 'car-loan',
    category: 'loans',
    products: ['car_loan'],
    visibility: 'public',
    en: {
      title: 'Car loans for a new or used car',
      body:
        ul(
          'New cars: up to 80% of the price, for up to 8 years.',
          'Used cars up to 5 years old: up to 70% of the valuation, for up to 6 years.',
          'Rate fixed at 8.2% a year for the first 12 months, then the reference rate plus 3.8%.',
          'The car is the security: the bank keeps the original registration certificate until the loan is repaid.',
        ) +
        p(
          'Bring your ID card, proof of income and the dealer’s quotation or sales contract. Most applications are decided within 2 working days, and the money is paid to the seller.',
        ),
      answer:
        'We finance up to 80% of a new car for up to 8 years (70% of a used car for up to 6), at 8.2% fixed for the first year. Bring your ID card, proof of income and the quotation; the decision takes about 2 working days.',
      tags: ['car loan', 'auto loan', 'buy a car'],
    },
    'zh-CN': {
      title: '新车与二手车汽车贷款',
      body:
        ul(
          '新车：最高贷车价的 80%，期限最长 8 年。',
          '车龄 5 年以内的二手车：最高贷评估价的 70%，期限最长 6 年。',
          '前 12 个月固定年利率 8.2%，之后为基准利率加 3.8%。',
          '以所购车辆作抵押，贷款结清前由银行保管车辆登记证原件。',
        ) +
        p(
          '请携带身份证件、收入证明及经销商报价单或购车合同。大多数申请 2 个工作日内审批完毕，贷款直接付给卖方。',
        ),
      answer:
        '新车最高贷 80%、期限最长 8 年，二手车最高贷 70%、最长 6 年，首年固定年利率 8.2%。请准备身份证件、收入证明和报价单，约 2 个工作日审批。',
      tags: ['车贷', '汽车贷款', '买车'],
    },
    vi: {
      title: 'Vay mua ô tô mới và ô tô đã qua sử dụng',
      body:
        ul(
          'Xe mới: vay tối đa 80% giá xe, thời hạn đến 8 năm.',
          'Xe đã qua sử dụng không quá 5 năm: vay tối đa 70% giá định giá, thời hạn đến 6 năm.',
          'Lãi suất cố định 8,2%/năm trong 12 tháng đầu, sau đó bằng lãi suất cơ sở cộng 3,8%.',
          'Tài sản bảo đảm là chính chiếc xe: ngân hàng giữ bản gốc giấy đăng ký xe đến khi trả hết nợ.',
        ) +
        p(
          'Quý khách mang CCCD, giấy tờ chứng minh thu nhập và báo giá hoặc hợp đồng mua bán của đại lý. Phần lớn hồ sơ được phê duyệt trong 2 ngày làm việc, tiền vay chuyển thẳng cho bên bán.',
        ),
      answer:
        'Ngân hàng cho vay tối đa 80% giá xe mới trong 8 năm (70% xe cũ, tối đa 6 năm), lãi suất cố định 8,2%/năm năm đầu. Quý khách chuẩn bị CCCD, chứng minh thu nhập và báo giá xe; phê duyệt khoảng 2 ngày làm việc.',
      tags: ['vay mua ô tô', 'vay mua xe', 'trả góp ô tô'],
    },
  },
  {
    key: 'fx-account',
    category: 'fx',
    products: ['fx', 'current_account'],
    visibility: 'public',
    en: {
      title: 'Opening a foreign currency account',
      body:
        p(
          'You can hold US dollars, euros, yen, Australian dollars and more in a foreign currency account next to your VND account. Open it in the app under Accounts → Open → Foreign currency; it is free and has no minimum balance.',
        ) +
        ul(
          'Money can come in from abroad, from your own VND account (by buying currency with a purpose allowed by law, such as study or treatment abroad), or as cash at a branch.',
          'You can send it abroad for allowed purposes, withdraw it as cash at a branch, or sell it for VND at any time.',
        ) +
        p('Foreign currency accounts earn no interest, by State Bank rules.'),
      answer:
        'Open a foreign currency account free in the app under Accounts → Open → Foreign currency. It receives money from abroad and cash, can be sold for VND at any time, and earns no interest by State Bank rules.',
      tags: ['foreign currency account', 'USD account', 'dollar account'],
    },
    'zh-CN': {
      title: '开立外币账户',
      body:
        p(
          '您可以在越南盾账户之外开立外币账户，持有美元、欧元、日元、澳元等。请在手机银行“账户 → 开户 → 外币账户”中办理，免费且无最低余额要求。',
        ) +
        ul(
          '资金可来自境外汇款、用本人越南盾账户按法律允许的用途（如留学、出国就医）购汇，或在网点存入现钞。',
          '可按允许用途汇往境外、在网点提取现钞，或随时结汇成越南盾。',
        ) +
        p('根据国家银行规定，外币活期账户不计利息。'),
      answer:
        '请在手机银行“账户 → 开户 → 外币账户”免费开立。外币账户可接收境外汇款和现钞，随时可结汇成越南盾；按国家银行规定不计利息。',
      tags: ['外币账户', '美元账户', '开户'],
    },
    vi: {
      title: 'Mở tài khoản ngoại tệ',
      body:
        p(
          'Quý khách có thể giữ đô la Mỹ, euro, yên, đô la Úc và các ngoại tệ khác trong tài khoản ngoại tệ, bên cạnh tài khoản VND. Mở trên ứng dụng tại Tài khoản → Mở mới → Ngoại tệ, miễn phí và không yêu cầu số dư tối thiểu.',
        ) +
        ul(
          'Tiền vào tài khoản từ nước ngoài chuyển về, từ tài khoản VND của chính quý khách (mua ngoại tệ cho mục đích pháp luật cho phép như du học, chữa bệnh) hoặc nộp tiền mặt tại quầy.',
          'Quý khách có thể chuyển ra nước ngoài cho mục đích được phép, rút tiền mặt tại quầy hoặc bán lấy VND bất cứ lúc nào.',
        ) +
        p('Theo quy định của Ngân hàng Nhà nước, tài khoản ngoại tệ không được trả lãi.'),
      answer:
        'Quý khách mở tài khoản ngoại tệ miễn phí trên ứng dụng tại Tài khoản → Mở mới → Ngoại tệ. Tài khoản nhận tiền từ nước ngoài và tiền mặt, bán lấy VND bất cứ lúc nào, và không được trả lãi theo quy định.',
      tags: ['tài khoản ngoại tệ', 'tài khoản đô la', 'mở tài khoản USD'],
    },
  },
  {
    key: 'sms-alerts',
    category: 'fees',
    products: ['current_account'],
    visibility: 'public',
    en: {
      title: 'Balance change alerts: SMS or app notifications',
      body:
        p('Every movement on your account can be announced to you, in one of two ways:') +
        ul(
          'App notifications: free, instant, with the full details of the transaction.',
          'SMS alerts: 11,000 VND a month per phone number, charged on the first day of the month.',
        ) +
        p(
          'Switch under Settings → Notifications. Many customers keep app notifications only and turn SMS off to save the fee; OTP codes for payments still come by SMS either way.',
        ),
      answer:
        'Balance alerts in the app are free; SMS alerts cost 11,000 VND a month per phone number. Change them under Settings → Notifications — OTP codes still arrive by SMS either way.',
      tags: ['SMS banking', 'balance alert', 'SMS fee', 'notifications'],
    },
    'zh-CN': {
      title: '余额变动提醒：短信或 App 推送',
      body:
        p('账户的每一笔变动都可以通知您，方式有两种：') +
        ul(
          'App 推送：免费、即时，包含交易完整信息。',
          '短信提醒：每个手机号每月 11,000 越南盾，每月 1 日扣收。',
        ) +
        p(
          '可在“设置 → 通知”中切换。很多客户只保留 App 推送、关闭短信以节省费用；无论如何，支付验证码仍通过短信发送。',
        ),
      answer:
        'App 推送的余额变动提醒免费；短信提醒每个手机号每月 11,000 越南盾。可在“设置 → 通知”中修改，支付验证码仍会通过短信发送。',
      tags: ['短信提醒', '余额变动', '短信费'],
    },
    vi: {
      title: 'Thông báo biến động số dư: SMS hay thông báo trên ứng dụng',
      body:
        p('Mọi biến động trên tài khoản đều có thể được báo cho quý khách theo một trong hai cách:') +
        ul(
          'Thông báo trên ứng dụng: miễn phí, tức thì, đầy đủ chi tiết giao dịch.',
          'Tin nhắn SMS: 11.000 VND mỗi tháng cho mỗi số điện thoại, thu vào ngày đầu tháng.',
        ) +
        p(
          'Quý khách đổi tại Cài đặt → Thông báo. Nhiều khách hàng chỉ giữ thông báo trên ứng dụng và tắt SMS để tiết kiệm phí; mã OTP thanh toán vẫn gửi qua SMS như bình thường.',
        ),
      answer:
        'Thông báo biến động số dư trên ứng dụng miễn phí; SMS có phí 11.000 VND/tháng cho mỗi số điện thoại. Quý khách đổi tại Cài đặt → Thông báo — mã OTP vẫn gửi qua SMS.',
      tags: ['SMS banking', 'biến động số dư', 'phí tin nhắn'],
    },
  },
  {
    key: 'card-renewal',
    category: 'cards',
    products: ['debit_card', 'credit_card'],
    visibility: 'public',
    en: {
      title: 'Expiring, damaged or worn card: getting a new one',
      body:
        p(
          'About 30 days before a card expires, we send the new one to your registered address; it keeps the same number, with a new expiry date and security code. Activate it before the old one expires at the end of its month.',
        ) +
        p(
          'If the chip or magnetic strip is damaged, or the card is bent, order a replacement in the app under Cards → Replace card: free once a year, then 50,000 VND. It arrives in 5 working days, or can be collected at a branch in 2.',
        ),
      answer:
        'Expiring cards are renewed automatically and sent about 30 days ahead, with the same number. For a damaged card, order a replacement in the app under Cards → Replace card: free once a year, then 50,000 VND; it arrives in 5 working days.',
      tags: ['card expiry', 'damaged card', 'card renewal', 'replace card'],
    },
    'zh-CN': {
      title: '银行卡到期、损坏或磨损如何换新卡',
      body:
        p(
          '卡片到期前约 30 天，我们会把新卡寄到您的预留地址；卡号不变，有效期和安全码更新。请在旧卡到期月底前激活新卡。',
        ) +
        p(
          '芯片或磁条损坏、卡片弯折时，可在手机银行“银行卡 → 换卡”中申请：每年首次免费，之后每次 5 万越南盾。5 个工作日寄达，或 2 个工作日后到网点领取。',
        ),
      answer:
        '到期卡会在到期前约 30 天自动换新并寄出，卡号不变。卡片损坏请在手机银行“银行卡 → 换卡”申请：每年首次免费，之后 5 万越南盾，5 个工作日寄达。',
      tags: ['换卡', '卡片到期', '卡片损坏'],
    },
    vi: {
      title: 'Thẻ sắp hết hạn, bị hỏng hoặc mòn: đổi thẻ mới',
      body:
        p(
          'Khoảng 30 ngày trước khi thẻ hết hạn, ngân hàng gửi thẻ mới đến địa chỉ đã đăng ký; số thẻ giữ nguyên, ngày hết hạn và mã bảo mật mới. Quý khách kích hoạt thẻ mới trước khi thẻ cũ hết hạn vào cuối tháng.',
        ) +
        p(
          'Nếu chip hoặc dải từ bị hỏng, thẻ bị cong gãy, quý khách đề nghị đổi thẻ trên ứng dụng tại Thẻ → Đổi thẻ: miễn phí một lần mỗi năm, sau đó 50.000 VND. Thẻ được giao trong 5 ngày làm việc, hoặc nhận tại quầy sau 2 ngày.',
        ),
      answer:
        'Thẻ sắp hết hạn được tự động gia hạn và gửi trước khoảng 30 ngày, giữ nguyên số thẻ. Thẻ bị hỏng, quý khách đổi trên ứng dụng tại Thẻ → Đổi thẻ: miễn phí một lần mỗi năm, sau đó 50.000 VND, giao trong 5 ngày làm việc.',
      tags: ['thẻ hết hạn', 'thẻ bị hỏng', 'đổi thẻ'],
    },
  },
  ...MORE_TOPICS,
];
