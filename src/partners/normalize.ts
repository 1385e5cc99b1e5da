/**
 * What partner suggestions compare: lower case, no accents or punctuation, and the abbreviations
 * Indonesian officials use spelled out, so "Pemkab Cilacap" and "Pemerintah Kabupaten Cilacap" meet.
 */
const ABBREVIATIONS: Record<string, string> = {
  pemkab: 'pemerintah kabupaten',
  pemkot: 'pemerintah kota',
  pemprov: 'pemerintah provinsi',
  pemda: 'pemerintah daerah',
  kab: 'kabupaten',
  kota: 'kota',
  prov: 'provinsi',
  dinkes: 'dinas kesehatan',
  disnaker: 'dinas tenaga kerja',
  disnakertrans: 'dinas tenaga kerja dan transmigrasi',
  dispendik: 'dinas pendidikan',
  rsud: 'rumah sakit umum daerah',
  rs: 'rumah sakit',
  univ: 'universitas',
  pt: 'pt',
  cv: 'cv',
  yys: 'yayasan',
  ponpes: 'pondok pesantren',
  pp: 'pondok pesantren',
  bnnk: 'badan narkotika nasional kabupaten',
  bnnp: 'badan narkotika nasional provinsi',
  bnn: 'badan narkotika nasional',
  blk: 'balai latihan kerja',
  smk: 'sekolah menengah kejuruan',
  polres: 'kepolisian resor',
  kejari: 'kejaksaan negeri',
  pn: 'pengadilan negeri',
  puskesmas: 'pusat kesehatan masyarakat',
  tbk: '',
  persero: '',
};

export function normalizePartnerName(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\(persero\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  return plain
    .split(' ')
    .map((w) => (w in ABBREVIATIONS ? ABBREVIATIONS[w]! : w))
    .filter(Boolean)
    .join(' ');
}
