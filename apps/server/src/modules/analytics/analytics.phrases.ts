import { segmenter } from '../../platform/jieba.ts';

/**
 * Phrases mined from customer messages, per language (metrics.md § Hot topics):
 * - Chinese has no spaces: segmented into words by jieba, then words of ≥ 2 characters and pairs of
 *   neighbouring words;
 * - Vietnamese writes one syllable per space-separated token and most words have two or three:
 *   syllable pairs and triples (a single syllable means little);
 * - English: words of ≥ 3 letters and pairs.
 * Stop words are dropped before pairing; a phrase counts once per message.
 */

const ZH_STOP = new Set(
  '的 了 是 我 你 他 她 它 们 我们 你们 在 有 和 就 不 也 都 很 吗 呢 吧 啊 呀 哦 嗯 这 那 这个 那个 一个 什么 怎么 怎么办 为什么 可以 请问 您好 你好 谢谢 麻烦 一下 现在 已经 还是 还 又 要 会 能 想 说 到 把 被 让 给 对 从 跟 吗？ 请 帮 帮忙 问 今天 昨天 刚才 时候 没有 一直 然后 但是 因为 所以 如果 自己 一样 客服'.split(
    ' ',
  ),
);
const VI_STOP = new Set(
  'và của là có không cho tôi em anh chị bạn mình được bị thì mà này kia đó với các những một rất đã đang sẽ vẫn cũng nên hay hoặc ạ à ơi nhé nha vậy sao gì ở tại trong ngoài khi nào để ra vào lên xuống rồi lại thế làm xin chào cảm ơn giúp hỏi ngân hàng sau trước thêm nữa'.split(
    ' ',
  ),
);
const EN_STOP = new Set(
  'the a an and or but of to in on at for with from by is are was were be been being it its this that these those i me my we our you your he she they them their do does did not no yes can could would should will just so very too have has had get got please hello hi thanks thank there here what when where why how which who about into after before again still also then than'.split(
    ' ',
  ),
);

const PUNCT = /[\s\p{P}\p{S}\d]+/u;

function pairs(tokens: string[], join: string, maxN: number): string[] {
  const out: string[] = [];
  for (let n = 2; n <= maxN; n++) {
    for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(join));
  }
  return out;
}

/** The distinct phrases of one message. */
export function phrasesOf(text: string, language: string): string[] {
  const found = new Set<string>();
  if (language === 'zh-CN') {
    // Runs between punctuation, so pairs never cross a sentence.
    for (const run of text.split(PUNCT)) {
      if (!run) continue;
      const words = segmenter()
        .cut(run, true)
        .filter((w) => w.length >= 2 && !ZH_STOP.has(w));
      for (const w of words) found.add(w);
      for (const p of pairs(words, '', 2)) found.add(p);
    }
  } else if (language === 'vi') {
    for (const run of text.toLowerCase().split(/[\p{P}\p{S}\d]+/u)) {
      const syllables = run.split(/\s+/).filter((s) => s.length > 0);
      // Split the run at stop syllables: a phrase never starts, ends or spans one.
      let chunk: string[] = [];
      const flush = () => {
        for (const p of pairs(chunk, ' ', 3)) found.add(p);
        chunk = [];
      };
      for (const s of syllables) {
        if (VI_STOP.has(s)) flush();
        else chunk.push(s);
      }
      flush();
    }
  } else {
    for (const run of text.toLowerCase().split(/[\p{P}\p{S}\d]+/u)) {
      const words = run.split(/\s+/).filter((w) => w.length >= 3 && !EN_STOP.has(w));
      for (const w of words) found.add(w);
      for (const p of pairs(words, ' ', 2)) found.add(p);
    }
  }
  return [...found];
}

/**
 * Drops a phrase when a longer phrase containing it accounts for most of its uses (≥ 80 %):
 * "手机银行" and "闪退" add nothing when "手机银行闪退" is the topic.
 */
export function withoutSubsumed(counts: Map<string, number>): Map<string, number> {
  const sorted = [...counts.entries()].sort((a, b) => b[0].length - a[0].length);
  const kept = new Map<string, number>();
  for (const [phrase, count] of sorted) {
    let subsumed = false;
    for (const [longer, longerCount] of kept) {
      if (longer.length > phrase.length && longer.includes(phrase) && longerCount >= 0.8 * count) {
        subsumed = true;
        break;
      }
    }
    if (!subsumed) kept.set(phrase, count);
  }
  return kept;
}

const SUGGESTION = [
  /希望|建议|能不能|可不可以|最好能|应该增加|应该/,
  /\b(nên|mong|đề nghị|hy vọng|giá mà|ước gì)\b/iu,
  /\b(should|would be (great|nice)|please add|i wish|suggest|it would help|could you add)\b/i,
];

/** Whether a message reads as a suggestion to the bank. */
export function isSuggestion(text: string): boolean {
  return SUGGESTION.some((re) => re.test(text));
}
