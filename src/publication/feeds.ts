import { Readable } from 'node:stream';
import type { ColumnOf } from '../exports/export.columns.js';
import { FILE_KINDS } from '../storage/sniff.js';
import { escapeHtml as x } from './html.js';
import { statusLabel, t } from './portal.i18n.js';
import { fromJson, type PublicRow } from './publication.repository.js';
import { agreementPath, copyPath } from './slug.js';

type BatchRow = PublicRow & { purpose: string | null; copy_mime: string | null };

// Made once: building an Intl formatter per row cost 100 µs and native memory that the GC frees late.
const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' });
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Jakarta', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const jakartaDay = (d: Date) => DAY.format(d);
const jakartaStamp = (d: Date) => `${DAY.format(d)} ${TIME.format(d)}`;
const inForce = (s: string) => s === 'berlaku' || s === 'akan_berakhir';

/** The public register's spreadsheet columns (CSV and XLSX): public fields only, plus the page's address. */
export function publicColumns(base: string): readonly ColumnOf<PublicRow>[] {
  return [
    { header: 'No', width: 6, kind: 'number', value: (_r, i) => i },
    { header: 'Jenis', width: 22, kind: 'text', value: (r) => r.kind_name },
    { header: 'Judul', width: 60, kind: 'text', value: (r) => r.title },
    { header: 'Nomor Pihak Pertama', width: 30, kind: 'text', value: (r) => r.number_first },
    { header: 'Nomor Pihak Kedua', width: 30, kind: 'text', value: (r) => r.number_second },
    { header: 'Unit Pemrakarsa', width: 36, kind: 'text', value: (r) => r.unit_name },
    { header: 'Mitra', width: 40, kind: 'text', value: (r) => fromJson(r.partners).map((p) => p.name).join('; ') || null },
    { header: 'Kategori Mitra', width: 28, kind: 'text', value: (r) => fromJson(r.partner_categories).join('; ') || null },
    { header: 'Ruang Lingkup', width: 40, kind: 'text', value: (r) => fromJson(r.scope_names).join('; ') || null },
    { header: 'Tanggal Penandatanganan', width: 14, kind: 'date', value: (r) => r.signing_date },
    { header: 'Tanggal Mulai', width: 14, kind: 'date', value: (r) => r.start_date },
    { header: 'Tanggal Berakhir', width: 14, kind: 'date', value: (r) => r.end_date },
    { header: 'Status', width: 18, kind: 'text', value: (r) => statusLabel('id', r.status) },
    { header: 'Tanggal Terbit', width: 14, kind: 'date', value: (r) => jakartaDay(r.published_at as Date) },
    { header: 'Tautan', width: 50, kind: 'text', value: (r) => base + agreementPath(r) },
  ];
}

/** "Perjanjian Kerja Sama tentang X" → "X": the subject, for JDIHN's "PKS antara … dan … tentang …". */
function topicOf(title: string): string {
  const i = title.toLowerCase().indexOf('tentang ');
  return i >= 0 ? title.slice(i + 8).trim() : title;
}

/** One agreement as a JDIHN record (mapping in docs/public.md). Unused book fields are "-". */
export function jdihnRecord(r: BatchRow, base: string) {
  const partners = fromJson(r.partners).map((p) => p.name);
  const ext = r.copy_mime ? (Object.values(FILE_KINDS).find((k) => k.mime === r.copy_mime)?.extensions[0] ?? '') : '';
  const published = r.published_at as Date;
  const dash = (v: string | null | undefined) => (v && v.trim() ? v : '-');
  return {
    idData: r.id,
    tahun_pengundangan: r.signing_date ? r.signing_date.slice(0, 4) : '-',
    tanggal_penetapan: dash(r.signing_date),
    tanggal_pengundangan: jakartaDay(published),
    jenis: r.kind_name,
    noPeraturan: dash([r.number_first, r.number_second].filter(Boolean).join(' / ')),
    judul: `${r.kind_abbreviation} antara ${r.unit_name} dan ${partners.join(', ') || '-'} tentang ${topicOf(r.title)}`,
    noPanggil: '-',
    singkatanJenis: r.kind_abbreviation,
    tempatTerbit: '-',
    penerbit: r.unit_name,
    deskripsiFisik: '-',
    sumber: base,
    subjek: dash(fromJson(r.scope_names).join(', ')),
    isbn: '-',
    status: inForce(r.status) ? 'Berlaku' : 'Tidak Berlaku',
    bahasa: 'Indonesia',
    bidangHukum: 'Kerja Sama',
    teuBadan: r.unit_name,
    nomorIndukBuku: '-',
    fileDownload: r.copy_mime ? `salinan-publik-${r.id.slice(0, 8)}${ext}` : '-',
    urlDownload: r.copy_mime ? `${base}${copyPath(r.id)}?unduh=1` : '-',
    urlDetailPeraturan: base + agreementPath(r),
    operasi: '4',
    display: '1',
    abstrak: dash(r.purpose),
    urlAbstrak: base + agreementPath(r),
    lastUpdated: jakartaStamp(published),
  };
}

/** The JDIHN feed is the whole published register as one JSON array, written batch by batch. */
export function jdihnStream(batches: AsyncIterable<BatchRow[]>, base: string): Readable {
  return Readable.from(
    (async function* () {
      yield '[';
      let first = true;
      for await (const batch of batches) {
        let chunk = '';
        for (const r of batch) {
          chunk += (first ? '' : ',') + JSON.stringify(jdihnRecord(r, base));
          first = false;
        }
        yield chunk;
      }
      yield ']\n';
    })(),
  );
}

