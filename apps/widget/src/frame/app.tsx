import { Fragment } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { WidgetLanguage } from '../protocol.ts';
import { ApiError, type InlineSurvey } from './api.ts';
import { ACCEPTED_TYPES, type Attachment, formatSize, isImage, MAX_FILE_MB } from './attachments.ts';
import { type ChatController, type ChatState, MAX_MESSAGE_LENGTH } from './chat.ts';
import { languageNames, type MessageKey, type Translate, translator } from './i18n.ts';
import { seenMessageSeq } from './live.ts';
import type { ChatMessage } from './messages.ts';
import { buildTranscript } from './transcript.ts';

const TOPICS = ['cards', 'loans', 'accounts', 'ebanking', 'other'] as const;

export function App(props: {
  controller: ChatController;
  state: ChatState;
  language: WidgetLanguage;
  onClose: () => void;
}) {
  const { controller, state, onClose } = props;
  const [language, setLanguage] = useState(props.language);
  const t = useMemo(() => translator(language), [language]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div class="widget">
      <header class="header">
        <h1>{state.session?.site.name ?? ''}</h1>
        <button
          type="button"
          class="icon"
          aria-label={t('header.close')}
          title={t('header.close')}
          onClick={onClose}
        >
          <span aria-hidden="true">—</span>
        </button>
      </header>
      {state.phase === 'loading' && <p class="center">{t('loading')}</p>}
      {state.phase === 'error' && (
        <div class="center" role="alert">
          <p>{state.error ?? t('error.generic')}</p>
          <button type="button" onClick={() => void controller.start()}>
            {t('rating.new')}
          </button>
        </div>
      )}
      {state.phase === 'form' && state.session && (
        <PreChatForm
          t={t}
          controller={controller}
          state={state}
          language={language}
          onLanguage={setLanguage}
        />
      )}
      {state.phase === 'chat' && <ChatView t={t} controller={controller} state={state} />}
    </div>
  );
}

