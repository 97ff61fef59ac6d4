import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/** Source of identifiers; tests inject a deterministic one. */
export interface Ids {
  /** UUIDv7: time-ordered, so primary keys stay index-friendly. */
  uuid(): string;
  /** URL-safe random token with `bytes` of entropy. */
  token(bytes?: number): string;
}

export const systemIds: Ids = {
  uuid: () => uuidv7(),
  token: (bytes = 32) => randomBytes(bytes).toString('base64url'),
};
