import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateSession } from '../../src/auth/auth.service.js';
import * as imports from '../../src/imports/import.service.js';
import { parseCsv } from '../../src/imports/csv.js';
import { startTestApp, unitIdByCode, type Res, type Session, type TestApp } from '../helpers/app.js';
import { DATABASES } from '../helpers/databases.js';
import { multipartBody } from '../helpers/fixtures.js';
import { partner } from '../helpers/registry.js';

const KRA = 'UPT-33-LPSK-KRA';
const PSP = 'UPT-33-LP-PSP';
const NK = 'UPT-33-BAPAS-NK';

const HEADERS = ['No', 'Jenis', 'Nomor PKS', 'Judul', 'Mitra', 'Kategori Mitra', 'Kode Unit', 'Tanggal TTD', 'Jangka Waktu', 'Berakhir', 'Ruang Lingkup'];
type Cell = string | number | Date | null;

const PARTNERS = [
  ['Pemkab Cilacap', 'Pemerintah Daerah'],
  ['Pemerintah Kabupaten Cilacap', ''],
  ['BNN Kabupaten Cilacap', ''],
  ['Puskesmas Nusakambangan', 'pemda'],
  ['Universitas Jenderal Soedirman', 'Perguruan Tinggi'],
  ['SMK Negeri 1 Cilacap', ''],
  ['Yayasan Bina Insan Mandiri', 'Yayasan'],
  ['PT Pertamina (Persero) Refinery Unit IV Cilacap', 'BUMN'],
] as const;

/** One date, written the six ways registers write dates. */
function dateIn(style: number, y: number, m: number, d: number): Cell {
  const dd = String(d).padStart(2, '0');
  const mm = String(m).padStart(2, '0');
  const months = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
  switch (style % 6) {
    case 0: return new Date(Date.UTC(y, m - 1, d));
    case 1: return `${dd}/${mm}/${y}`;
    case 2: return `${d}-${m}-${y}`;
    case 3: return `${y}-${mm}-${dd}`;
    case 4: return Date.UTC(y, m - 1, d) / 86_400_000 + 25_569; // an Excel day number in a plain number cell
    default: return `${d} ${months[m - 1]} ${y}`;
  }
}

/** A Kanwil register: 25 good rows over three UPTs, then 5 rows with one mistake each. */
function registerRows(): Cell[][] {
  const units = [KRA, PSP, NK];
  const kinds = ['PKS', 'Perjanjian Kerja Sama', 'PKS', 'MoU', 'Nota Kesepahaman'];
  const scopes = ['Kemandirian', 'Layanan kesehatan', 'Rehabilitasi narkotika; Pembinaan kepribadian', 'Pendidikan', 'Pertanian, peternakan dan perikanan; Budidaya maggot'];
  const rows: Cell[][] = [];
  for (let i = 0; i < 25; i++) {
    const [name, category] = PARTNERS[i % PARTNERS.length]!;
    const expired = i % 5 === 4; // signed in 2021 for two years: ended by now
    const year = expired ? 2021 : 2024;
    const month = (i % 12) + 1;
    const day = (i % 27) + 1;
    const withEnd = i % 7 === 3;
    rows.push([
      i + 1,
      i === 24 ? 'Adendum' : kinds[i % kinds.length]!,
      `W13.PAS.PAS.6-HM.05.02-${1000 + i}`,
      `Perjanjian Kerja Sama tentang Program Pembinaan Warga Binaan Nomor ${i + 1}`,
      name,
      category,
      units[i % units.length]!,
      dateIn(i, year, month, day),
      withEnd ? null : expired ? '2 (dua) tahun' : '3 tahun',
      withEnd ? `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year + 4}` : null,
      scopes[i % scopes.length]!,
    ]);
  }
  rows.push([26, 'PKS', 'W13-BAD-DATE', 'PKS tentang Pelatihan Menjahit Tanggal Salah', 'Yayasan Bina Insan Mandiri', 'Yayasan', KRA, '31/02/2024', '3 tahun', null, 'Kemandirian']);
  rows.push([27, 'PKS', 'W13-BAD-UNIT', 'PKS tentang Pelatihan Las Unit Tidak Dikenal', 'Pemkab Cilacap', 'Pemerintah Daerah', 'UPT-33-TIDAK-ADA', '01/03/2024', '3 tahun', null, 'Kemandirian']);
  rows.push([28, 'PKS', 'W13-BAD-END', 'PKS tentang Layanan Kesehatan Berakhir Sebelum Mulai', 'Puskesmas Nusakambangan', 'pemda', PSP, '01/05/2024', null, '01/01/2024', 'Layanan kesehatan']);
  rows.push([29, 'Surat Sakti', 'W13-BAD-KIND', 'Surat tentang Hal yang Tidak Dikenal', 'Pemkab Cilacap', 'Pemerintah Daerah', NK, '01/06/2024', '1 tahun', null, '']);
  rows.push([30, 'PKS', 'W12-OTHER-KANWIL', 'PKS tentang Pembinaan di Lapas Sukamiskin', 'Pemkab Cilacap', 'Pemerintah Daerah', 'UPT-32-LP-SKM', '01/06/2024', '1 tahun', null, '']);
  return rows;
}
const GOOD_ROWS = 25;
/** Sheet row of the i-th register row: a title, a blank row, the headers and the "(1) (2) …" row come first. */
const at = (i: number) => 5 + i;
const BAD_ROWS = { badDate: at(25), unknownUnit: at(26), endBeforeStart: at(27), unknownKind: at(28), otherKanwil: at(29) };

