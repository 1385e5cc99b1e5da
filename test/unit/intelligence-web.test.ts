import { describe, expect, it } from 'vitest';
import { suggestScopes } from '../../src/documents/suggest-scopes.js';
import { MARK_END, MARK_START } from '../../src/search/search.repository.js';
import { snippetHtml } from '../../src/search/search.presenter.js';
import { emptyForm } from '../../web/src/components/agreement/form-state.js';
import { applyAllEmpty, applySuggestion, isApplied, isEmptyFor } from '../../web/src/components/intelligence/suggestion-apply.js';
import type { Suggestion } from '../../web/src/intelligence.js';
import { snippetParts } from '../../web/src/snippet.js';

describe('search snippets in the web app', () => {
  it('reads the server\'s escaped HTML back as text and marks, never as markup', () => {
    const html = snippetHtml(`Pasal 1 <script>alert("x")</script> & ${MARK_START}melatih${MARK_END} warga 'binaan'`);
    expect(snippetParts(html)).toEqual([
      { text: 'Pasal 1 <script>alert("x")</script> & ', mark: false },
      { text: 'melatih', mark: true },
      { text: " warga 'binaan'", mark: false },
    ]);
  });
});

describe('scope suggestions', () => {
  it('reads the scopes named in the scope article, with the passage', () => {
    const text = 'Pasal 1 MAKSUD\nMelatih warga binaan.\nPasal 2 RUANG LINGKUP\nRuang lingkup perjanjian ini meliputi pelatihan pengelasan, layanan kesehatan dan rehabilitasi narkotika.\nPasal 3 KEAMANAN\nPara pihak menjaga keamanan.';
    const s = suggestScopes([{ page: 2, text }]);
    expect(s.map((x) => x.value)).toEqual(['kemandirian', 'kesehatan', 'rehabilitasi']);
    expect(s[0]).toMatchObject({ field: 'scopeCode', snippet: { page: 2, text: expect.stringContaining('pelatihan pengelasan') } });
  });

  it('suggests nothing without a scope article', () => {
    expect(suggestScopes([{ page: 1, text: 'Pelatihan menjahit bagi warga binaan.' }])).toEqual([]);
  });
});

const sug = (field: Suggestion['field'], value: string, extra?: Record<string, string>): Suggestion => ({ field, value, ...(extra ? { extra } : {}), snippet: { page: 1, text: '…' } });

describe('taking suggestions into the agreement form', () => {
  const blk = { id: 'p-1', name: 'Balai Latihan Kerja Kabupaten Cilacap', categoryCode: 'sekolah_pelatihan', categoryName: 'Sekolah/Lembaga Pelatihan' };
  const suggestions = [
    sug('kindCode', 'pks'),
    sug('title', 'Perjanjian Kerja Sama tentang Pelatihan Pengelasan'),
    sug('numberFirst', 'W13.PAS-1'),
    sug('duration', '3 tahun'),
    sug('endDate', '2027-06-26'),
    sug('partnerId', 'p-1', { name: blk.name, party: 'kedua' }),
    sug('signatory', 'Siti Rahmawati', { party: 'kedua', position: 'Kepala BLK' }),
    sug('scopeCode', 'kemandirian'),
    sug('scopeCode', 'sdm'),
    sug('secondParty', 'Balai Latihan Kerja Kabupaten Cilacap'),
  ];

  it('fills only empty fields, treats a draft\'s working title and kind as empty, prefers the duration', () => {
    const form = { ...emptyForm('u-1'), title: 'Konsep dari berkas pks.pdf', numberFirst: 'OWN-NUMBER' };
    const { form: next, count } = applyAllEmpty(form, suggestions, new Map([[blk.id, blk]]));
    expect(next.title).toBe('Perjanjian Kerja Sama tentang Pelatihan Pengelasan');
    expect(next.numberFirst).toBe('OWN-NUMBER');
    expect(next).toMatchObject({ endMode: 'duration', duration: '3 tahun', endDate: '', partners: [blk], scopeCodes: ['kemandirian', 'sdm'] });
    expect(next.signatories.filter((s) => s.party === 'kedua').map((s) => [s.name, s.position])).toEqual([['Siti Rahmawati', 'Kepala BLK']]);
    expect(count).toBe(7);
  });

  it('accepts one suggestion over what the operator typed, and knows when it is taken', () => {
    const form = { ...emptyForm('u-1'), title: 'Judul lain' };
    const title = suggestions[1]!;
    expect(isEmptyFor(form, title)).toBe(false);
    const next = applySuggestion(form, title);
    expect(isApplied(next, title)).toBe(true);
    expect(isApplied(applySuggestion(next, suggestions[4]!), suggestions[3]!)).toBe(false);
  });
});
