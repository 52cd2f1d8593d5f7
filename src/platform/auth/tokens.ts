// Opaque secrets for sessions and API tokens: only their SHA-256 is stored.
import crypto from 'node:crypto';

export const newSecret = (prefix: string) => `${prefix}_${crypto.randomBytes(24).toString('base64url')}`;
export const secretHash = (secret: string) => crypto.createHash('sha256').update(secret).digest('hex');
