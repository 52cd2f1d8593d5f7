// Password hashing with argon2id (prebuilt binary, no install scripts).
import { hash, verify } from '@node-rs/argon2';
import crypto from 'node:crypto';

export const hashPassword = (password: string) => hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A readable random password for generated admin accounts. */
export function generatePassword(): string {
  return crypto.randomBytes(12).toString('base64url');
}
