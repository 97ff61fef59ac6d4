import '@mantine/tiptap/styles.css';
import { Input, Switch, Textarea } from '@mantine/core';
import {
  DEFAULT_LABELS,
  getUploadImageExtension,
  Link,
  RichTextEditor,
  type RichTextEditorProps,
} from '@mantine/tiptap';
import Image from '@tiptap/extension-image';
import { TableKit } from '@tiptap/extension-table';
import { useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import i18n from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { API_BASE, ApiError, csrfHeaders } from '../../../app/api-client.ts';
import { notifyError } from '../../../shared/notify.ts';

/** Uploads an image through the knowledge image endpoint (content-sniffed, ≤ 2 MB); its URL. */
async function uploadImage(file: File): Promise<string> {
  const response = await fetch(`${API_BASE}/knowledge/images`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'Accept-Language': i18n.language,
      'Content-Type': file.type || 'application/octet-stream',
      ...csrfHeaders(),
    },
    body: file,
  });
  const payload = (await response.json().catch(() => null)) as {
    url?: string;
    error?: { code?: string; message?: string };
  } | null;
  if (!response.ok || !payload?.url)
    throw new ApiError(
      response.status,
      payload?.error?.code ?? 'HTTP_ERROR',
      payload?.error?.message ?? i18n.t('errors.httpStatus', { status: response.status }),
      null,
    );
  return payload.url;
}

/**
 * The article body as editors write it: headings, lists, tables, links and uploaded images
 * (TipTap through Mantine), or its HTML source. Loaded only with the editor (its own chunk). The
 * server sanitizes whatever it receives; the preview beside it shows the same HTML.
 */
export default function RichBodyEditor(props: { value: string; onChange: (html: string) => void }) {
  const { t } = useTranslation();
  const [isSource, setSource] = useState(false);
  const labels = useMemo(
    () => ({
      ...DEFAULT_LABELS,
      boldControlLabel: t('knowledge.editor.controls.bold'),
      italicControlLabel: t('knowledge.editor.controls.italic'),
      h2ControlLabel: t('knowledge.editor.controls.h2'),
      h3ControlLabel: t('knowledge.editor.controls.h3'),
      bulletListControlLabel: t('knowledge.editor.controls.bulletList'),
      orderedListControlLabel: t('knowledge.editor.controls.orderedList'),
      linkControlLabel: t('knowledge.editor.controls.link'),
      unlinkControlLabel: t('knowledge.editor.controls.unlink'),
      linkEditorInputLabel: t('knowledge.editor.controls.linkUrl'),
      linkEditorInputPlaceholder: 'https://',
      linkEditorExternalLink: t('knowledge.editor.controls.linkExternal'),
      linkEditorInternalLink: t('knowledge.editor.controls.linkInternal'),
      linkEditorSave: t('knowledge.editor.controls.save'),
      tableInsertControlLabel: t('knowledge.editor.controls.table'),
      tableInsertLabel: (columns: number, rows: number) =>
        t('knowledge.editor.controls.tableSize', { columns, rows }),
      tableDeleteControlLabel: t('knowledge.editor.controls.tableDelete'),
      imageUploadControlLabel: t('knowledge.editor.controls.image'),
      undoControlLabel: t('knowledge.editor.controls.undo'),
      redoControlLabel: t('knowledge.editor.controls.redo'),
    }),
    [t],
  );
  const editor = useEditor({
    extensions: [
      StarterKit.configure({ link: false, heading: { levels: [2, 3] } }),
      Link.configure({ openOnClick: false }),
      TableKit,
      getUploadImageExtension(Image, {
        onImageUpload: uploadImage,
        onImageUploadError: (_f, e) => notifyError(e),
      }),
    ],
    content: props.value,
    immediatelyRender: false,
    editorProps: {
      attributes: { role: 'textbox', 'aria-label': t('knowledge.editor.bodyRich'), 'aria-multiline': 'true' },
    },
    onUpdate: ({ editor: e }) => props.onChange(e.getHTML()),
  });

  return (
    <Input.Wrapper label={t('knowledge.editor.bodyRich')} description={t('knowledge.editor.bodyHelp')}>
      <Switch
        size="xs"
        my={6}
        label={t('knowledge.editor.source')}
        checked={isSource}
        onChange={(event) => {
          const next = event.currentTarget.checked;
          // Back from the source: the rich editor takes the HTML as it now is.
          if (!next) editor?.commands.setContent(props.value, { emitUpdate: false });
          setSource(next);
        }}
      />
      {isSource ? (
        <Textarea
          aria-label={t('knowledge.editor.body')}
          value={props.value}
          onChange={(event) => props.onChange(event.currentTarget.value)}
          autosize
          minRows={10}
          styles={{ input: { fontFamily: 'monospace' } }}
        />
      ) : (
        // @mantine/tiptap's types see @tiptap/core through its CommonJS declarations: the same class.
        <RichTextEditor
          editor={editor as unknown as RichTextEditorProps['editor']}
          labels={labels}
          onImageUpload={uploadImage}
        >
          <RichTextEditor.Toolbar>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.Bold />
              <RichTextEditor.Italic />
            </RichTextEditor.ControlsGroup>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.H2 />
              <RichTextEditor.H3 />
              <RichTextEditor.BulletList />
              <RichTextEditor.OrderedList />
            </RichTextEditor.ControlsGroup>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.Link />
              <RichTextEditor.Unlink />
              <RichTextEditor.TableInsert />
              <RichTextEditor.ImageUpload accept="image/png,image/jpeg,image/gif,image/webp" />
            </RichTextEditor.ControlsGroup>
            <RichTextEditor.ControlsGroup>
              <RichTextEditor.Undo />
              <RichTextEditor.Redo />
            </RichTextEditor.ControlsGroup>
          </RichTextEditor.Toolbar>
          <RichTextEditor.Content mih={240} />
        </RichTextEditor>
      )}
    </Input.Wrapper>
  );
}
