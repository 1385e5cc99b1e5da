export type Locale = 'id' | 'en';

/** Picks the caller's language: `id` unless the Accept-Language header prefers English. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'id';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag, q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('id') || tag.startsWith('in')) return 'id';
    if (tag.startsWith('en')) return 'en';
  }
  return 'id';
}

/** Field-level validation messages (zod issue codes) per language. */
export function validationMessage(
  issue: { code: string; minimum?: unknown; maximum?: unknown; origin?: string; format?: string; values?: unknown[]; expected?: string; input?: unknown; message?: string },
  locale: Locale,
): string {
  const id = locale === 'id';
  // Our own messages carry both languages as "Bahasa Indonesia || English".
  if (issue.message?.includes(' || ')) {
    const [idText = '', enText = ''] = issue.message.split(' || ');
    return id ? idText : enText;
  }
  if (issue.code === 'custom' && issue.message) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return id ? 'Wajib diisi.' : 'Required.';
      return id ? `Jenis data salah (seharusnya ${issue.expected}).` : `Wrong type (expected ${issue.expected}).`;
    case 'too_small':
      if (issue.origin === 'string') return id ? `Minimal ${issue.minimum} karakter.` : `At least ${issue.minimum} characters.`;
      if (issue.origin === 'array') return id ? `Pilih minimal ${issue.minimum}.` : `Choose at least ${issue.minimum}.`;
      return id ? `Minimal ${issue.minimum}.` : `At least ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'string') return id ? `Maksimal ${issue.maximum} karakter.` : `At most ${issue.maximum} characters.`;
      return id ? `Maksimal ${issue.maximum}.` : `At most ${issue.maximum}.`;
    case 'invalid_format':
      if (issue.format === 'email') return id ? 'Alamat e-mail tidak valid.' : 'Invalid e-mail address.';
      if (issue.format === 'uuid') return id ? 'Pengenal tidak valid.' : 'Invalid identifier.';
      if (issue.format === 'date') return id ? 'Tanggal tidak valid (format TTTT-BB-HH).' : 'Invalid date (format YYYY-MM-DD).';
      if (issue.format === 'regex' && issue.message) return issue.message;
      return id ? 'Format tidak valid.' : 'Invalid format.';
    case 'invalid_value':
      return id ? `Pilihan tidak dikenal. Pilihan yang sah: ${(issue.values ?? []).join(', ')}.` : `Unknown option. Valid options: ${(issue.values ?? []).join(', ')}.`;
    case 'unrecognized_keys':
      return id ? 'Kolom tidak dikenal.' : 'Unknown field.';
    default:
      return id ? 'Nilai tidak valid.' : 'Invalid value.';
  }
}