async function registerXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Register 2024');
  ws.addRow(['REGISTER NASKAH KERJA SAMA KANWIL JAWA TENGAH TAHUN 2024']);
  ws.mergeCells('A1:K1');
  ws.addRow([]);
  ws.addRow(HEADERS).font = { bold: true };
  ws.addRow(HEADERS.map((_, i) => `(${i + 1})`));
  for (const r of registerRows()) {
    const row = ws.addRow(r);
    if (r[7] instanceof Date) row.getCell(8).numFmt = 'dd/mm/yyyy';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.each(DATABASES)('import and export of the register on %s', (kind) => {
  let t: TestApp;
  let jateng: Session;
  let kra: Session;
  let psp: Session;
  let jabar: Session;
  let xlsx: Buffer;
  let importId: string;
  let mapping: Record<string, string>;

  const upload = async (s: Session, unitId: string, filename: string, content: Buffer): Promise<Res> => {
    const { body, contentType } = multipartBody({ unitId }, { filename, content });
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': contentType }, payload: body });
    return { status: res.statusCode, body: res.json(), headers: res.headers };
  };
  const total = async (s: Session, query = '') => (await s.req('GET', `/api/v1/agreements?pageSize=1${query}`)).body.total as number;
  const rowOf = (rows: { row: number }[], n: number) => rows.find((r) => r.row === n) as any;

  beforeAll(async () => {
    t = await startTestApp(kind);
    t.clock.current = new Date('2025-11-15T03:00:00Z');
    jateng = await t.login('kanwil.jateng');
    kra = await t.login('upt.karanganyar');
    psp = await t.login('upt.pasirputih');
    jabar = await t.login('kanwil.jabar');
    await partner(kra, 'Badan Narkotika Nasional Kabupaten Cilacap', 'kementerian_lembaga');
    xlsx = await registerXlsx();
  });
  afterAll(async () => t?.close());

  it('reads an uploaded XLSX register below its title rows and suggests a mapping from its Indonesian headers', async () => {
    const res = await upload(jateng, await unitIdByCode(t, 'KW-33'), 'Register Kanwil Jateng 2024.xlsx', xlsx);
    expect(res.status).toBe(201);
    const imp = res.body.import;
    importId = imp.id;
    expect(imp).toMatchObject({ status: 'uploaded', fileKind: 'xlsx', filename: 'Register Kanwil Jateng 2024.xlsx', totalRows: 30, mappingSource: 'guessed', unit: { code: 'KW-33' } });
    expect(imp.headers).toEqual(HEADERS);
    expect(imp.sampleRows).toHaveLength(5);
    expect(imp.sampleRows[0][7]).toBe('2024-01-01'); // an Excel date cell reads as a date
    expect(imp.suggestedMapping).toEqual({
      Jenis: 'kind',
      'Nomor PKS': 'numberFirst',
      Judul: 'title',
      Mitra: 'partner',
      'Kategori Mitra': 'partnerCategory',
      'Kode Unit': 'unit',
      'Tanggal TTD': 'signingDate',
      'Jangka Waktu': 'duration',
      Berakhir: 'endDate',
      'Ruang Lingkup': 'scopes',
    });
    mapping = imp.suggestedMapping;
  });

  it('previews every row without saving: names the problem of each bad row and matches partners', async () => {
    const before = await total(jateng);
    const res = await jateng.req('POST', `/api/v1/imports/${importId}/preview`, { mapping, pageSize: 100 });
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual({ total: 30, valid: GOOD_ROWS, invalid: 5, duplicates: 0, newPartners: 6 });
    const rows = res.body.rows;
    const messages = (n: number) => rowOf(rows, n).problems.map((p: { path: string; message: string }) => `${p.path}: ${p.message}`).join(' | ');
    expect(messages(BAD_ROWS.badDate)).toMatch(/^signingDate: Tanggal penandatanganan tidak terbaca: "31\/02\/2024"/);
    expect(messages(BAD_ROWS.unknownUnit)).toBe('unit: Unit "UPT-33-TIDAK-ADA" tidak ditemukan atau di luar cakupan Anda.');
    expect(messages(BAD_ROWS.endBeforeStart)).toBe('endDate: Tanggal berakhir 01/01/2024 sebelum tanggal mulai 01/05/2024.');
    expect(messages(BAD_ROWS.unknownKind)).toMatch(/^kind: Jenis naskah tidak dikenal: "Surat Sakti"/);
    // A unit of another Kanwil reads exactly like an unknown one.
    expect(messages(BAD_ROWS.otherKanwil)).toBe('unit: Unit "UPT-32-LP-SKM" tidak ditemukan atau di luar cakupan Anda.');
    for (let i = 0; i < GOOD_ROWS; i++) expect(rowOf(rows, at(i)).status).toBe('valid');

    // Every date style lands on the same kind of value.
    expect(rowOf(rows, at(0)).agreement).toMatchObject({ signingDate: '2024-01-01', endDate: '2026-12-31', durationText: '3 tahun', kindCode: 'pks', unit: { code: KRA } });
    expect(rowOf(rows, at(1)).agreement).toMatchObject({ signingDate: '2024-02-02', kindCode: 'pks', unit: { code: PSP } });
    expect(rowOf(rows, at(2)).agreement).toMatchObject({ signingDate: '2024-03-03' });
    expect(rowOf(rows, at(3)).agreement).toMatchObject({ signingDate: '2024-04-04', endDate: '2028-04-04', durationText: null, kindCode: 'mou' });
    expect(rowOf(rows, at(4)).agreement).toMatchObject({ signingDate: '2021-05-05', endDate: '2023-05-04', kindCode: 'mou' });
    expect(rowOf(rows, at(5)).agreement).toMatchObject({ signingDate: '2024-06-06' });
    expect(rowOf(rows, at(24)).agreement.kindCode).toBe('adendum');
    expect(rowOf(rows, at(2)).agreement).toMatchObject({ scopeCodes: ['rehabilitasi', 'kepribadian'], scopeOther: null });
    expect(rowOf(rows, at(4)).agreement).toMatchObject({ scopeCodes: ['pertanian'], scopeOther: 'Budidaya maggot' });

    // "Pemkab Cilacap" and "Pemerintah Kabupaten Cilacap" are one new partner; "BNN Kabupaten Cilacap" is the existing BNN.
    expect(rowOf(rows, at(0)).partners[0]).toMatchObject({ name: 'Pemkab Cilacap', action: 'create', categoryCode: 'pemda', categorySource: 'file' });
    expect(rowOf(rows, at(1)).partners[0]).toMatchObject({ name: 'Pemerintah Kabupaten Cilacap', action: 'create', categoryCode: 'pemda', categorySource: 'name' });
    expect(rowOf(rows, at(2)).partners[0]).toMatchObject({ action: 'matched', matchedName: 'Badan Narkotika Nasional Kabupaten Cilacap' });
    expect(rowOf(rows, at(5)).partners[0]).toMatchObject({ name: 'SMK Negeri 1 Cilacap', action: 'create', categoryCode: 'sekolah_pelatihan', categorySource: 'name' });

    const invalidOnly = await jateng.req('POST', `/api/v1/imports/${importId}/preview`, { mapping, show: 'invalid', pageSize: 2, page: 2 });
    expect(invalidOnly.status, JSON.stringify(invalidOnly.body)).toBe(200);
    expect(invalidOnly.body.matchingRows).toBe(5);
    expect(invalidOnly.body.rows.map((r: { row: number }) => r.row)).toEqual([BAD_ROWS.endBeforeStart, BAD_ROWS.unknownKind]);
    expect(await total(jateng)).toBe(before);
    expect((await jateng.req('GET', `/api/v1/imports/${importId}`)).body.import).toMatchObject({ status: 'previewed', mapping });
  });

  it('refuses to run with invalid rows unless told to skip them, and then saves nothing', async () => {
    const before = await total(jateng);
    const res = await jateng.req('POST', `/api/v1/imports/${importId}/run`, { skipInvalid: false });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IMPORT_INVALID_ROWS');
    expect(res.body.error.message).toBe('5 dari 30 baris tidak valid, jadi belum ada yang diimpor. Perbaiki berkasnya, atau jalankan impor dengan melewati baris yang tidak valid.');
    expect(await total(jateng)).toBe(before);
    expect((await jateng.req('GET', `/api/v1/imports/${importId}`)).body.import.status).toBe('previewed');
  });

  it('imports the valid rows through the agreements use case, creating each new partner once', async () => {
    const before = await total(jateng);
    const res = await jateng.req('POST', `/api/v1/imports/${importId}/run`, { skipInvalid: true });
    expect(res.status).toBe(200);
    expect(res.body.import).toMatchObject({ status: 'done', totalRows: 30, processedRows: 30, createdRows: GOOD_ROWS, skippedRows: 0, invalidRows: 5, progress: 100, failure: null });
    expect(res.body.import.problems.map((p: { row: number }) => p.row)).toEqual(Object.values(BAD_ROWS));
    expect(await total(jateng)).toBe(before + GOOD_ROWS);
    expect(await total(kra)).toBe(9);

    const cilacap = await jateng.req('GET', `/api/v1/partners?q=${encodeURIComponent('Kabupaten Cilacap')}&pageSize=50`);
    const names = cilacap.body.partners.map((p: { name: string }) => p.name).sort();
    expect(names).toEqual(['Badan Narkotika Nasional Kabupaten Cilacap', 'Pemkab Cilacap']);
    const pemkab = cilacap.body.partners.find((p: { name: string }) => p.name === 'Pemkab Cilacap');
    expect(pemkab).toMatchObject({ categoryCode: 'pemda', agreementCount: 7 });

    const first = (await kra.req('GET', `/api/v1/agreements?q=${encodeURIComponent('W13.PAS.PAS.6-HM.05.02-1000')}`)).body.agreements[0];
    const detail = (await kra.req('GET', `/api/v1/agreements/${first.id}`)).body.agreement;
    expect(detail).toMatchObject({ kindCode: 'pks', signingDate: '2024-01-01', startDate: '2024-01-01', endDate: '2026-12-31', durationText: '3 tahun', confidentiality: 'public', unit: { code: KRA } });
    expect(detail.partners.map((p: { name: string }) => p.name)).toEqual(['Pemkab Cilacap']);
    // Same audit trail as the form: one agreement.create per row, and one import.run.
    const audit = await t.deps.database.db.selectFrom('audit_events').select(['action']).where('action', 'in', ['agreement.create', 'import.run', 'import.upload']).execute();
    expect(audit.filter((a) => a.action === 'agreement.create')).toHaveLength(GOOD_ROWS);
    expect(audit.filter((a) => a.action === 'import.run')).toHaveLength(1);
  });

  it('imports nothing new when the same file comes again, and remembers the confirmed mapping', async () => {
    const before = await total(jateng);
    const again = await upload(jateng, await unitIdByCode(t, 'KW-33'), 'register-lagi.xlsx', xlsx);
    expect(again.status).toBe(201);
    expect(again.body.import).toMatchObject({ mappingSource: 'remembered', suggestedMapping: mapping });
    const preview = await jateng.req('POST', `/api/v1/imports/${again.body.import.id}/preview`, { mapping });
    expect(preview.body.counts).toMatchObject({ total: 30, valid: 0, invalid: 5, duplicates: GOOD_ROWS });
    expect(rowOf(preview.body.rows, at(0))).toMatchObject({ status: 'duplicate', problems: [{ message: 'Sudah ada di register (pernah diimpor).' }] });
    const run = await jateng.req('POST', `/api/v1/imports/${again.body.import.id}/run`, { skipInvalid: true });
    expect(run.body.import).toMatchObject({ status: 'done', createdRows: 0, skippedRows: GOOD_ROWS, invalidRows: 5 });
    expect(await total(jateng)).toBe(before);
  });

  it('imports a semicolon CSV with a byte-order mark into the default unit, in the background when large', async () => {
    const lines = [
      'Nomor;Judul / Tentang;Pihak Kedua;Jenis;Tanggal Penandatanganan;Tanggal Mulai;Tanggal Berakhir;Catatan',
      'KRA/CSV/1;PKS tentang Pelatihan Barista;Kopi Nusantara Jaya;PKS;27 Juni 2024;;26/06/2026;"catatan; dengan titik koma"',
      'KRA/CSV/2;"PKS tentang Pelatihan ""Tata Boga""";Yayasan Dapur Umat;Perjanjian Kerja Sama;2024-07-01;2024-08-01;2025-07-31;"dua\nbaris"',
      'KRA/CSV/3;PKS tentang Layanan Bantuan Hukum;Lembaga Bantuan Hukum Cilacap;pks;1-9-2024;;1-9-2025;',
    ];
    const csv = Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
    const up = await upload(kra, await unitIdByCode(t, KRA), 'register.csv', csv);
    expect(up.status).toBe(201);
    expect(up.body.import).toMatchObject({ fileKind: 'csv', totalRows: 3 });
    expect(up.body.import.headers[1]).toBe('Judul / Tentang');
    expect(up.body.import.suggestedMapping).toEqual({ Nomor: 'numberFirst', 'Judul / Tentang': 'title', 'Pihak Kedua': 'partner', Jenis: 'kind', 'Tanggal Penandatanganan': 'signingDate', 'Tanggal Mulai': 'startDate', 'Tanggal Berakhir': 'endDate' });
    const id = up.body.import.id;
    const preview = await kra.req('POST', `/api/v1/imports/${id}/preview`, { mapping: up.body.import.suggestedMapping });
    expect(preview.body.counts).toMatchObject({ total: 3, valid: 3, invalid: 0 });
    expect(rowOf(preview.body.rows, 3).agreement).toMatchObject({ title: 'PKS tentang Pelatihan "Tata Boga"', startDate: '2024-08-01', endDate: '2025-07-31', unit: { code: KRA } });
    expect(rowOf(preview.body.rows, 3).partners[0]).toMatchObject({ categoryCode: 'ormas', categorySource: 'name' });
    expect(rowOf(preview.body.rows, 2).partners[0]).toMatchObject({ categoryCode: 'swasta', categorySource: 'fallback' });

    // Through the service with a threshold of 0 rows, so even this file takes the background path (202 over HTTP).
    const actor = (await authenticateSession(t.deps, kra.cookie.split('=')[1]!))!.actor;
    const started = await imports.run(t.deps, { actor, ip: null }, id, { skipInvalid: false }, { backgroundAbove: 0 });
    expect(started.background).toBe(true);
    let status = started.import.status as string;
    for (let i = 0; i < 200 && status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      const got = await kra.req('GET', `/api/v1/imports/${id}`);
      status = got.body.import.status;
      expect(got.body.import.progress).toBeGreaterThanOrEqual(0);
    }
    const done = (await kra.req('GET', `/api/v1/imports/${id}`)).body.import;
    expect(done).toMatchObject({ status: 'done', createdRows: 3, processedRows: 3, progress: 100 });
    const list = await kra.req('GET', `/api/v1/agreements?q=${encodeURIComponent('KRA/CSV/')}&sort=number&dir=asc`);
    expect(list.body.agreements.map((a: { title: string; signingDate: string; endDate: string }) => [a.title, a.signingDate, a.endDate])).toEqual([
      ['PKS tentang Pelatihan Barista', '2024-06-27', '2026-06-26'],
      ['PKS tentang Pelatihan "Tata Boga"', '2024-07-01', '2025-07-31'],
      ['PKS tentang Layanan Bantuan Hukum', '2024-09-01', '2025-09-01'],
    ]);
  });

  it('refuses files that are not spreadsheets by their bytes, whatever their name', async () => {
    const kraId = await unitIdByCode(t, KRA);
    const pdf = await upload(kra, kraId, 'register.xlsx', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n', 'latin1'));
    expect(pdf.status).toBe(415);
    expect(pdf.body.error.code).toBe('UNSUPPORTED_IMPORT_FILE');
    const ansi = await upload(kra, kraId, 'register.csv', Buffer.from('Judul;Mitra\nPKS tentang Pelatihan;Koperasi Karya Sejahtera \xe9\n', 'latin1'));
    expect(ansi.status).toBe(415);
    const empty = await upload(kra, kraId, 'kosong.csv', Buffer.from('\uFEFFJudul;Mitra;Jenis\r\n', 'utf8'));
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields[0].path).toBe('file');
  });

  it('exports exactly the filtered list as XLSX and CSV, with Indonesian headers and dates', async () => {
    const query = 'status=berlaku&kind=pks&sort=number&dir=asc';
    const listed = (await jateng.req('GET', `/api/v1/agreements?${query}&pageSize=200`)).body;
    expect(listed.total).toBeGreaterThan(5);
    expect(listed.total).toBeLessThan(await total(jateng));

    const x = await t.app.inject({ method: 'GET', url: `/api/v1/agreements/export.xlsx?${query}`, headers: { cookie: jateng.cookie } });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(x.headers['content-disposition']).toBe('attachment; filename="register-kerja-sama-2025-11-15.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['No', 'Jenis', 'Judul', 'Nomor Pihak Pertama', 'Nomor Pihak Kedua', 'Unit Pemrakarsa', 'Mitra', 'Kategori Mitra', 'Ruang Lingkup', 'Tanggal Penandatanganan', 'Tanggal Mulai', 'Tanggal Berakhir', 'Status', 'Sifat', 'Naskah Bertanda Tangan']);
    expect(ws.rowCount).toBe(listed.total + 1);
    listed.agreements.forEach((a: any, i: number) => {
      const row = ws.getRow(i + 2);
      expect(row.getCell(1).value).toBe(i + 1);
      expect(row.getCell(3).value).toBe(a.title);
      expect(row.getCell(4).value).toBe(a.numberFirst);
      expect(row.getCell(6).value).toBe(a.unit.name);
      expect(row.getCell(13).value).toBe('Berlaku');
      expect(row.getCell(15).value).toBe(a.hasSignedDocument ? 'Ada' : 'Belum');
      const signed = row.getCell(10);
      expect(signed.value).toBeInstanceOf(Date);
      expect((signed.value as Date).toISOString().slice(0, 10)).toBe(a.signingDate);
      expect(signed.numFmt).toBe('dd/mm/yyyy');
    });

    const c = await t.app.inject({ method: 'GET', url: `/api/v1/agreements/export.csv?${query}`, headers: { cookie: jateng.cookie } });
    expect(c.statusCode).toBe(200);
    expect(c.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(c.headers['content-disposition']).toBe('attachment; filename="register-kerja-sama-2025-11-15.csv"');
    expect([...c.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = [...parseCsv(c.rawPayload.toString('utf8'))].map((r) => r.fields);
    expect(records[0]).toEqual(header);
    expect(records).toHaveLength(listed.total + 1);
    listed.agreements.forEach((a: any, i: number) => {
      const r = records[i + 1]!;
      expect(r[2]).toBe(a.title);
      expect(r[6]).toBe(a.partnerNames);
      const [y, m, d] = (a.signingDate as string).split('-');
      expect(r[9]).toBe(`${d}/${m}/${y}`);
      expect(r[12]).toBe('Berlaku');
    });
    expect(c.rawPayload.toString('utf8').split('\r\n')[0]).toBe('\uFEFFNo;Jenis;Judul;Nomor Pihak Pertama;Nomor Pihak Kedua;Unit Pemrakarsa;Mitra;Kategori Mitra;Ruang Lingkup;Tanggal Penandatanganan;Tanggal Mulai;Tanggal Berakhir;Status;Sifat;Naskah Bertanda Tangan');
  });

  it('keeps another UPT out: it cannot import into, preview, run or export a unit outside its scope', async () => {
    const kraId = await unitIdByCode(t, KRA);
    const into = await upload(psp, kraId, 'register.xlsx', xlsx);
    expect(into.status).toBe(400);
    expect(into.body.error.fields[0]).toEqual({ path: 'unitId', message: 'Unit tidak ditemukan atau di luar cakupan Anda.' });
    expect((await psp.req('GET', `/api/v1/imports/${importId}`)).status).toBe(404);
    expect((await psp.req('POST', `/api/v1/imports/${importId}/preview`, { mapping })).status).toBe(404);
    expect((await psp.req('POST', `/api/v1/imports/${importId}/run`, { skipInvalid: true })).status).toBe(404);
    expect((await jabar.req('GET', `/api/v1/imports/${importId}`)).status).toBe(404);

    // Its own upload of the Kanwil file: only its own rows are valid, the other units' rows read as unknown.
    const own = await upload(psp, await unitIdByCode(t, PSP), 'register.xlsx', xlsx);
    expect(own.status).toBe(201);
    const preview = await psp.req('POST', `/api/v1/imports/${own.body.import.id}/preview`, { mapping, pageSize: 100 });
    expect(rowOf(preview.body.rows, at(0)).problems).toEqual([{ path: 'unit', message: `Unit "${KRA}" tidak ditemukan atau di luar cakupan Anda.` }]);
    expect(rowOf(preview.body.rows, at(1)).status).toBe('duplicate');

    const exported = await t.app.inject({ method: 'GET', url: `/api/v1/agreements/export.csv?unitId=${kraId}`, headers: { cookie: psp.cookie } });
    expect(exported.statusCode).toBe(400);
    expect(exported.json().error.fields[0].path).toBe('unitId');
    const ownExport = await t.app.inject({ method: 'GET', url: '/api/v1/agreements/export.csv', headers: { cookie: psp.cookie } });
    const rows = [...parseCsv(ownExport.rawPayload.toString('utf8'))].slice(1).map((r) => r.fields);
    expect(rows.length).toBe(await total(psp));
    expect(rows.filter((r) => r[5] !== 'Lapas Kelas IIA Pasir Putih')).toEqual([]);
    const pimpinan = await t.login('pimpinan');
    expect((await upload(pimpinan, kraId, 'register.xlsx', xlsx)).status).toBe(403);
  });
});
