import { describe, expect, it } from 'vitest';
import { localeFromHeader } from '../../src/http/i18n.js';
import { AppError } from '../../src/http/errors.js';

describe('language of messages', () => {
  it('is Bahasa Indonesia unless the caller prefers English', () => {
    expect(localeFromHeader(undefined)).toBe('id');
    expect(localeFromHeader('en-US,en;q=0.9')).toBe('en');
    expect(localeFromHeader('id-ID,id;q=0.9,en;q=0.8')).toBe('id');
    expect(localeFromHeader('fr-FR,en;q=0.5,id;q=0.9')).toBe('id');
    expect(localeFromHeader('de')).toBe('id');
  });

  it('fills parameters into messages', () => {
    const err = new AppError('TOO_MANY_ATTEMPTS', { minutes: 7 });
    expect(err.status).toBe(429);
    expect(err.messageFor('id')).toBe('Terlalu banyak percobaan masuk. Coba lagi dalam 7 menit.');
    expect(err.messageFor('en')).toBe('Too many sign-in attempts. Try again in 7 minutes.');
  });
});
