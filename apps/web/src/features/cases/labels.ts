import type { TFunction } from 'i18next';

/** Where a case was raised: the case channels' names, else the conversation channels', else the code. */
export function caseChannelLabel(t: TFunction, channel: string): string {
  return t(`cases.channel.${channel}`, { defaultValue: t(`desk.channel.${channel}`, channel) });
}

/** A product code by its name where the demo bank knows it, else as stored. */
export function productLabel(t: TFunction, product: string): string {
  return t(`desk.customer.product.${product}`, product);
}
