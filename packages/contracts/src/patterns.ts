// Patterns the server validates with and the web app checks forms against before sending. This file
// imports nothing, so the web app can import it without bringing TypeBox into the browser bundle.

/**
 * A serialized origin (RFC 6454 §6.2): scheme, host (name, IPv4 or [IPv6]) and optional port,
 * nothing else. Allowed origins go into a PostgreSQL array literal and a CSP frame-ancestors list.
 */
export const ORIGIN_PATTERN =
  '^https?://([A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*|\\[[0-9A-Fa-f:.]+\\])(:[0-9]{1,5})?$';
