import '@mantine/tiptap/styles.css';
import { Input } from '@mantine/core';
import { DEFAULT_LABELS, RichTextEditor, type RichTextEditorProps } from '@mantine/tiptap';
import { useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useMemo } from 'react';
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
}) {
  const { t } = useTranslation();
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
      attributes: { role: 'textbox', 'aria-label': t('emailReply.body'), 'aria-multiline': 'true' },
      handleKeyDown: (_view, event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          props.onSubmit();
          return true;
        }
        return false;
      },
    },
    onUpdate: ({ editor: e }) => props.onChange(e.getHTML(), e.isEmpty),
  });

  return (
    <Input.Wrapper label={t('emailReply.body')}>
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