function PreChatForm(props: {
  t: Translate;
  controller: ChatController;
  state: ChatState;
  language: WidgetLanguage;
  onLanguage: (language: WidgetLanguage) => void;
}) {
  const { t, controller, state } = props;
  const online = state.session?.online ?? true;
  const [fields, setFields] = useState({
    name: state.session?.customerName ?? '',
    phone: '',
    email: '',
    topic: '',
    message: '',
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = (name: keyof typeof fields) => ({
    id: `f-${name}`,
    value: fields[name],
    onInput: (event: Event) =>
      setFields({ ...fields, [name]: (event.currentTarget as HTMLInputElement).value }),
  });

  async function submit(event: Event) {
    event.preventDefault();
    const missing: MessageKey | null = !fields.name.trim()
      ? 'form.nameMissing'
      : !fields.phone.trim() && !fields.email.trim()
        ? 'form.contactMissing'
        : !online && !fields.message.trim()
          ? 'form.messageMissing'
          : fields.message.length > MAX_MESSAGE_LENGTH
            ? 'error.tooLong'
            : null;
    if (missing) return setError(t(missing, { max: MAX_MESSAGE_LENGTH }));
    setBusy(true);
    setError(null);
    try {
      await controller.startChat({
        name: fields.name.trim(),
        ...(fields.phone.trim() ? { phone: fields.phone.trim() } : {}),
        ...(fields.email.trim() ? { email: fields.email.trim() } : {}),
        ...(fields.topic ? { topic: fields.topic } : {}),
        language: props.language,
        message: fields.message,
      });
    } catch (caught) {
      setError(
        (caught instanceof ApiError && caught.message) ||
          t(caught instanceof ApiError && caught.status === 0 ? 'error.network' : 'error.generic'),
      );
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} noValidate>
      {state.session?.site.greeting && <p>{state.session.site.greeting}</p>}
      <p class={online ? '' : 'notice'}>{t(online ? 'form.intro' : 'form.offline')}</p>
      <label for="f-name">{t('form.name')}</label>
      <input {...field('name')} autocomplete="name" required />
      <p class="hint" id="contact-hint">
        {t('form.contactHint')}
      </p>
      <label for="f-phone">{t('form.phone')}</label>
      <input {...field('phone')} type="tel" autocomplete="tel" aria-describedby="contact-hint" />
      <label for="f-email">{t('form.email')}</label>
      <input {...field('email')} type="email" autocomplete="email" aria-describedby="contact-hint" />
      <label for="f-topic">{t('form.topic')}</label>
      <select {...field('topic')}>
        <option value="" />
        {TOPICS.map((topic) => (
          <option key={topic} value={topic === 'ebanking' ? 'e-banking' : topic}>
            {t(`topic.${topic}`)}
          </option>
        ))}
      </select>
      <label for="f-language">{t('form.language')}</label>
      <select
        id="f-language"
        value={props.language}
        onChange={(event) =>
          props.onLanguage((event.currentTarget as HTMLSelectElement).value as WidgetLanguage)
        }
      >
        {(Object.keys(languageNames) as WidgetLanguage[]).map((code) => (
          <option key={code} value={code} lang={code}>
            {languageNames[code]}
          </option>
        ))}
      </select>
      <label for="f-message">{t(online ? 'form.messageOptional' : 'form.message')}</label>
      <textarea {...field('message')} rows={3} required={!online} />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy}>
        {t(online ? 'form.start' : 'form.leaveMessage')}
      </button>
    </form>
  );
}

function ChatView(props: { t: Translate; controller: ChatController; state: ChatState }) {
  const { t, controller, state } = props;
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirmLeave, setConfirmLeave] = useState(false);
  const log = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const shownClientIds = new Set(state.messages.map((m) => m.clientId).filter((id): id is string => !!id));
  const pending = state.outbox.filter((item) => !shownClientIds.has(item.clientId));
  const ended = state.status === 'closed' || state.status === 'wrap_up';
  const waiting = state.status === 'queued' || state.status === 'offered';
  const seenSeq = seenMessageSeq(state.messages, state.agentReadSeq);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll to the end whenever the list grows.
  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [state.messages.length, pending.length, state.uploads.length]);

  function send() {
    if (!draft.trim()) return;
    if (draft.length > MAX_MESSAGE_LENGTH) return setError(t('error.tooLong', { max: MAX_MESSAGE_LENGTH }));
    if (controller.send(draft)) {
      setDraft('');
      setError(null);
    }
  }

  function attach(event: Event) {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const refused = controller.sendFile(file);
    setError(refused ? t(refused, { max: MAX_FILE_MB }) : null);
  }

  function download() {
    const text = buildTranscript(state.messages, {
      title: `${t('transcript.title')} — ${state.session?.site.name ?? ''}`,
      customer: t('chat.you'),
      agent: t('chat.agent'),
      system: t('chat.system'),
      file: t('transcript.file'),
      timeZone: t('transcript.timeZone', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone }),
    });
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `chat-${new Date().toISOString().slice(0, 10)}.txt`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async function leave() {
    setConfirmLeave(false);
    try {
      await controller.leave();
    } catch (caught) {
      setError((caught instanceof ApiError && caught.message) || t('error.generic'));
    }
  }

  return (
    <div class="chat">
      <div class="toolbar">
        <button type="button" onClick={download} disabled={state.messages.length === 0}>
          {t('chat.transcript')}
        </button>
        {!ended && (
          <button type="button" onClick={() => setConfirmLeave(true)}>
            {t('chat.leave')}
          </button>
        )}
      </div>
      {confirmLeave && (
        <div class="confirm" role="alertdialog" aria-label={t('chat.leaveConfirm')}>
          <p>{t('chat.leaveConfirm')}</p>
          <button type="button" class="primary" onClick={() => void leave()}>
            {t('chat.leaveYes')}
          </button>
          <button type="button" onClick={() => setConfirmLeave(false)}>
            {t('chat.leaveNo')}
          </button>
        </div>
      )}
      <div class="status" role="status">
        {waiting && (
          <>
            {state.queuePosition !== null
              ? t('chat.queue', { position: state.queuePosition })
              : t('chat.waiting')}{' '}
            {state.estimatedWaitSeconds !== null &&
              t('chat.wait', { minutes: Math.max(1, Math.round(state.estimatedWaitSeconds / 60)) })}
          </>
        )}
        {state.status === 'waiting_offline' && t('chat.offline')}
        {!state.connected && !ended && <span class="muted"> {t('chat.reconnecting')}</span>}
      </div>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe scrollable-region-focusable). */}
      <div class="log" ref={log} role="log" aria-label={t('chat.log')} aria-live="polite" tabIndex={0}>
        <ol>
          {state.messages.map((m) => (
            <Fragment key={m.seq}>
              <Bubble message={m} t={t} fetchFile={controller.fetchAttachment} />
              {seenSeq === m.seq && <li class="seen">{t('chat.seen')}</li>}
              {state.joinedAfterSeq === m.seq && <li class="system">{t('chat.joined')}</li>}
            </Fragment>
          ))}
          {state.joinedAfterSeq === 0 && <li class="system">{t('chat.joined')}</li>}
          {pending.map((item) => (
            <li key={item.clientId} class="customer pending">
              <p class="body">{item.body}</p>
              <p class="meta">
                {item.error !== undefined
                  ? `${t('chat.failed')}${item.error ? ` — ${item.error}` : ''}`
                  : state.retrying.includes(item.clientId)
                    ? t('chat.retrying')
                    : t('chat.pending')}
                {item.error !== undefined && (
                  <button type="button" class="link" onClick={() => controller.discard(item.clientId)}>
                    {t('chat.discard')}
                  </button>
                )}
              </p>
            </li>
          ))}
          {state.agentTyping && !ended && <li class="typing">{t('chat.typing')}</li>}
          {state.uploads.map((upload) => (
            <li key={upload.clientId} class="customer pending">
              <p class="body">{upload.name}</p>
              <p class="meta">
                {upload.error === undefined ? (
                  <>
                    <progress max={1} value={upload.progress} aria-hidden="true" />{' '}
                    {t('file.sending', { name: upload.name, percent: Math.round(upload.progress * 100) })}
                  </>
                ) : (
                  <>
                    <span role="alert">
                      {t('chat.failed')} — {upload.error || t(upload.errorKey ?? 'error.generic')}
                    </span>
                    {upload.canRetry && (
                      <button
                        type="button"
                        class="link"
                        onClick={() => controller.retryUpload(upload.clientId)}
                      >
                        {t('file.retry')}
                      </button>
                    )}
                    <button
                      type="button"
                      class="link"
                      onClick={() => controller.discardUpload(upload.clientId)}
                    >
                      {t('chat.discard')}
                    </button>
                  </>
                )}
              </p>
            </li>
          ))}
          {ended && <li class="system">{t('chat.ended')}</li>}
        </ol>
      </div>
      {ended ? (
        <>
          {state.status === 'closed' && <TranscriptByEmail t={t} controller={controller} state={state} />}
          <Rating t={t} controller={controller} state={state} />
        </>
      ) : (
        <div class="composer">
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <label for="composer" class="sr-only">
            {t('chat.input')}
          </label>
          <textarea
            id="composer"
            rows={2}
            value={draft}
            placeholder={t('chat.input')}
            aria-describedby="composer-hint"
            onInput={(event) => {
              setDraft((event.currentTarget as HTMLTextAreaElement).value);
              controller.typing();
            }}
            onKeyDown={(event) => {
              // isComposing: Enter that confirms a Chinese/Vietnamese IME candidate must not send.
              if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
                event.preventDefault();
                send();
              }
            }}
          />
          <p id="composer-hint" class="sr-only">
            {t('chat.inputHint')}
          </p>
          <input ref={fileInput} type="file" accept={ACCEPTED_TYPES.join(',')} hidden onChange={attach} />
          <button
            type="button"
            class="attach"
            aria-label={`${t('file.attach')} (${t('file.attachHint', { max: MAX_FILE_MB })})`}
            title={t('file.attachHint', { max: MAX_FILE_MB })}
            onClick={() => fileInput.current?.click()}
          >
            <Icon path="M21.4 11l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.8-2.8l8.5-8.5" />
          </button>
          <button type="button" class="primary" onClick={send}>
            {t('chat.send')}
          </button>
        </div>
      )}
    </div>
  );
}

