/**
 * Twelve more topics of the demo bank's knowledge base (the rest of a hotline's menu: e-wallets,
 * cash without a card, savings at maturity, chosen account numbers, authorised persons, foreign
 * residents, credit card cash, supplementary cards, reward points, releasing a mortgage, branch hours
 * and the agents' fraud-report procedure). Same rules as knowledge-articles.ts: written for Banyan,
 * figures the demo bank's own and the same in the three languages.
 */
import type { DemoTopic } from './knowledge-articles.ts';

export const MORE_SYNONYMS: string[][] = [
  ['e-wallet', '电子钱包', 'ví điện tử'],
  ['cardless withdrawal', '无卡取款', '扫码取款', 'rút tiền không cần thẻ', 'rút tiền bằng mã qr'],
  ['maturity', '到期', 'đáo hạn'],
  ['auto-renewal', '自动续存', '自动转存', 'tái tục', 'tự động gia hạn'],
  ['vanity number', '靓号', 'số đẹp', 'tài khoản số đẹp'],
  ['power of attorney', '授权委托', '委托书', 'giấy ủy quyền', 'ủy quyền'],
  ['foreigner', '外国人', 'người nước ngoài'],
  ['cash advance', '预借现金', '信用卡取现', 'rút tiền mặt thẻ tín dụng', 'ứng tiền mặt'],
  ['supplementary card', '附属卡', 'thẻ phụ'],
  ['reward points', '积分', 'điểm thưởng'],
  ['release collateral', '解押', '解除抵押', 'giải chấp', 'xóa thế chấp'],
  ['branch', '网点', 'chi nhánh', 'phòng giao dịch'],
  ['opening hours', '营业时间', 'giờ làm việc', 'giờ mở cửa'],
];

