/** The addresses typed in a CC or BCC field: separated by commas, semicolons or spaces. */
export function splitAddresses(value: string): string[] {
  return value
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

// The server's rule (notifications.email.ts): no whitespace (so no CR/LF), one @, a dot in the domain.
const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+\.[^\s@<>()",;:\\[\]]+$/;

/** The first address the server would refuse, or null. */
export function invalidAddress(value: string): string | null {
  return splitAddresses(value).find((a) => !ADDRESS.test(a) || a.length > 254) ?? null;
}