function Bubble(props: {
  message: ChatMessage;
  t: Translate;
  fetchFile: (attachment: Attachment) => Promise<Blob>;
}) {
  const { message, t } = props;
  const side =
    message.authorType === 'customer' ? 'customer' : message.authorType === 'system' ? 'system' : 'agent';
  const time = new Date(message.createdAt).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <li class={side}>
      {side !== 'system' && (
        <span class="sr-only">{t(side === 'customer' ? 'chat.you' : 'chat.agent')}: </span>
      )}
      {message.attachment ? (
        <div class="body">
          <FileView attachment={message.attachment} t={t} fetchFile={props.fetchFile} />
        </div>
      ) : (
        // Text only: Preact escapes it, and CSS keeps the line breaks. Never innerHTML.
        <p class="body">{message.body}</p>
      )}
      {side !== 'system' && <p class="meta">{time}</p>}
    </li>
  );
}

/** A line icon (Feather's paperclip and file outlines, MIT): emoji fonts are not everywhere. */
function Icon(props: { path: string }) {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
    >
      <path d={props.path} />
    </svg>
  );
}

/**
 * A file in the log: an image as a thumbnail, anything else as a chip with name and size; a click
 * downloads it. Fetched as a Blob with the visitor token (no cookie, so no plain link would work).
 */