const p = (...lines: string[]) => lines.map((l) => `<p>${l}</p>`).join('');
const ul = (...items: string[]) => `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
const ol = (...items: string[]) => `<ol>${items.map((i) => `<li>${i}</li>`).join('')}</ol>`;
const h = (text: string) => `<h2>${text}</h2>`;
/** A table with a header row and body rows. */
const table = (head: string[], ...rows: string[][]) =>
  `<table><thead><tr>${head.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

export const MORE_TOPICS: DemoTopic[] = [
  {
    key: 'ewallet-link',
    category: 'ebanking',
    products: ['mobile_app', 'current_account'],
    visibility: 'public',
    en: {
      title: 'Linking your account to an e-wallet, topping it up and unlinking it',
      body:
        p(
          'You can link a Banyan Bank current account or debit card to any e-wallet licensed in Vietnam, then top up the wallet or pay from it directly from your account.',
        ) +
        h('Link') +
        ol(
          'In the e-wallet app, choose Link bank → Banyan Bank.',
          'Enter your ID card number and your account or card number. The name and ID number in the wallet must be the same as at the bank.',
          'Enter the OTP that Banyan Bank sends to your registered phone number.',
        ) +
        h('Limits and fees') +
        ul(
          'Top-ups and wallet payments from the account: up to 20 million VND a day, part of your daily transfer limit.',
          'Linking, topping up and withdrawing to the account are free of charge at Banyan Bank.',
        ) +
        h('Unlink or a top-up that did not arrive') +
        p(
          'Unlink in the Banyan Bank app under Settings → Linked services, or in the wallet. If your account was debited but the wallet shows nothing, the money returns automatically within 3 working days; if not, call 1900 1234 with the transaction reference.',
        ),
      answer:
        'Link the wallet from the e-wallet app (Link bank → Banyan Bank) with your ID number and account or card number, then confirm with the OTP we send. Top-ups are free, up to 20 million VND a day. You can unlink under Settings → Linked services; a failed top-up returns within 3 working days.',
      tags: ['e-wallet', 'link wallet', 'top up wallet', 'unlink'],
    },
    'zh-CN': {
      title: '账户绑定电子钱包、充值与解绑',
      body:
        p(
          'Banyan 银行的活期账户或借记卡可以绑定越南境内持牌的任一电子钱包，绑定后可直接从账户给钱包充值或付款。',
        ) +
        h('绑定') +
        ol(
          '在电子钱包 App 中选择"绑定银行卡/账户" → Banyan 银行。',
          '输入身份证件号码以及账号或卡号。钱包实名信息（姓名、证件号）须与银行预留信息一致。',
          '输入 Banyan 银行发送到预留手机号的验证码。',
        ) +
        h('限额与费用') +
        ul(
          '从账户充值和钱包付款：每日累计不超过 2,000 万越南盾，计入每日转账限额。',
          '在 Banyan 银行绑定、充值以及提现到账户均不收费。',
        ) +
        h('解绑，或充值未到账') +
        p(
          '可在 Banyan 银行手机银行"设置 → 已绑定服务"中解绑，也可在钱包内解绑。账户已扣款但钱包未到账的，资金会在 3 个工作日内自动退回；如未退回，请持交易流水号致电 1900 1234。',
        ),
      answer:
        '请在电子钱包 App 中选择"绑定银行卡/账户" → Banyan 银行，输入证件号和账号或卡号，再输入我行发送的验证码即可。充值免费，每日最多 2,000 万越南盾。可在"设置 → 已绑定服务"中解绑；充值未到账的款项 3 个工作日内自动退回。',
      tags: ['电子钱包', '绑卡', '钱包充值', '解绑'],
    },
    vi: {
      title: 'Liên kết tài khoản với ví điện tử, nạp tiền và hủy liên kết',
      body:
        p(
          'Quý khách có thể liên kết tài khoản thanh toán hoặc thẻ ghi nợ Banyan Bank với bất kỳ ví điện tử nào được cấp phép tại Việt Nam, sau đó nạp tiền vào ví hoặc thanh toán trực tiếp từ tài khoản.',
        ) +
        h('Liên kết') +
        ol(
          'Trong ứng dụng ví điện tử, chọn Liên kết ngân hàng → Banyan Bank.',
          'Nhập số CCCD và số tài khoản hoặc số thẻ. Họ tên và số CCCD trên ví phải trùng với thông tin tại ngân hàng.',
          'Nhập mã OTP do Banyan Bank gửi đến số điện thoại đã đăng ký.',
        ) +
        h('Hạn mức và phí') +
        ul(
          'Nạp tiền và thanh toán qua ví từ tài khoản: tối đa 20 triệu VND mỗi ngày, tính vào hạn mức chuyển tiền trong ngày.',
          'Liên kết, nạp tiền và rút tiền từ ví về tài khoản đều miễn phí tại Banyan Bank.',
        ) +
        h('Hủy liên kết hoặc nạp tiền không thành công') +
        p(
          'Quý khách hủy liên kết trên ứng dụng Banyan Bank tại Cài đặt → Dịch vụ đã liên kết, hoặc ngay trong ví. Nếu tài khoản đã bị trừ tiền mà ví chưa nhận được, tiền sẽ tự động hoàn lại trong 3 ngày làm việc; nếu chưa hoàn, vui lòng gọi 1900 1234 và cung cấp mã giao dịch.',
        ),
      answer:
        'Quý khách vào ứng dụng ví, chọn Liên kết ngân hàng → Banyan Bank, nhập số CCCD và số tài khoản hoặc số thẻ, rồi nhập mã OTP ngân hàng gửi. Nạp tiền miễn phí, tối đa 20 triệu VND mỗi ngày. Hủy liên kết tại Cài đặt → Dịch vụ đã liên kết; giao dịch nạp lỗi được hoàn trong 3 ngày làm việc.',
      tags: ['ví điện tử', 'liên kết ví', 'nạp tiền vào ví', 'hủy liên kết'],
    },
  },
  {
    key: 'cardless-withdrawal',
    category: 'ebanking',
    products: ['mobile_app', 'current_account'],
    visibility: 'public',
    en: {
      title: 'Withdrawing cash at an ATM without a card (QR withdrawal)',
      body:
        p(
          'Forgot your card at home? At any Banyan Bank ATM with the QR sign you can take cash from your account with the app alone.',
        ) +
        ol(
          'On the ATM screen, choose QR withdrawal: the machine shows a QR code.',
          'In the app, tap Scan QR and scan the code on the screen.',
          'Enter the amount and confirm with your fingerprint, face or Smart OTP.',
          'Take the cash within 60 seconds; the code then expires.',
        ) +
        table(
          ['', 'Limit', 'Fee'],
          ['Per withdrawal', '5 million VND', 'free'],
          ['Per day', '20 million VND', 'free'],
        ) +
        p(
          'QR withdrawal works only at Banyan Bank ATMs, not at other banks. If the account was debited but no cash came out, the amount is returned automatically within 24 hours; otherwise call 1900 1234.',
        ),
      answer:
        'At a Banyan Bank ATM choose QR withdrawal, scan the code on the screen with Scan QR in the app, enter the amount and confirm. It is free, up to 5 million VND per withdrawal and 20 million VND a day, and works only at our own ATMs.',
      tags: [
        'cardless withdrawal',
        'QR withdrawal',
        'withdraw cash without card',
        'ATM without card',
        'forgot card',
      ],
    },
    'zh-CN': {
      title: '无卡取款：在 ATM 用手机银行扫码取现',
      body:
        p('银行卡忘带了？在贴有扫码取款标识的 Banyan 银行 ATM 上，只用手机银行就能从账户取出现金。') +
        ol(
          '在 ATM 屏幕上选择"扫码取款"，屏幕显示二维码。',
          '打开手机银行，点击"扫一扫"，扫描屏幕上的二维码。',
          '输入取款金额，用指纹、人脸或 Smart OTP 确认。',
          '请在 60 秒内取走现金，超时二维码失效。',
        ) +
        table(['', '限额', '手续费'], ['单笔', '500 万越南盾', '免费'], ['每日', '2,000 万越南盾', '免费']) +
        p(
          '扫码取款仅限 Banyan 银行 ATM，他行 ATM 不支持。如账户已扣款但未出钞，款项会在 24 小时内自动退回；否则请致电 1900 1234。',
        ),
      answer:
        '请在 Banyan 银行 ATM 上选择"扫码取款"，用手机银行"扫一扫"扫描屏幕二维码，输入金额并确认即可。免手续费，单笔最多 500 万越南盾，每日 2,000 万越南盾，仅限本行 ATM。',
      tags: ['无卡取款', '扫码取款', '忘带卡', 'ATM 取现'],
    },
    vi: {
      title: 'Rút tiền tại ATM không cần thẻ (rút tiền bằng mã QR)',
      body:
        p(
          'Quên mang thẻ? Tại mọi ATM Banyan Bank có biểu tượng QR, quý khách rút tiền từ tài khoản chỉ bằng ứng dụng.',
        ) +
        ol(
          'Trên màn hình ATM, chọn Rút tiền bằng QR: máy hiển thị một mã QR.',
          'Trên ứng dụng, nhấn Quét QR và quét mã trên màn hình.',
          'Nhập số tiền và xác nhận bằng vân tay, khuôn mặt hoặc Smart OTP.',
          'Nhận tiền trong vòng 60 giây; sau đó mã hết hiệu lực.',
        ) +
        table(
          ['', 'Hạn mức', 'Phí'],
          ['Mỗi lần rút', '5 triệu VND', 'miễn phí'],
          ['Mỗi ngày', '20 triệu VND', 'miễn phí'],
        ) +
        p(
          'Rút tiền bằng QR chỉ thực hiện được tại ATM Banyan Bank, không áp dụng tại ATM ngân hàng khác. Nếu tài khoản bị trừ tiền mà máy không nhả tiền, số tiền được hoàn tự động trong 24 giờ; nếu không, vui lòng gọi 1900 1234.',
        ),
      answer:
        'Tại ATM Banyan Bank, quý khách chọn Rút tiền bằng QR, dùng chức năng Quét QR trên ứng dụng để quét mã trên màn hình, nhập số tiền và xác nhận. Miễn phí, tối đa 5 triệu VND mỗi lần và 20 triệu VND mỗi ngày, chỉ tại ATM của Banyan Bank.',
      tags: ['rút tiền không cần thẻ', 'rút tiền QR', 'quên thẻ', 'rút tiền ATM'],
    },
  },
  {
    key: 'savings-maturity',
    category: 'accounts',
    products: ['savings'],
    visibility: 'public',
    en: {
      title: 'Term deposit at maturity: auto-renewal or paying out',
      body:
        p(
          'When a term deposit reaches its maturity date, it follows the maturity instruction you chose when you opened it.',
        ) +
        table(
          ['Instruction', 'What happens at maturity'],
          ['Renew principal and interest (default)', 'Everything is deposited again for the same term'],
          ['Renew principal only', 'The interest goes to your current account, the principal is renewed'],
          ['Do not renew', 'Principal and interest go to your current account'],
        ) +
        ul(
          'A renewed deposit earns the rate of the renewal day for that term (12 months: 5.1% a year today).',
          'You can change the instruction in the app under Savings → the deposit → Maturity instruction, until one working day before maturity.',
          'Changed your mind after an automatic renewal? Withdraw on the renewal day or the next working day and you keep all the interest of the term that ended.',
        ) +
        p('Paper passbooks opened at a branch are renewed or closed at any branch with your ID card.'),
      answer:
        'At maturity your deposit follows its maturity instruction: renew principal and interest (the default), renew only the principal, or pay everything to your current account. You can change it in the app under Savings → Maturity instruction until one working day before. A renewed deposit gets the rate of that day.',
      tags: ['maturity', 'auto-renewal', 'term deposit', 'savings'],
    },
    'zh-CN': {
      title: '定期存款到期：自动续存还是转入活期',
      body:
        p('定期存款到期时，按开户时选择的到期处理方式办理。') +
        table(
          ['到期处理方式', '到期时'],
          ['本息自动续存（默认）', '本金和利息按原期限一并续存'],
          ['本金续存', '利息转入活期账户，本金按原期限续存'],
          ['不续存', '本金和利息全部转入活期账户'],
        ) +
        ul(
          '续存按续存当日该期限的利率计息（目前 12 个月年利率 5.1%）。',
          '最晚在到期日前 1 个工作日，可在手机银行"储蓄 → 选择该笔存款 → 到期处理方式"中修改。',
          '自动续存后改变主意？在续存当日或下一个工作日支取，上一期的利息全部保留。',
        ) +
        p('在网点开立的纸质存折，可凭身份证件到任一网点办理续存或销户。'),
      answer:
        '定期存款到期按您选择的方式处理：本息自动续存（默认）、仅本金续存，或本息全部转入活期账户。最晚在到期前 1 个工作日可在手机银行"储蓄 → 到期处理方式"中修改。续存按当天利率计息。',
      tags: ['定期到期', '自动续存', '转存', '定期存款'],
    },
    vi: {
      title: 'Tiền gửi có kỳ hạn đến hạn: tự động tái tục hay tất toán',
      body:
        p(
          'Khi sổ tiết kiệm đến ngày đáo hạn, ngân hàng xử lý theo chỉ thị đáo hạn quý khách đã chọn lúc mở.',
        ) +
        table(
          ['Chỉ thị', 'Khi đến hạn'],
          ['Tái tục gốc và lãi (mặc định)', 'Toàn bộ gốc và lãi được gửi tiếp cùng kỳ hạn'],
          ['Tái tục gốc', 'Lãi chuyển về tài khoản thanh toán, gốc được gửi tiếp'],
          ['Không tái tục', 'Gốc và lãi chuyển về tài khoản thanh toán (tất toán)'],
        ) +
        ul(
          'Khoản tái tục hưởng lãi suất của ngày tái tục cho kỳ hạn đó (hiện nay 12 tháng: 5,1%/năm).',
          'Quý khách đổi chỉ thị trên ứng dụng tại Tiết kiệm → chọn sổ → Chỉ thị đáo hạn, chậm nhất 1 ngày làm việc trước ngày đến hạn.',
          'Đã tự động tái tục nhưng muốn rút? Rút trong ngày tái tục hoặc ngày làm việc kế tiếp, quý khách vẫn giữ nguyên toàn bộ lãi của kỳ vừa kết thúc.',
        ) +
        p(
          'Sổ tiết kiệm giấy mở tại quầy được tái tục hoặc tất toán tại bất kỳ chi nhánh nào, mang theo CCCD.',
        ),
      answer:
        'Khi đến hạn, sổ tiết kiệm được xử lý theo chỉ thị đáo hạn: tái tục gốc và lãi (mặc định), chỉ tái tục gốc, hoặc tất toán về tài khoản thanh toán. Quý khách đổi chỉ thị trên ứng dụng tại Tiết kiệm → Chỉ thị đáo hạn, chậm nhất 1 ngày làm việc trước ngày đến hạn. Khoản tái tục hưởng lãi suất của ngày tái tục.',
      tags: ['đáo hạn', 'tái tục', 'tất toán sổ tiết kiệm', 'tiết kiệm'],
    },
  },
  {
    key: 'vanity-account-number',
    category: 'accounts',
    products: ['current_account'],
    visibility: 'public',
    en: {
      title: 'Choosing your own account number (vanity numbers)',
      body:
        p(
          'You can choose the number of a new current account: your phone number, your date of birth or a number you like, if it is still free.',
        ) +
        table(
          ['Kind of number', 'Example', 'One-off fee'],
          ['Ordinary number of your choice', '1032 7749 15', 'free'],
          ['Your own phone number', '0912 345 678', 'free'],
          ['Four repeated digits or a sequence', '…6666, …1234', '500,000 VND'],
          ['Six repeated digits or a long sequence', '…888888, …123456', '5,000,000 VND'],
        ) +
        ol(
          'In the app, go to Accounts → Open another account → Choose a number.',
          'Type the digits you want: the app shows which numbers are free and their fee.',
          'Confirm: the fee is taken from your current account and the new account opens at once.',
        ) +
        p(
          'You can hold up to 5 current accounts. A chosen number stays yours while the account is open; after closing, it is released after 12 months. An existing account number cannot be changed.',
        ),
      answer:
        'You can pick a new account number in the app under Accounts → Open another account → Choose a number. Ordinary numbers and your own phone number are free; four repeated digits or a sequence cost 500,000 VND, six digits 5,000,000 VND. An existing account number cannot be changed.',
      tags: ['vanity number', 'choose account number', 'phone number as account', 'lucky number'],
    },
    'zh-CN': {
      title: '自选账号（靓号账户）',
      body:
        p('开立新的活期账户时可以自选账号：手机号、生日或您喜欢的数字，只要该号码尚未被占用。') +
        table(
          ['号码类型', '示例', '一次性费用'],
          ['普通自选号码', '1032 7749 15', '免费'],
          ['本人手机号', '0912 345 678', '免费'],
          ['四位相同数字或顺号', '…6666、…1234', '500,000 越南盾'],
          ['六位相同数字或长顺号', '…888888、…123456', '5,000,000 越南盾'],
        ) +
        ol(
          '在手机银行进入"账户 → 新开账户 → 自选账号"。',
          '输入想要的数字，系统显示可选号码及费用。',
          '确认后从活期账户扣费，新账户立即开立。',
        ) +
        p(
          '每人最多可持有 5 个活期账户。自选号码在账户存续期间归您使用；销户 12 个月后号码释放。已有账户的账号不能更改。',
        ),
      answer:
        '可在手机银行"账户 → 新开账户 → 自选账号"中选号。普通号码和本人手机号免费；四位相同数字或顺号 500,000 越南盾，六位 5,000,000 越南盾。已有账户的账号不能更改。',
      tags: ['靓号', '自选账号', '手机号做账号', '吉利号'],
    },
    vi: {
      title: 'Chọn số tài khoản theo ý muốn (tài khoản số đẹp)',
      body:
        p(
          'Khi mở tài khoản thanh toán mới, quý khách có thể tự chọn số tài khoản: số điện thoại, ngày sinh hoặc dãy số yêu thích, nếu số đó chưa có người dùng.',
        ) +
        table(
          ['Loại số', 'Ví dụ', 'Phí một lần'],
          ['Số thường tự chọn', '1032 7749 15', 'miễn phí'],
          ['Số điện thoại của quý khách', '0912 345 678', 'miễn phí'],
          ['Tứ quý hoặc số tiến 4 chữ số', '…6666, …1234', '500.000 VND'],
          ['Lục quý hoặc số tiến dài', '…888888, …123456', '5.000.000 VND'],
        ) +
        ol(
          'Trên ứng dụng, vào Tài khoản → Mở thêm tài khoản → Chọn số tài khoản.',
          'Nhập dãy số mong muốn: ứng dụng hiển thị các số còn trống và mức phí.',
          'Xác nhận: phí được trừ vào tài khoản thanh toán và tài khoản mới mở ngay.',
        ) +
        p(
          'Mỗi khách hàng có tối đa 5 tài khoản thanh toán. Số đã chọn thuộc về quý khách khi tài khoản còn hoạt động; sau khi đóng tài khoản 12 tháng, số được giải phóng. Không đổi được số của tài khoản đang có.',
        ),
      answer:
        'Quý khách chọn số tài khoản mới trên ứng dụng tại Tài khoản → Mở thêm tài khoản → Chọn số tài khoản. Số thường và số điện thoại của quý khách miễn phí; tứ quý hoặc số tiến 500.000 VND, lục quý 5.000.000 VND. Không đổi được số của tài khoản đang có.',
      tags: ['tài khoản số đẹp', 'chọn số tài khoản', 'số điện thoại làm số tài khoản', 'tứ quý'],
    },
  },
  {
    key: 'power-of-attorney',
    category: 'accounts',
    products: ['current_account', 'savings'],
    visibility: 'public',
    en: {
      title: 'Letting someone else act on your account (authorisation, power of attorney)',
      body:
        p(
          'If you cannot come to a branch yourself — because of illness, a stay in hospital, work abroad or age — another adult, often a family member, can withdraw money and act for you with an authorisation.',
        ) +
        h('Two ways to authorise') +
        ul(
          'At a branch: you and the person you authorise come together with your ID cards and sign the bank’s authorisation form. Free, ready at once.',
          'Notarised power of attorney: the person brings the original notarised document and both ID cards (a copy of yours is enough). Documents signed abroad must be certified by a Vietnamese embassy or consulate.',
        ) +
        h('What the authorised person can and cannot do') +
        table(
          ['Can', 'Cannot'],
          ['Withdraw cash, close a savings deposit', 'Change your phone number or sign-in'],
          ['Collect cards, statements and certificates', 'Register online banking for you'],
          ['Make transfers listed in the document', 'Borrow or pledge your savings'],
        ) +
        p(
          'The authorisation lasts until the end date written on it or until you revoke it at any branch. It ends automatically if the account holder dies.',
        ),
      answer:
        'You can authorise another adult at any branch: come together with both ID cards and sign our form (free), or the person brings an original notarised power of attorney. They can withdraw money, close savings and collect cards, but cannot change your phone number, register online banking or take a loan. You can revoke it at any branch.',
      tags: ['power of attorney', 'authorisation', 'authorised person', 'act on behalf', 'family member'],
    },
    'zh-CN': {
      title: '委托他人代办账户业务（授权委托书）',
      body:
        p('因病、在国外工作或年迈等原因无法亲自到网点时，可以授权另一位成年人代为办理。') +
        h('两种授权方式') +
        ul(
          '网点当面授权：您与被授权人携带各自的身份证件一同到网点，签署本行授权书。免费，当场生效。',
          '公证委托书：被授权人携带公证委托书原件及双方身份证件（您的证件可提供复印件）。在境外签署的委托书须经越南驻外使领馆认证。',
        ) +
        h('被授权人可办与不可办的业务') +
        table(
          ['可以办理', '不能办理'],
          ['取款、定期存款销户', '变更您的预留手机号或登录信息'],
          ['领取银行卡、对账单和存款证明', '代您开通网上银行'],
          ['办理委托书列明的转账', '借款或质押您的存款'],
        ) +
        p('授权在委托书载明的截止日期前有效，您可随时到任一网点撤销。账户所有人身故的，授权自动终止。'),
      answer:
        '您可与被授权人携带双方身份证件到任一网点签署本行授权书（免费），或由被授权人持公证委托书原件办理。被授权人可取款、定期销户、领取银行卡，但不能变更您的手机号、开通网银或办理贷款。您可随时到网点撤销授权。',
      tags: ['授权委托', '委托书', '代办', '被授权人'],
    },
    vi: {
      title: 'Ủy quyền cho người khác giao dịch tài khoản',
      body:
        p(
          'Nếu không thể tự đến chi nhánh vì ốm đau, đi làm ở nước ngoài hay tuổi cao, quý khách có thể ủy quyền cho một người đã thành niên giao dịch thay.',
        ) +
        h('Hai cách ủy quyền') +
        ul(
          'Tại quầy: quý khách và người được ủy quyền cùng đến chi nhánh, mang CCCD và ký giấy ủy quyền theo mẫu của ngân hàng. Miễn phí, có hiệu lực ngay.',
          'Giấy ủy quyền có công chứng: người được ủy quyền mang bản gốc giấy ủy quyền đã công chứng và CCCD của hai người (của quý khách có thể là bản sao). Giấy ủy quyền ký ở nước ngoài phải được đại sứ quán hoặc lãnh sự quán Việt Nam chứng nhận.',
        ) +
        h('Người được ủy quyền được và không được làm gì') +
        table(
          ['Được', 'Không được'],
          ['Rút tiền, tất toán sổ tiết kiệm', 'Đổi số điện thoại hoặc thông tin đăng nhập'],
          ['Nhận thẻ, sao kê và giấy xác nhận', 'Đăng ký ngân hàng điện tử thay quý khách'],
          ['Chuyển tiền theo nội dung ghi trong giấy', 'Vay vốn hoặc cầm cố sổ tiết kiệm'],
        ) +
        p(
          'Ủy quyền có hiệu lực đến ngày ghi trong giấy hoặc đến khi quý khách hủy tại bất kỳ chi nhánh nào. Ủy quyền tự chấm dứt khi chủ tài khoản qua đời.',
        ),
      answer:
        'Quý khách có thể ủy quyền tại bất kỳ chi nhánh nào: hai người cùng đến, mang CCCD và ký giấy ủy quyền theo mẫu (miễn phí), hoặc người được ủy quyền mang bản gốc giấy ủy quyền có công chứng. Người được ủy quyền được rút tiền, tất toán tiết kiệm, nhận thẻ, nhưng không được đổi số điện thoại, đăng ký ngân hàng điện tử hay vay vốn. Quý khách hủy ủy quyền tại quầy bất cứ lúc nào.',
      tags: ['ủy quyền', 'giấy ủy quyền', 'người được ủy quyền', 'giao dịch thay'],
    },
  },
  {
    key: 'foreigner-account',
    category: 'accounts',
    products: ['current_account', 'debit_card'],
    visibility: 'public',
    en: {
      title: 'Foreign residents: opening an account in Vietnam',
      body:
        p(
          'Foreign citizens living in Vietnam can open a VND current account and a debit card at any branch. The app and the hotline serve you in English and Chinese.',
        ) +
        h('What to bring') +
        ol(
          'Your passport with a valid Vietnamese visa, or your temporary residence card, valid for at least 6 more months.',
          'A Vietnamese mobile phone number (for OTP codes).',
          'For a salary account: your work permit or labour contract.',
        ) +
        p(
          'The account opens the same day; the debit card is ready at the branch in 5 working days. Opening and the first card are free.',
        ) +
        h('When your visa is renewed') +
        p(
          'The account is valid until your visa or residence card expires. Bring the new document to any branch before then; after expiry the account only receives money until it is updated.',
        ) +
        p(
          'Sending your salary home is possible with the labour contract and proof of tax paid, see "Sending money abroad".',
        ),
      answer:
        'Foreign residents open a VND account at any branch with a passport and visa or temporary residence card valid for at least 6 more months, plus a Vietnamese phone number (and a work permit for a salary account). It opens the same day, free of charge; the debit card is ready in 5 working days. Please update your visa at a branch before it expires.',
      tags: ['foreigner account', 'passport', 'visa', 'temporary residence card', 'expat'],
    },
    'zh-CN': {
      title: '外国人在越南开立银行账户及签证、暂住卡到期更新',
      body:
        p(
          '在越南居住的外国公民可在任一网点开立越南盾活期账户并申领借记卡。手机银行和客服热线均提供中文和英文服务。',
        ) +
        h('所需材料') +
        ol(
          '护照及有效的越南签证，或暂住卡（临时居留卡），剩余有效期不少于 6 个月。',
          '越南本地手机号码（用于接收验证码）。',
          '开立工资账户的，另需工作许可证或劳动合同。',
        ) +
        p('账户当天开立；借记卡 5 个工作日后可在网点领取。开户及首张卡免费。') +
        h('签证续签后') +
        p(
          '账户有效期与签证或暂住卡一致。请在到期前携带新证件到任一网点更新；过期未更新的，账户只能收款、不能转出。',
        ) +
        p('凭劳动合同和完税证明可将工资汇回国内，详见"境外汇款"。'),
      answer:
        '在越南居住的外国人可持护照和有效签证或暂住卡（剩余有效期不少于 6 个月）以及越南手机号到任一网点开户（工资账户另需工作许可证）。当天开立，免费；借记卡 5 个工作日可领取。签证到期前请到网点更新证件。',
      tags: ['外国人开户', '护照', '签证到期', '暂住卡到期'],
    },
    vi: {
      title: 'Người nước ngoài mở tài khoản tại Việt Nam',
      body:
        p(
          'Công dân nước ngoài sinh sống tại Việt Nam có thể mở tài khoản thanh toán VND và thẻ ghi nợ tại bất kỳ chi nhánh nào. Ứng dụng và tổng đài hỗ trợ bằng tiếng Anh và tiếng Trung.',
        ) +
        h('Giấy tờ cần mang') +
        ol(
          'Hộ chiếu kèm thị thực Việt Nam còn hiệu lực, hoặc thẻ tạm trú, còn hạn ít nhất 6 tháng.',
          'Số điện thoại di động tại Việt Nam (để nhận mã OTP).',
          'Mở tài khoản nhận lương: giấy phép lao động hoặc hợp đồng lao động.',
        ) +
        p(
          'Tài khoản mở trong ngày; thẻ ghi nợ nhận tại chi nhánh sau 5 ngày làm việc. Mở tài khoản và thẻ đầu tiên miễn phí.',
        ) +
        h('Khi gia hạn thị thực') +
        p(
          'Tài khoản có hiệu lực đến ngày hết hạn của thị thực hoặc thẻ tạm trú. Quý khách mang giấy tờ mới đến chi nhánh trước ngày đó; quá hạn chưa cập nhật, tài khoản chỉ nhận tiền, không chuyển đi được.',
        ) +
        p(
          'Chuyển lương về nước được thực hiện với hợp đồng lao động và chứng từ nộp thuế, xem "Chuyển tiền ra nước ngoài".',
        ),
      answer:
        'Người nước ngoài cư trú tại Việt Nam mở tài khoản VND tại bất kỳ chi nhánh nào với hộ chiếu và thị thực hoặc thẻ tạm trú còn hạn ít nhất 6 tháng, cùng số điện thoại Việt Nam (tài khoản nhận lương cần thêm giấy phép lao động). Tài khoản mở trong ngày, miễn phí; thẻ ghi nợ nhận sau 5 ngày làm việc. Vui lòng cập nhật thị thực mới trước khi hết hạn.',
      tags: [
        'người nước ngoài mở tài khoản',
        'tài khoản cho người nước ngoài',
        'hộ chiếu',
        'thị thực',
        'thẻ tạm trú',
      ],
    },
  },
  {
    key: 'credit-cash-advance',
    category: 'cards_credit',
    products: ['credit_card'],
    visibility: 'public',
    en: {
      title: 'Credit card cash advance: fees and interest for taking cash',
      body:
        p(
          'You can take cash with your credit card at any ATM, or move money from the card to your account in the app. Both count as a cash advance, which costs more than a purchase.',
        ) +
        table(
          ['', 'Cash advance'],
          ['Fee', '4% of the amount, at least 100,000 VND'],
          ['Interest', '2.5% a month from the day you take the cash (no interest-free period)'],
          ['Limit', '50% of your credit limit, at most 20 million VND a day'],
          ['Reward points', 'none'],
        ) +
        p(
          'The fee and the interest appear on your next statement. To limit the interest, repay the amount as soon as you can, without waiting for the due date.',
        ) +
        p('Cash advances can be turned off or on in the app under Cards → Card settings → Cash advance.'),
      answer:
        'A credit card cash advance (cash at an ATM, or a transfer from the card to an account) costs 4% (at least 100,000 VND) and interest of 2.5% a month from the day you take it, with no interest-free period. You can take up to 50% of your limit, at most 20 million VND a day.',
      tags: ['cash advance', 'credit card cash', 'cash advance fee', 'card to account'],
    },
    'zh-CN': {
      title: '信用卡取现（预借现金）：手续费与利息',
      body:
        p(
          '信用卡可以在任何 ATM 取现，也可以在手机银行把卡内额度转到本人活期账户。两者都属于预借现金，费用高于普通消费。',
        ) +
        table(
          ['', '预借现金'],
          ['手续费', '取现金额的 4%，最低 100,000 越南盾'],
          ['利息', '自取现当日起按月利率 2.5% 计息（无免息期）'],
          ['额度', '信用额度的 50%，每日最多 2,000 万越南盾'],
          ['积分', '不累积积分'],
        ) +
        p('手续费和利息计入下期账单。为减少利息，请尽快还款，不必等到还款日。') +
        p('可在手机银行"银行卡 → 卡片设置 → 取现功能"中关闭或开启取现。'),
      answer:
        '信用卡取现（包括把额度转到账户）收取 4% 手续费（最低 100,000 越南盾），并自取现当日起按月利率 2.5% 计息，没有免息期。取现额度为信用额度的 50%，每日最多 2,000 万越南盾。',
      tags: ['信用卡取现', '预借现金', '取现手续费', '额度转出'],
    },
    vi: {
      title: 'Ứng tiền mặt bằng thẻ tín dụng: phí và lãi',
      body:
        p(
          'Quý khách có thể rút tiền mặt bằng thẻ tín dụng tại mọi ATM, hoặc chuyển tiền từ thẻ sang tài khoản trên ứng dụng. Cả hai đều là ứng tiền mặt, chi phí cao hơn giao dịch thanh toán.',
        ) +
        table(
          ['', 'Rút tiền mặt'],
          ['Phí', '4% số tiền, tối thiểu 100.000 VND'],
          ['Lãi', '2,5%/tháng tính từ ngày rút (không có thời gian miễn lãi)'],
          ['Hạn mức', '50% hạn mức tín dụng, tối đa 20 triệu VND mỗi ngày'],
          ['Điểm thưởng', 'không tích điểm'],
        ) +
        p(
          'Phí và lãi xuất hiện trên sao kê kỳ tới. Để giảm tiền lãi, quý khách nên trả lại sớm, không cần chờ đến ngày đến hạn.',
        ) +
        p(
          'Quý khách bật hoặc tắt chức năng rút tiền mặt trên ứng dụng tại Thẻ → Cài đặt thẻ → Rút tiền mặt.',
        ),
      answer:
        'Rút tiền mặt bằng thẻ tín dụng (kể cả chuyển tiền từ thẻ sang tài khoản) chịu phí 4% (tối thiểu 100.000 VND) và lãi 2,5%/tháng tính từ ngày rút, không có thời gian miễn lãi. Quý khách rút tối đa 50% hạn mức tín dụng và 20 triệu VND mỗi ngày.',
      tags: [
        'rút tiền mặt thẻ tín dụng',
        'ứng tiền mặt',
        'cash advance',
        'phí rút tiền',
        'chuyển tiền từ thẻ',
      ],
    },
  },
  {
    key: 'supplementary-card',
    category: 'cards_credit',
    products: ['credit_card'],
    visibility: 'public',
    en: {
      title: 'Supplementary credit cards for your family (spouse, parents, children)',
      body:
        p(
          'Give your husband or wife, parents or children aged 15 or over an extra card of their own on your credit card account. Their spending shares your credit limit and appears on your statement.',
        ) +
        ul(
          'Up to 3 supplementary cards. The first is free of annual fees for life; further cards have an annual fee of 150,000 VND.',
          'You can set a monthly spending limit for each card and lock it at any time in the app.',
          'You, the main cardholder, are responsible for paying everything spent on the supplementary cards.',
        ) +
        h('How to apply') +
        ol(
          'In the app, go to Cards → your credit card → Supplementary card.',
          "Add the person's details and a photo of both sides of their ID card (for a child under 18, the birth certificate).",
          'The card is ready in 5 working days; the holder collects it at a branch with their ID card and activates it with their own PIN.',
        ),
      answer:
        'You can add up to 3 supplementary cards for your spouse, parents or children aged 15 or over in the app under Cards → Supplementary card. The first is free, further cards cost 150,000 VND a year. They share your credit limit; you can set a monthly limit per card, and you are responsible for paying all spending.',
      tags: ['supplementary card', 'extra card', 'additional card', 'card for spouse', 'spending limit'],
    },
    'zh-CN': {
      title: '为家人办理信用卡附属卡',
      body:
        p('可为配偶、父母或年满 15 周岁的子女办理附属卡。附属卡与主卡共享信用额度，消费计入主卡账单。') +
        ul(
          '最多 3 张附属卡。第一张终身免年费，其余每张年费 150,000 越南盾。',
          '可在手机银行为每张附属卡设置每月消费限额，并可随时冻结。',
          '附属卡的全部消费由主卡持卡人负责还款。',
        ) +
        h('申请方式') +
        ol(
          '在手机银行进入"银行卡 → 您的信用卡 → 附属卡"。',
          '填写附属卡申请人信息，上传其身份证件正反面照片（未满 18 周岁的子女上传出生证明）。',
          '5 个工作日制卡完成，附属卡持卡人凭本人证件到网点领取，并自行设置密码激活。',
        ),
      answer:
        '可在手机银行"银行卡 → 附属卡"为配偶、父母或年满 15 周岁的子女申请最多 3 张附属卡。第一张免年费，其余每张年费 150,000 越南盾。附属卡共享主卡额度，可为每张卡设置每月限额，全部消费由主卡人还款。',
      tags: ['附属卡', '副卡', '家属卡', '消费限额'],
    },
    vi: {
      title: 'Thẻ tín dụng phụ cho người thân',
      body:
        p(
          'Quý khách có thể mở thẻ phụ cho vợ/chồng, bố mẹ hoặc con từ 15 tuổi trở lên. Thẻ phụ dùng chung hạn mức tín dụng và giao dịch được ghi trên sao kê của thẻ chính.',
        ) +
        ul(
          'Tối đa 3 thẻ phụ. Thẻ phụ đầu tiên miễn phí thường niên trọn đời; các thẻ tiếp theo 150.000 VND/năm.',
          'Quý khách đặt hạn mức chi tiêu hằng tháng cho từng thẻ phụ và khóa thẻ bất cứ lúc nào trên ứng dụng.',
          'Chủ thẻ chính chịu trách nhiệm thanh toán toàn bộ chi tiêu của thẻ phụ.',
        ) +
        h('Cách đăng ký') +
        ol(
          'Trên ứng dụng, vào Thẻ → thẻ tín dụng của quý khách → Thẻ phụ.',
          'Nhập thông tin người sử dụng thẻ phụ và ảnh hai mặt CCCD (con dưới 18 tuổi: giấy khai sinh).',
          'Thẻ sẵn sàng sau 5 ngày làm việc; chủ thẻ phụ mang CCCD đến chi nhánh nhận thẻ và tự đặt mã PIN để kích hoạt.',
        ),
      answer:
        'Quý khách mở tối đa 3 thẻ phụ cho vợ/chồng, bố mẹ hoặc con từ 15 tuổi trên ứng dụng tại Thẻ → Thẻ phụ. Thẻ phụ đầu tiên miễn phí, các thẻ sau 150.000 VND/năm. Thẻ phụ dùng chung hạn mức với thẻ chính; quý khách đặt được hạn mức hằng tháng cho từng thẻ và chịu trách nhiệm thanh toán toàn bộ chi tiêu.',
      tags: ['thẻ phụ', 'mở thẻ phụ', 'thẻ cho người thân', 'hạn mức chi tiêu'],
    },
  },
  {
    key: 'reward-points',
    category: 'cards_credit',
    products: ['credit_card'],
    visibility: 'public',
    en: {
      title: 'Credit card reward points: earning and redeeming',
      body:
        p('Every credit card purchase earns Banyan reward points.') +
        table(
          ['Card', 'Points per 10,000 VND spent'],
          ['Classic and Gold', '1 point'],
          ['Platinum', '2 points'],
        ) +
        ul(
          'No points for cash advances, fees and interest, e-wallet top-ups or instalment conversions.',
          'Points appear the day after the purchase is settled and are valid for 24 months.',
          'Closing the card cancels any points not yet redeemed, so redeem them first.',
        ) +
        h('Redeem') +
        p(
          'In the app under Cards → Rewards, from 1,000 points: cashback to the card (1 point = 20 VND), airline miles, or shopping and restaurant vouchers. Cashback reaches the card within 3 working days.',
        ),
      answer:
        'You earn 1 point per 10,000 VND spent (Platinum: 2 points); cash advances, fees and e-wallet top-ups do not count. Points are valid for 24 months. Redeem them from 1,000 points in the app under Cards → Rewards: cashback at 1 point = 20 VND, airline miles or vouchers.',
      tags: ['reward points', 'cashback', 'redeem points', 'miles'],
    },
    'zh-CN': {
      title: '信用卡积分：累积与兑换',
      body:
        p('信用卡每笔消费都可累积 Banyan 积分。') +
        table(['卡种', '每消费 10,000 越南盾'], ['普卡、金卡', '1 分'], ['白金卡', '2 分']) +
        ul(
          '预借现金、各类费用和利息、电子钱包充值以及分期转换不计积分。',
          '积分在消费入账次日到账，有效期 24 个月。',
          '销卡后未使用的积分作废，请先兑换。',
        ) +
        h('兑换') +
        p(
          '在手机银行"银行卡 → 积分商城"中，满 1,000 分即可兑换：返现到信用卡（1 分 = 20 越南盾）、航空里程，或购物、餐饮代金券。返现 3 个工作日内到账。',
        ),
      answer:
        '每消费 10,000 越南盾累积 1 分（白金卡 2 分），预借现金、费用和电子钱包充值不计积分。积分有效期 24 个月。满 1,000 分可在手机银行"银行卡 → 积分商城"兑换返现（1 分 = 20 越南盾）、航空里程或代金券。',
      tags: ['信用卡积分', '积分兑换', '返现', '里程'],
    },
    vi: {
      title: 'Điểm thưởng thẻ tín dụng: cách tích và đổi điểm',
      body:
        p('Mỗi giao dịch thanh toán bằng thẻ tín dụng đều được tích điểm thưởng Banyan.') +
        table(
          ['Hạng thẻ', 'Điểm cho mỗi 10.000 VND chi tiêu'],
          ['Classic và Gold', '1 điểm'],
          ['Platinum', '2 điểm'],
        ) +
        ul(
          'Không tích điểm cho giao dịch ứng tiền từ thẻ, các loại phí, nạp ví điện tử hay chuyển đổi trả góp.',
          'Điểm được cộng một ngày sau khi giao dịch được quyết toán và có hiệu lực 24 tháng.',
          'Khi đóng thẻ, điểm chưa đổi bị hủy, vì vậy hãy đổi điểm trước.',
        ) +
        h('Đổi điểm') +
        p(
          'Trên ứng dụng tại Thẻ → Ưu đãi và điểm thưởng, từ 1.000 điểm: hoàn tiền vào thẻ (1 điểm = 20 VND), dặm bay, hoặc phiếu mua sắm, ăn uống. Tiền hoàn về thẻ trong 3 ngày làm việc.',
        ),
      answer:
        'Quý khách được 1 điểm cho mỗi 10.000 VND chi tiêu (thẻ Platinum: 2 điểm); ứng tiền từ thẻ, phí và nạp ví điện tử không được tích điểm. Điểm có hiệu lực 24 tháng. Từ 1.000 điểm, quý khách đổi trên ứng dụng tại Thẻ → Ưu đãi và điểm thưởng: hoàn tiền 1 điểm = 20 VND, dặm bay hoặc phiếu mua sắm.',
      tags: ['điểm thưởng', 'đổi điểm', 'hoàn tiền', 'dặm bay'],
    },
  },
  {
    key: 'collateral-release',
    category: 'loans',
    products: ['mortgage', 'car_loan'],
    visibility: 'public',
    en: {
      title: 'Loan paid off: getting back your land certificate or car papers',
      body:
        p(
          'When the last instalment of a home or car loan is paid, the bank releases the security and gives back the original papers it holds.',
        ) +
        ol(
          'Pay off the loan (early repayment: apply in the app under Loans → Early repayment at least 3 working days ahead).',
          'Within 5 working days, the branch that granted the loan prepares the papers; you get an SMS when they are ready.',
          'Collect them at that branch with your ID card: the original land-use right certificate (or the car registration papers), the confirmation that the loan is settled and the signed request to deregister the mortgage.',
          'Home loans: file the deregistration at the land registration office within 30 days; the office stamps the certificate, usually within 3 working days, and charges its own small fee.',
        ) +
        p(
          'All borrowers named on the loan, or a person with a notarised power of attorney, must come to collect the papers. The bank charges no fee for the release.',
        ),
      answer:
        'After the last payment, the papers (land-use right certificate or car registration) are ready at the lending branch within 5 working days; we send an SMS. All borrowers collect them with their ID cards, together with the signed request to deregister the mortgage, which you then file at the land registration office. The bank charges no fee.',
      tags: ['mortgage release', 'collateral release', 'land certificate', 'loan paid off'],
    },
    'zh-CN': {
      title: '贷款还清后取回产权证件（解押）',
      body:
        p('房贷或车贷最后一期还清后，银行解除抵押，并退还所保管的证件原件。') +
        ol(
          '结清贷款（提前还款请至少提前 3 个工作日在手机银行"贷款 → 提前还款"中申请）。',
          '5 个工作日内，放款网点准备好相关文件，并以短信通知您。',
          '凭身份证件到该网点领取：土地使用权证（房产证）原件或车辆登记证、贷款结清证明，以及银行签字的注销抵押登记申请书。',
          '房贷：请在 30 天内到土地登记办公室办理抵押注销登记，一般 3 个工作日办结，登记机关会收取少量规费。',
        ) +
        p('须由贷款合同上的全部借款人，或持公证委托书的受托人前来领取。银行解押不收费。'),
      answer:
        '最后一期还清后 5 个工作日内，土地使用权证（房产证）或车辆登记证等原件可在放款网点领取，我们会短信通知。请全部借款人携带身份证件领取，同时领取注销抵押登记申请书，再到土地登记办公室办理注销。银行解押不收费。',
      tags: ['解押', '解除抵押', '房产证', '贷款结清'],
    },
    vi: {
      title: 'Trả hết nợ vay: nhận lại sổ đỏ, sổ hồng, giấy tờ xe (giải chấp)',
      body:
        p(
          'Khi trả xong kỳ cuối khoản vay mua nhà hoặc mua xe, ngân hàng giải chấp tài sản và trả lại bản gốc giấy tờ đang giữ.',
        ) +
        ol(
          'Tất toán khoản vay (trả trước hạn: đăng ký trên ứng dụng tại Khoản vay → Trả nợ trước hạn, trước ít nhất 3 ngày làm việc).',
          'Trong 5 ngày làm việc, chi nhánh cho vay chuẩn bị hồ sơ và gửi SMS báo quý khách.',
          'Quý khách mang CCCD đến chi nhánh đó để nhận: bản gốc giấy chứng nhận quyền sử dụng đất (sổ đỏ, sổ hồng) hoặc giấy đăng ký xe, xác nhận đã tất toán khoản vay và đơn yêu cầu xóa đăng ký thế chấp có chữ ký của ngân hàng.',
          'Vay mua nhà: nộp hồ sơ xóa thế chấp tại văn phòng đăng ký đất đai trong vòng 30 ngày; thường xong trong 3 ngày làm việc, lệ phí theo quy định của cơ quan đăng ký.',
        ) +
        p(
          'Tất cả người vay đứng tên trên hợp đồng, hoặc người có giấy ủy quyền công chứng, phải có mặt để nhận giấy tờ. Ngân hàng không thu phí giải chấp.',
        ),
      answer:
        'Sau khi trả kỳ cuối, bản gốc sổ đỏ, sổ hồng hoặc giấy đăng ký xe sẵn sàng tại chi nhánh cho vay trong 5 ngày làm việc, ngân hàng sẽ gửi SMS. Tất cả người vay mang CCCD đến nhận cùng đơn yêu cầu xóa đăng ký thế chấp, sau đó nộp tại văn phòng đăng ký đất đai. Ngân hàng không thu phí giải chấp.',
      tags: ['giải chấp', 'xóa thế chấp', 'nhận lại sổ đỏ', 'trả hết nợ vay', 'tất toán khoản vay'],
    },
  },
  {
    key: 'branch-hours',
    category: 'contact',
    products: [],
    visibility: 'public',
    en: {
      title: 'Branch opening hours, the hotline and booking an appointment',
      body:
        p('What time do branches open, and when can you reach us by phone or chat?') +
        table(
          ['Service', 'Hours'],
          ['Branches in Vietnam', 'Monday–Friday 8:00–16:30, Saturday 8:00–11:30 (selected branches)'],
          ['Branches in Shanghai and Shenzhen', 'Monday–Friday 9:00–17:00 Beijing time'],
          [
            'Hotline 1900 1234 (abroad +84 24 3900 1234)',
            '24/7 for cards, fraud and the app; other questions 7:00–22:00',
          ],
          ['Chat in the app and on the website', '7:00–22:00 every day'],
        ) +
        p('Branches are closed on public holidays; the hotline and ATMs work as usual.') +
        h('Book an appointment') +
        ol(
          'In the app, go to Branches → Book an appointment.',
          'Choose the branch, the service (account, loan, foreign exchange…) and a free time slot.',
          'Show the booking code at the branch: you are served without queueing. Cancel in the app if you cannot come.',
        ) +
        p('Branches → Map lists the nearest branches and ATMs, with their services and today’s hours.'),
      answer:
        'Our branches in Vietnam are open Monday to Friday 8:00–16:30 and some on Saturday 8:00–11:30; Shanghai and Shenzhen Monday to Friday 9:00–17:00. The hotline 1900 1234 answers cards, fraud and app problems 24/7. You can book a branch appointment in the app under Branches → Book an appointment and skip the queue.',
      tags: ['opening hours', 'branch', 'hotline', 'appointment', 'Saturday'],
    },
    'zh-CN': {
      title: '网点营业时间、客服热线与预约办理',
      body:
        p('网点几点开门？电话和在线客服什么时候可以联系？') +
        table(
          ['服务', '时间'],
          ['越南境内网点', '周一至周五 8:00–16:30，周六 8:00–11:30（部分网点）'],
          ['上海、深圳网点', '周一至周五 9:00–17:00（北京时间）'],
          [
            '客服热线 1900 1234（境外 +84 24 3900 1234）',
            '银行卡、防诈骗和手机银行问题 24 小时；其他咨询 7:00–22:00',
          ],
          ['手机银行及官网在线客服', '每天 7:00–22:00'],
        ) +
        p('法定节假日网点休息，客服热线和 ATM 照常服务。') +
        h('预约办理') +
        ol(
          '在手机银行进入"网点 → 预约办理"。',
          '选择网点、业务类型（账户、贷款、外汇等）和可预约时段。',
          '到网点出示预约码即可优先办理，无需排队。不能前往的请在手机银行中取消。',
        ) +
        p('"网点 → 地图"可查看附近网点和 ATM，以及各网点的业务范围和当天营业时间。'),
      answer:
        '越南境内网点周一至周五 8:00–16:30 营业，部分网点周六 8:00–11:30 营业；上海、深圳网点周一至周五 9:00–17:00（北京时间）。热线 1900 1234 处理银行卡、防诈骗和手机银行问题 24 小时服务。可在手机银行"网点 → 预约办理"预约，到店免排队。',
      tags: ['营业时间', '网点', '客服热线', '预约', '周六'],
    },
    vi: {
      title: 'Giờ mở cửa chi nhánh, tổng đài và đặt lịch hẹn',
      body:
        p('Chi nhánh mở cửa mấy giờ, tổng đài và chat hỗ trợ vào lúc nào?') +
        table(
          ['Dịch vụ', 'Thời gian'],
          ['Chi nhánh tại Việt Nam', 'Thứ Hai–Thứ Sáu 8:00–16:30, Thứ Bảy 8:00–11:30 (một số chi nhánh)'],
          ['Chi nhánh Thượng Hải và Thâm Quyến', 'Thứ Hai–Thứ Sáu 9:00–17:00 giờ Bắc Kinh'],
          [
            'Tổng đài 1900 1234 (từ nước ngoài +84 24 3900 1234)',
            '24/7 cho thẻ, lừa đảo và ứng dụng; câu hỏi khác 7:00–22:00',
          ],
          ['Chat trên ứng dụng và website', '7:00–22:00 hằng ngày'],
        ) +
        p('Chi nhánh nghỉ vào các ngày lễ, Tết; tổng đài và ATM vẫn hoạt động bình thường.') +
        h('Đặt lịch hẹn') +
        ol(
          'Trên ứng dụng, vào Chi nhánh → Đặt lịch hẹn.',
          'Chọn chi nhánh, dịch vụ (tài khoản, khoản vay, ngoại tệ…) và khung giờ còn trống.',
          'Đưa mã đặt lịch tại quầy để được phục vụ không cần xếp hàng. Nếu không đến được, vui lòng hủy trên ứng dụng.',
        ) +
        p('Chi nhánh → Bản đồ hiển thị chi nhánh và ATM gần nhất, dịch vụ và giờ mở cửa hôm nay.'),
      answer:
        'Chi nhánh tại Việt Nam làm việc Thứ Hai đến Thứ Sáu 8:00–16:30, một số chi nhánh mở Thứ Bảy 8:00–11:30; chi nhánh Thượng Hải và Thâm Quyến Thứ Hai đến Thứ Sáu 9:00–17:00. Tổng đài 1900 1234 hỗ trợ thẻ, lừa đảo và ứng dụng 24/7. Quý khách đặt lịch hẹn trên ứng dụng tại Chi nhánh → Đặt lịch hẹn để không phải xếp hàng.',
      tags: ['giờ làm việc', 'giờ mở cửa', 'chi nhánh', 'tổng đài', 'đặt lịch hẹn', 'thứ bảy'],
    },
  },
  {
    key: 'fraud-report',
    category: 'complaints',
    products: ['mobile_app', 'current_account'],
    visibility: 'internal',
    en: {
      title: 'Agents: a customer reports money lost to a scam',
      body:
        p(
          'Speed matters: the beneficiary bank can only hold money that has not yet been withdrawn. Do the first two steps while the customer is still on the line.',
        ) +
        ol(
          'Block at once: the app access and all cards (name plus one verification item is enough, as for blocking a card).',
          "Record: the time and amount of each transfer, the beneficiary's account, name and bank, and how it happened (call, link, app installed, QR code).",
          'Within 30 minutes, send the recall request to the beneficiary bank from the transfer screen (Actions → Fraud recall).',
          'Open a case of type Fraud, priority High; the fraud team calls the customer back within 4 working hours.',
          'Ask the customer to report to the police and bring the police receipt to a branch; it is needed for the recall.',
        ) +
        p(
          'Never promise the money back: say that we have asked the receiving bank to hold it and will tell them the result. Unblocking the app later needs a visit to a branch with the ID card.',
        ),
      answer:
        'I have blocked your app access and cards so nothing more can leave your account, and asked the receiving bank to hold the money. I cannot promise it can be recovered; our fraud team will call you within 4 working hours. Please also report it to the police and bring the receipt to a branch.',
      tags: ['fraud report', 'scam victim', 'recall request', 'internal procedure'],
    },
    'zh-CN': {
      title: '坐席：客户报告被骗转账',
      body:
        p('争分夺秒：收款行只能冻结尚未被取走的资金。前两步须在客户仍在线时完成。') +
        ol(
          '立即冻结：手机银行登录权限和全部银行卡（与冻结卡片相同，姓名加一项核实信息即可）。',
          '记录：每笔转账的时间和金额，收款人账号、户名和开户行，以及被骗经过（电话、链接、安装的 App、二维码）。',
          '30 分钟内在该笔转账页面（操作 → 诈骗止付）向收款行发送止付申请。',
          '创建类型为"诈骗"、优先级"高"的工单；反欺诈团队在 4 个工作小时内回电客户。',
          '请客户到公安机关报案，并将报案回执带到网点；追回资金需要该回执。',
        ) +
        p(
          '绝不承诺资金一定能追回：告知客户我们已请收款行冻结该款项，会通知处理结果。之后解除手机银行冻结须本人持身份证件到网点办理。',
        ),
      answer:
        '已为您冻结手机银行和全部银行卡，账户资金不会再被转出，同时已请收款行止付这笔款项。资金能否追回目前无法保证，我行反欺诈团队会在 4 个工作小时内回电。请您尽快到公安机关报案，并将报案回执带到网点。',
      tags: ['被骗报案', '诈骗止付', '电信诈骗', '内部流程'],
    },
    vi: {
      title: 'Nhân viên: khách hàng báo bị lừa đảo chuyển tiền',
      body:
        p(
          'Thời gian là quyết định: ngân hàng nhận chỉ phong tỏa được số tiền chưa bị rút. Thực hiện hai bước đầu khi khách hàng vẫn đang trong cuộc gọi.',
        ) +
        ol(
          'Khóa ngay: quyền truy cập ứng dụng và tất cả các thẻ (họ tên và một thông tin xác minh là đủ, như khi khóa thẻ).',
          'Ghi lại: thời gian và số tiền từng giao dịch, số tài khoản, tên và ngân hàng người nhận, cách thức bị lừa (cuộc gọi, đường link, ứng dụng đã cài, mã QR).',
          'Trong vòng 30 phút, gửi yêu cầu tra soát, phong tỏa tới ngân hàng nhận ngay trên màn hình giao dịch (Thao tác → Thu hồi do lừa đảo).',
          'Tạo yêu cầu loại Lừa đảo, mức ưu tiên Cao; bộ phận phòng chống gian lận gọi lại khách hàng trong 4 giờ làm việc.',
          'Đề nghị khách hàng trình báo công an và mang giấy biên nhận trình báo đến chi nhánh; giấy này cần cho việc thu hồi.',
        ) +
        p(
          'Không bao giờ hứa chắc lấy lại được tiền: nói rằng ngân hàng đã đề nghị ngân hàng nhận phong tỏa số tiền và sẽ báo kết quả. Mở khóa ứng dụng sau đó phải làm tại quầy, mang theo CCCD.',
        ),
      answer:
        'Em đã khóa ứng dụng và tất cả các thẻ của quý khách để không còn giao dịch nào bị chuyển đi, đồng thời đề nghị ngân hàng nhận phong tỏa số tiền. Ngân hàng chưa thể cam kết thu hồi được; bộ phận phòng chống gian lận sẽ gọi lại cho quý khách trong 4 giờ làm việc. Quý khách vui lòng trình báo công an và mang giấy biên nhận đến chi nhánh ạ.',
      tags: ['báo lừa đảo', 'bị lừa chuyển tiền', 'phong tỏa', 'quy trình nội bộ'],
    },
  },
];
