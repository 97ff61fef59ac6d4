import { useMutation, useQueryClient } from '@tanstack/react-query';
import i18n from 'i18next';
import { API_BASE, ApiError, csrfHeaders } from '../../app/api-client.ts';
import type { ConversationDetail, PostedMessage } from '../../app/contracts.ts';
import { deskKeys } from './api.ts';
import { mergeMessages } from './model.ts';

/** What the server accepts; it sniffs the bytes, this only spares a useless upload. */
export const ACCEPTED_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'];
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILE_MB = MAX_FILE_BYTES / 1024 / 1024;

/** A file's address: the desk is signed in by cookie, so images and links can use it directly. */
export const attachmentUrl = (conversationId: string, attachmentId: string) =>
  `${API_BASE}/conversations/${encodeURIComponent(conversationId)}/attachments/${encodeURIComponent(attachmentId)}`;

/** Why a file cannot be sent, checked before sending; null when it may go. */
export function checkFile(file: { size: number; type: string }): 'type' | 'tooLarge' | 'empty' | null {
  if (!ACCEPTED_TYPES.includes(file.type)) return 'type';
  if (file.size > MAX_FILE_BYTES) return 'tooLarge';
  if (file.size === 0) return 'empty';
  return null;
}

/** "850 KB", "2.4 MB" in the interface language. */
export function formatSize(bytes: number, language: string): string {
  const kb = bytes / 1024;
  const format = (n: number, digits: number) =>
    new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(n);
  return kb < 1024 ? `${format(Math.max(1, Math.round(kb)), 0)} KB` : `${format(kb / 1024, 1)} MB`;
}

async function upload(conversationId: string, input: { clientId: string; file: File }) {
  const query = new URLSearchParams({ name: input.file.name, clientId: input.clientId });
  let response: Response;
  try {
    response = await fetch(
      `${API_BASE}/conversations/${encodeURIComponent(conversationId)}/attachments?${query}`,
      {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Accept-Language': i18n.language,
          'Content-Type': input.file.type || 'application/octet-stream',
          ...csrfHeaders(),
        },
        body: input.file,
      },
    );
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', i18n.t('errors.network'), null);
  }
  const payload = (await response.json().catch(() => null)) as
    | (PostedMessage & { error?: { code?: string; message?: string; requestId?: string } })
    | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      payload?.error?.code ?? 'HTTP_ERROR',
      payload?.error?.message ?? i18n.t('errors.httpStatus', { status: response.status }),
      payload?.error?.requestId ?? null,
    );
  }
  return payload as PostedMessage;
}

/**
 * Sends a file into the conversation as the agent. The clientId is kept per file by the caller,
 * so sending the same file again after a lost answer stores it once.
 */
export function useUploadAttachment(conversationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineError: true },
    mutationFn: (input: { clientId: string; file: File }) => upload(conversationId, input),
    onSuccess: ({ message }) => {
      queryClient.setQueryData<ConversationDetail>(deskKeys.conversation(conversationId), (detail) =>
        detail ? { ...detail, messages: mergeMessages(detail.messages, [message]) } : detail,
      );
      void queryClient.invalidateQueries({ queryKey: deskKeys.conversations });
    },
  });
}
