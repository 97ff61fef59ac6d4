/** A port free to listen on now, below the kernel's ephemeral range (see free-port.mjs). */
export function freePort(host?: string): Promise<number>;
