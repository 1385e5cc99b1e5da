/**
 * Scope suggestions (ruang lingkup) from an agreement's text: the article on scope, read for the words that
 * name the register's scopes. Pure: the caller keeps only codes its list still holds.
 */
import type { PageText, Suggestion } from './suggest.js';

/** Words (lower case, whole words; a trailing * matches any ending) that point at each scope code. */
const SCOPE_WORDS: [string, string[]][] = [
  ['kemandirian', ['pelatihan', 'keterampilan', 'sertifikasi', 'kemandirian', 'pengelasan', 'menjahit', 'tata boga', 'kewirausahaan']],
  ['pertanian', ['pertanian', 'peternakan', 'perikanan', 'budidaya', 'hortikultura']],
  ['kepribadian', ['kepribadian', 'keagamaan', 'pesantren', 'kerohanian', 'rohani']],
  ['kesehatan', ['kesehatan', 'puskesmas', 'rumah sakit', 'pelayanan medis']],
  ['pendidikan', ['pendidikan kesetaraan', 'kesetaraan', 'paket a', 'paket b', 'paket c']],
  ['rehabilitasi', ['rehabilitasi', 'narkotika', 'narkoba']],
  ['bantuan_hukum', ['bantuan hukum', 'penyuluhan hukum', 'konsultasi hukum']],
  ['asimilasi', ['asimilasi', 'integrasi', 'reintegrasi']],
  ['pemasaran', ['pemasaran', 'penjualan produk', 'produk warga binaan']],
  ['lahan', ['pemanfaatan lahan', 'lahan']],
  ['sdm', ['peningkatan kapasitas', 'sumber daya manusia', 'kapasitas petugas']],
  ['keamanan', ['keamanan', 'ketertiban']],
  ['data_informasi', ['pertukaran data', 'data dan informasi']],
  ['keimigrasian', ['keimigrasian', 'imigrasi']],
];

/** The scope article: from "RUANG LINGKUP" to the next "Pasal N" heading (or ~1,200 characters). */
function scopeArticle(text: string): { start: number; body: string } | null {
  const m = /\bruang\s+lingkup\b/i.exec(text);
  if (!m) return null;
  const rest = text.slice(m.index + m[0].length);
  const next = /\bpasal\s+\d+\b/i.exec(rest);
  return { start: m.index + m[0].length, body: rest.slice(0, next ? next.index : 1200) };
}

function around(text: string, index: number, length: number): string {
  const start = Math.max(0, text.lastIndexOf(' ', Math.max(0, index - 60)) + 1);
  const endSpace = text.indexOf(' ', Math.min(text.length, index + length + 60));
  const end = endSpace < 0 ? text.length : endSpace;
  return `${start > 0 ? '…' : ''}${text.slice(start, end).replace(/\s+/g, ' ').trim()}${end < text.length ? '…' : ''}`;
}

export function suggestScopes(pages: PageText[]): Suggestion[] {
  const out: Suggestion[] = [];
  for (const p of pages) {
    const article = scopeArticle(p.text);
    if (!article) continue;
    const body = article.body.toLowerCase();
    for (const [code, words] of SCOPE_WORDS) {
      if (out.some((s) => s.value === code)) continue;
      for (const w of words) {
        const m = new RegExp(`(^|[^\\p{L}])(${w.replace(/\s+/g, '\\s+')})(?![\\p{L}])`, 'u').exec(body);
        if (!m) continue;
        const at = article.start + m.index + m[1]!.length;
        out.push({ field: 'scopeCode', value: code, snippet: { page: p.page, text: around(p.text, at, m[2]!.length) } });
        break;
      }
    }
    if (out.length) break;
  }
  return out;
}
