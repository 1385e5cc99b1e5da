import crypto from 'node:crypto';
import argon2 from 'argon2';
import type { Config } from '../config/config.js';
import { AppError } from '../http/errors.js';

/**
 * argon2id with OWASP's first recommended setting (m=19 MiB, t=2, p=1) unless configured otherwise.
 * The `argon2` package ships prebuilt binaries for Linux/macOS/Windows, so no compiler is needed.
 */
export class PasswordHasher {
  private dummy: Promise<string>;
  constructor(private readonly params: Config['argon2']) {
    this.dummy = this.hash(crypto.randomBytes(16).toString('hex'));
  }
  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: this.params.memoryCost, timeCost: this.params.timeCost, parallelism: 1 });
  }
  async verify(hash: string | null, password: string): Promise<boolean> {
    // Without a user we still spend the same time, so the answer's timing reveals nothing.
    const target = hash ?? (await this.dummy);
    try {
      const ok = await argon2.verify(target, password);
      return hash !== null && ok;
    } catch {
      return false;
    }
  }
}

export const MIN_PASSWORD_LENGTH = 10;

export function assertPasswordPolicy(password: string, username: string): void {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) problems.push(`Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter.`);
  if (password.length > 200) problems.push('Kata sandi maksimal 200 karakter.');
  if (password.toLowerCase().includes(username.toLowerCase())) problems.push('Kata sandi tidak boleh memuat nama pengguna.');
  if (problems.length) throw new AppError('VALIDATION_FAILED', {}, problems.map((message) => ({ path: 'password', message })));
}

/** Readable temporary passwords for resets: 4 groups, ~80 bits. */
export function temporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out += alphabet[bytes[i]! % alphabet.length];
    if (i % 4 === 3 && i < 15) out += '-';
  }
  return out;
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}
