import '@mantine/tiptap/styles.css';
import { Input } from '@mantine/core';
import { DEFAULT_LABELS, RichTextEditor, type RichTextEditorProps } from '@mantine/tiptap';
import { useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The email reply as the agent writes it: bold, italic, lists and links (TipTap through Mantine).
 * Loaded only for email conversations (its own chunk). The server sanitizes the HTML and derives
 * the mail's text part from it. Ctrl+Enter sends.
 */
export default function RichReplyEditor(props: {
  initialHtml: string;
  onChange: (html: string, isEmpty: boolean) => void;
  onSubmit: () => void;
  disabled: boolean;
  /** HTML to put at the cursor (a template); `n` counts the insertions. */
  insert?: { html: string; n: number } | null;
  /** The field's label (Admin · Email templates names the language); the reply's by default. */
  label?: string;
}) {
  const { t } = useTranslation();
  const label = props.label ?? t('emailReply.body');
  const labels = useMemo(
    () => ({
      ...DEFAULT_LABELS,
      boldControlLabel: t('emailReply.controls.bold'),
      italicControlLabel: t('emailReply.controls.italic'),
      bulletListControlLabel: t('emailReply.controls.bulletList'),
      orderedListControlLabel: t('emailReply.controls.orderedList'),
      linkControlLabel: t('emailReply.controls.link'),
      unlinkControlLabel: t('emailReply.controls.unlink'),
      linkEditorInputLabel: t('emailReply.controls.linkUrl'),
      linkEditorInputPlaceholder: 'https://',
      linkEditorExternalLink: t('emailReply.controls.linkExternal'),
      linkEditorInternalLink: t('emailReply.controls.linkInternal'),
      linkEditorSave: t('emailReply.controls.save'),
    }),
    [t],
  );
  // TipTap takes new options in an effect after each render: Ctrl+Enter calls the latest `onSubmit`.
  const submit = useRef(props.onSubmit);
  submit.current = props.onSubmit;
  const editor = useEditor({
    extensions: [
      // StarterKit 3 has the link mark (the toolbar's Link control edits it).
      StarterKit.configure({
        link: { openOnClick: false },
        heading: false,
        codeBlock: false,
        horizontalRule: false,
      }),
    ],
    content: props.initialHtml,
    editable: !props.disabled,
    immediatelyRender: false,
    editorProps: {
      attributes: { role: 'textbox', 'aria-label': label, 'aria-multiline': 'true' },
      handleKeyDown: (_view, event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          submit.current();
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: e }) => props.onChange(e.getHTML(), e.isEmpty),
  });
  // An editor remounted after a reply (or a canned insertion) must not repeat an older insertion.
  const doneN = useRef(props.insert?.n);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per insertion
  useEffect(() => {
    if (!editor || !props.insert || props.insert.n === doneN.current) return;
    doneN.current = props.insert.n;
    editor.chain().focus().insertContent(props.insert.html).run();
  }, [editor, props.insert?.n]);

  return (
    <Input.Wrapper label={label}>
      {/* @mantine/tiptap's types see @tiptap/core through its CommonJS declarations: the same class. */}
      <RichTextEditor editor={editor as unknown as RichTextEditorProps['editor']} labels={labels}>
        <RichTextEditor.Toolbar>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Bold />
            <RichTextEditor.Italic />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.BulletList />
            <RichTextEditor.OrderedList />
          </RichTextEditor.ControlsGroup>
          <RichTextEditor.ControlsGroup>
            <RichTextEditor.Link />
            <RichTextEditor.Unlink />
          </RichTextEditor.ControlsGroup>
        </RichTextEditor.Toolbar>
        <RichTextEditor.Content mih={140} />
      </RichTextEditor>
    </Input.Wrapper>
  );
}
