import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { ErrorAlert } from '../../../shared/error-alert.tsx';
import { PageHeader } from '../../../shared/page-header.tsx';

/**
 * The top of an admin list page: title and description, the create button for those who may
 * manage (`onCreate` null or left out hides it), and the list's load error.
 */
export function ListPageHeader(props: {
  title: string;
  description: string;
  createLabel?: string;
  onCreate?: (() => void) | null;
  error: unknown;
}) {
  return (
    <>
      <PageHeader
        title={props.title}
        description={props.description}
        actions={
          props.onCreate && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={props.onCreate}>
              {props.createLabel}
            </Button>
          )
        }
      />
      <ErrorAlert error={props.error} />
    </>
  );
}