function FileView(props: {
  attachment: Attachment;
  t: Translate;
  fetchFile: (attachment: Attachment) => Promise<Blob>;
}) {
  const { attachment, t, fetchFile } = props;
  const [thumbnail, setThumbnail] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const image = isImage(attachment);
  // biome-ignore lint/correctness/useExhaustiveDependencies: one fetch per file id.
  useEffect(() => {
    if (!image) return;
    let url: string | null = null;
    let live = true;
    fetchFile(attachment)
      .then((blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setThumbnail(url);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [attachment.id]);

  async function download() {
    try {
      const href = URL.createObjectURL(await fetchFile(attachment));
      const link = document.createElement('a');
      link.href = href;
      link.download = attachment.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(href), 1000);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }

  const size = formatSize(attachment.size, document.documentElement.lang || 'en');
  return (
    <>
      <button
        type="button"
        class="file"
        title={t('file.download', { name: attachment.name, size })}
        onClick={() => void download()}
      >
        {thumbnail ? (
          <img src={thumbnail} alt={t('file.image', { name: attachment.name })} class="thumb" />
        ) : (
          <Icon path="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zM14 2v6h6" />
        )}{' '}
        <span class="name">{attachment.name}</span> <span class="size">{size}</span>
      </button>
      {failed && <span role="alert"> {t('error.generic')}</span>}
    </>
  );
}

// What the server accepts too (notifications.email.ts#isEmailAddress); the server has the last word.
const EMAIL = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;

/** "Email me the transcript" in the end-of-chat view, prefilled with the form's (or bank's) address. */
function TranscriptByEmail(props: { t: Translate; controller: ChatController; state: ChatState }) {
  const { t, controller, state } = props;
  const [isOpen, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new form for each finished conversation.
  useEffect(() => {
    setOpen(false);
    setSentTo(null);
    setError(null);
  }, [state.conversationId]);
  if (sentTo)
    return (
      <p class="transcript" role="status">
        {t('transcript.sent', { email: sentTo })}
      </p>
    );
  if (!isOpen) {
    return (
      <div class="transcript">
        <button
          type="button"
          onClick={() => {
            setOpen(true);
            controller.transcriptAddress().then(
              (found) => setEmail((current) => current || found || ''),
              () => undefined,
            );
          }}
        >
          {t('transcript.action')}
        </button>
      </div>
    );
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    const to = email.trim();
    if (!EMAIL.test(to)) {
      setError(t('transcript.invalid'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await controller.emailTranscript(to);
      setSentTo(to);
    } catch (caught) {
      setError((caught instanceof ApiError && caught.message) || t('error.generic'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="transcript" onSubmit={submit} noValidate>
      <label for="transcript-email">{t('transcript.email')}</label>
      <input
        id="transcript-email"
        type="email"
        autocomplete="email"
        value={email}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? 'transcript-error' : undefined}
        onInput={(event) => setEmail((event.currentTarget as HTMLInputElement).value)}
      />
      {error && (
        <p class="error" id="transcript-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={isBusy}>
        {t('transcript.send')}
      </button>
    </form>
  );
}

function Rating(props: { t: Translate; controller: ChatController; state: ChatState }) {
  const { t, controller, state } = props;
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  // undefined: still asking whether the bank configured a post-chat survey.
  const [survey, setSurvey] = useState<InlineSurvey['survey'] | undefined>(undefined);
  const [answered, setAnswered] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: one question per finished conversation.
  useEffect(() => {
    if (state.rated) return;
    controller.survey().then(
      (found) => {
        setAnswered(found.answered);
        setSurvey(found.survey);
      },
      () => setSurvey(null),
    );
  }, [state.conversationId]);
  if (state.rated || answered) {
    return (
      <div class="rating">
        <p role="status">{t('rating.thanks')}</p>
        {state.status === 'closed' && (
          <button type="button" class="primary" onClick={() => void controller.newChat()}>
            {t('rating.new')}
          </button>
        )}
      </div>
    );
  }
  if (survey === undefined) return <div class="rating" aria-busy="true" />;
  if (survey) return <SurveyForm t={t} controller={controller} survey={survey} />;
  async function submit(event: Event) {
    event.preventDefault();
    if (!rating) return;
    try {
      await controller.rate(rating, comment);
    } catch (caught) {
      setError((caught instanceof ApiError && caught.message) || t('error.generic'));
    }
  }
  return (
    <form class="rating" onSubmit={submit}>
      <fieldset>
        <legend>{t('rating.title')}</legend>
        <div class="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} class={n <= rating ? 'on' : ''}>
              <input
                type="radio"
                name="rating"
                value={n}
                checked={rating === n}
                onChange={() => setRating(n)}
                class="sr-only"
              />
              <span aria-hidden="true">★</span>
              <span class="sr-only">{t('rating.star', { n })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label for="rating-comment">{t('rating.comment')}</label>
      <textarea
        id="rating-comment"
        rows={2}
        maxLength={2000}
        value={comment}
        onInput={(event) => setComment((event.currentTarget as HTMLTextAreaElement).value)}
      />
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={!rating}>
        {t('rating.submit')}
      </button>
    </form>
  );
}

/** The bank's post-chat survey (CSAT, NPS + why, CES or custom) in place of the 1–5 rating. */
function SurveyForm(props: {
  t: Translate;
  controller: ChatController;
  survey: NonNullable<InlineSurvey['survey']>;
}) {
  const { t, controller, survey } = props;
  const [answers, setAnswers] = useState<Record<string, number | string>>({});
  const [error, setError] = useState<string | null>(null);
  const put = (id: string, value: number | string) => setAnswers({ ...answers, [id]: value });
  async function submit(event: Event) {
    event.preventDefault();
    try {
      await controller.answerSurvey(answers);
    } catch (caught) {
      setError((caught instanceof ApiError && caught.message) || t('error.generic'));
    }
  }
  return (
    <form class="rating survey" onSubmit={submit}>
      {survey.questions.map((q) =>
        q.type === 'scale' ? (
          <fieldset key={q.id}>
            <legend>{q.text}</legend>
            <div class="scale">
              {Array.from({ length: (q.max ?? 5) - (q.min ?? 1) + 1 }, (_, i) => (q.min ?? 1) + i).map(
                (n) => (
                  <label key={n} class={answers[q.id] === n ? 'on' : ''}>
                    <input
                      type="radio"
                      name={`survey-${q.id}`}
                      value={n}
                      checked={answers[q.id] === n}
                      onChange={() => put(q.id, n)}
                      class="sr-only"
                    />
                    {n}
                  </label>
                ),
              )}
            </div>
          </fieldset>
        ) : (
          <div key={q.id} class="survey-text">
            <label for={`survey-${q.id}`}>{q.text}</label>
            <textarea
              id={`survey-${q.id}`}
              rows={2}
              maxLength={2000}
              value={String(answers[q.id] ?? '')}
              onInput={(event) => put(q.id, (event.currentTarget as HTMLTextAreaElement).value)}
            />
          </div>
        ),
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={Object.keys(answers).length === 0}>
        {t('survey.submit')}
      </button>
    </form>
  );
}
