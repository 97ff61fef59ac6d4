// Light yellow with dark text: the light orange badge fails WCAG AA contrast (axe color-contrast).
export const WARN_BADGE = { color: 'yellow', c: 'dark.7' } as const;
const NORMAL_BADGE = { color: 'banyan' } as const;

/** Conversations in wrap-up stand out from active ones in the list and the header. */
export const statusColors = (status: string) => (status === 'wrap_up' ? WARN_BADGE : NORMAL_BADGE);
