import { hash, verify } from '@node-rs/argon2';

/** argon2id parameters; OWASP Password Storage Cheat Sheet (2024): m=19 MiB, t=2, p=1 minimum. */
export interface PasswordCost {
  memoryCost: number;
  timeCost: number;
}

// Algorithm.Argon2id === 2 in @node-rs/argon2 (a const enum, which isolatedModules cannot import).
const ARGON2ID = 2;

export function createPasswords(cost: PasswordCost) {
  const options = {
    algorithm: ARGON2ID,
    memoryCost: cost.memoryCost,
    timeCost: cost.timeCost,
    parallelism: 1,
  };
  // Verifying against this when the username is unknown keeps response times alike (no user probing).
  let dummy: Promise<string> | null = null;

  return {
    hashPassword: (password: string) => hash(password, options),
    verifyPassword: async (stored: string | null, password: string): Promise<boolean> => {
      if (stored === null) {
        dummy ??= hash('banyan-dummy-password', options);
        await verify(await dummy, password).catch(() => false);
        return false;
      }
      return verify(stored, password).catch(() => false);
    },
  };
}

export type Passwords = ReturnType<typeof createPasswords>;

/** Our password policy: length over composition (NIST SP 800-63B §5.1.1.2). */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < 10) return 'STAFF_PASSWORD_TOO_SHORT';
  // The username with a few characters around it is the first thing an attacker tries.
  const rest = password.toLowerCase().replace(username.toLowerCase(), '');
  if (rest.length < password.length && rest.length < 6) return 'STAFF_PASSWORD_CONTAINS_USERNAME';
  if (/^(.)\1+$/.test(password)) return 'STAFF_PASSWORD_TOO_WEAK';
  return null;
}