export function atomFeed(rows: PublicRow[], base: string, now: Date): string {
  const self = `${base}/api/public/v1/feed.atom`;
  const updated = rows.length ? (rows[0]!.published_at as Date).toISOString() : now.toISOString();
  const entries = rows.map((r) => {
    const url = base + agreementPath(r);
    const partners = fromJson(r.partners).map((p) => p.name).join(', ');
    const summary = [r.kind_name, [r.number_first, r.number_second].filter(Boolean).join(' / '), r.unit_name, partners].filter(Boolean).join(' — ');
    const at = (r.published_at as Date).toISOString();
    return `<entry>
<id>urn:uuid:${r.id}</id>
<title>${x(r.title)}</title>
<link rel="alternate" type="text/html" href="${x(url)}"/>
<published>${at}</published>
<updated>${at}</updated>
<category term="${x(r.kind_code)}" label="${x(r.kind_name)}"/>
<summary>${x(summary)}</summary>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">
<id>${x(self)}</id>
<title>${x(`${t('id', 'siteName')} — ${t('id', 'newest')}`)}</title>
<subtitle>${x(t('id', 'siteDescription'))}</subtitle>
<link rel="self" type="application/atom+xml" href="${x(self)}"/>
<link rel="alternate" type="text/html" href="${x(`${base}/`)}"/>
<updated>${updated}</updated>
<author><name>${x(t('id', 'siteOwner'))}</name><uri>${x(`${base}/`)}</uri></author>
${entries.join('\n')}
</feed>
`;
}

/** The DCAT catalogue (JSON-LD): one dataset, the published register, in every form we serve it. */
export function dcatCatalog(base: string, modified: Date | null, total: number) {
  const api = `${base}/api/public/v1`;
  const dist = (id: string, title: string, url: string, mediaType: string, download = true) => ({
    '@id': `${api}/catalog.jsonld#${id}`,
    '@type': 'dcat:Distribution',
    'dct:title': { '@value': title, '@language': 'id' },
    'dcat:accessURL': { '@id': url },
    ...(download ? { 'dcat:downloadURL': { '@id': url } } : {}),
    'dcat:mediaType': { '@id': `https://www.iana.org/assignments/media-types/${mediaType}` },
    'dct:format': mediaType,
  });
  return {
    '@context': { dcat: 'http://www.w3.org/ns/dcat#', dct: 'http://purl.org/dc/terms/', foaf: 'http://xmlns.com/foaf/0.1/', xsd: 'http://www.w3.org/2001/XMLSchema#' },
    '@id': `${api}/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': [{ '@value': t('id', 'siteName'), '@language': 'id' }, { '@value': t('en', 'siteName'), '@language': 'en' }],
    'dct:description': { '@value': t('id', 'siteDescription'), '@language': 'id' },
    'dct:publisher': { '@type': 'foaf:Agent', 'foaf:name': t('id', 'siteOwner') },
    'dct:language': { '@id': 'http://id.loc.gov/vocabulary/iso639-1/id' },
    'foaf:homepage': { '@id': `${base}/` },
    'dcat:service': {
      '@id': `${api}/catalog.jsonld#api`,
      '@type': 'dcat:DataService',
      'dct:title': { '@value': 'API publik P2MA', '@language': 'id' },
      'dcat:endpointURL': { '@id': api },
      'dcat:endpointDescription': { '@id': `${api}/openapi.json` },
      'dcat:servesDataset': { '@id': `${api}/catalog.jsonld#register` },
    },
    'dcat:dataset': {
      '@id': `${api}/catalog.jsonld#register`,
      '@type': 'dcat:Dataset',
      'dct:title': { '@value': 'Register naskah kerja sama yang diterbitkan', '@language': 'id' },
      'dct:description': { '@value': `Naskah kerja sama yang diterbitkan untuk publik (${total} naskah): jenis, judul, nomor, unit, mitra, ruang lingkup, tanggal dan status.`, '@language': 'id' },
      'dcat:keyword': ['kerja sama', 'nota kesepahaman', 'perjanjian kerja sama', 'pemasyarakatan', 'keimigrasian'],
      'dct:accessRights': { '@id': 'http://publications.europa.eu/resource/authority/access-right/PUBLIC' },
      'dcat:landingPage': { '@id': `${base}/data-terbuka` },
      ...(modified ? { 'dct:modified': { '@value': modified.toISOString(), '@type': 'xsd:dateTime' } } : {}),
      'dcat:distribution': [
        dist('csv', 'CSV (UTF-8, pemisah titik koma)', `${api}/agreements.csv`, 'text/csv'),
        dist('xlsx', 'XLSX', `${api}/agreements.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
        { ...dist('json', 'API JSON', `${api}/agreements`, 'application/json', false), 'dcat:accessService': { '@id': `${api}/catalog.jsonld#api` } },
        dist('atom', 'Umpan Atom naskah baru', `${api}/feed.atom`, 'application/atom+xml'),
        dist('jdihn', 'Umpan JDIHN (JSON)', `${api}/jdihn.json`, 'application/json'),
      ],
    },
  };
}
