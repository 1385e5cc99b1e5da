import PDFDocument from 'pdfkit';
import type { ReportData } from './report-data.js';

type Doc = PDFKit.PDFDocument;
const MARGIN = { top: 72, bottom: 72, left: 85, right: 72 };

/** The same report as a PDF (A4, Helvetica): for reading and archiving; the DOCX is the one to edit and sign. */
export function renderPdf(r: ReportData): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: MARGIN, info: { Title: `${r.title} — ${r.subtitle}`, Creator: 'P2MA' }, bufferPages: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const text = (s: string, o: { bold?: boolean; center?: boolean; indent?: number; size?: number; gap?: number } = {}) => {
    doc.font(o.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(o.size ?? 10.5);
    doc.text(s, MARGIN.left + (o.indent ?? 0), doc.y, { width: width - (o.indent ?? 0), align: o.center ? 'center' : 'justify' });
    doc.moveDown(o.gap ?? 0.4);
  };
  const heading = (s: string) => text(s, { bold: true, size: 11.5, gap: 0.5 });
  const sub = (s: string) => text(s, { bold: true, indent: 18 });
  const body = (s: string) => text(s, { indent: 36 });

  text(r.issuer.toUpperCase(), { bold: true, center: true, gap: 1 });
  text(r.title, { bold: true, center: true, size: 14, gap: 0.2 });
  text(r.subtitle.toUpperCase(), { bold: true, center: true, gap: 0.2 });
  text(`${r.region.toUpperCase()}, ${r.periodText.toUpperCase()}`, { bold: true, center: true, gap: 1.5 });

  heading('I. PENDAHULUAN');
  sub('A. Dasar');
  body(r.basis);
  sub('B. Maksud dan Tujuan');
  body(r.purpose);
  sub('C. Ruang Lingkup');
  body(r.scopeText);
  sub('D. Waktu dan Tempat');
  body(`Supervisi dilaksanakan pada ${r.periodText} di ${r.region}, pada unit berikut:`);
  table(doc, ['No', 'Unit yang Dikunjungi', 'Hari/Tanggal'], r.schedule.map((s, i) => [String(i + 1), s.unit, s.date]), [8, 57, 35], width);
  sub('E. Tim Supervisi');
  table(doc, ['No', 'Nama', 'Kedudukan dalam Tim', 'Jabatan/Unit'], r.team.map((m, i) => [String(i + 1), m.name, m.role, m.position]), [8, 35, 20, 37], width);

  heading('II. HASIL SUPERVISI');
  r.units.forEach((u, ui) => {
    sub(`${String.fromCharCode(65 + ui)}. ${u.name}`);
    body(`Waktu kunjungan: ${u.date}.`);
    body(`Pejabat yang diwawancarai: ${u.interviewees.length ? u.interviewees.join('; ') : '-'}.`);
    if (!u.agreements.length) body('Tidak ada naskah kerja sama yang berlaku pada unit ini menurut register P2MA.');
    u.agreements.forEach((a, ai) => {
      text(`${ai + 1}. ${a.title}`, { bold: true, indent: 36 });
      body(a.meta);
      table(doc, ['Uraian', 'Hasil'], [...a.rows, ...a.assessment.map(([k, v]) => [`Penilaian tim: ${k}`, v])], [45, 55], width);
    });
    for (const [label, value] of u.unitAnswers) body(`${label}: ${value}`);
    text('Temuan umum', { bold: true, indent: 36 });
    body(u.findings);
    text('Kendala', { bold: true, indent: 36 });
    body(u.kendala);
    text('Saran', { bold: true, indent: 36 });
    body(u.saran);
    if (u.unregistered.length) {
      text('Naskah kerja sama yang belum terdaftar di P2MA', { bold: true, indent: 36 });
      u.unregistered.forEach((x, i) => body(`${i + 1}. ${x}`));
    }
    if (u.recommendations.length) {
      text('Rekomendasi untuk unit', { bold: true, indent: 36 });
      u.recommendations.forEach((x, i) => body(`${i + 1}. ${x}`));
    }
  });

  heading('III. REKOMENDASI / TINDAK LANJUT');
  r.generalRecommendations.forEach((x, i) => body(`${i + 1}. ${x}`));
  table(doc, ['No', 'Unit', 'Tindak Lanjut', 'Tenggat', 'Status', 'Tanggapan Unit'], r.followups.map((f, i) => [String(i + 1), f.unit, f.title, f.due, f.status, f.response]), [5, 18, 35, 13, 12, 17], width);
  heading('IV. PENUTUP');
  body(r.closing);

  // Signature block, kept on one page: chair first, then the members.
  const needed = 60 + r.team.length * 48;
  if (doc.y + needed > doc.page.height - MARGIN.bottom) doc.addPage();
  doc.moveDown(1);
  const col = MARGIN.left + width / 2;
  doc.font('Helvetica').fontSize(10.5).text(`${r.place}, ${r.signedOn}`, col, doc.y, { width: width / 2 });
  doc.font('Helvetica-Bold').text('Tim Supervisi Kerja Sama', col, doc.y, { width: width / 2 });
  doc.moveDown(1);
  for (const [i, m] of r.team.entries()) {
    const y = doc.y;
    doc.font('Helvetica').text(`${i + 1}. ${m.name}`, MARGIN.left, y, { width: width * 0.45 });
    doc.text(m.role, MARGIN.left + width * 0.45, y, { width: width * 0.2 });
    doc.text('(................................)', MARGIN.left + width * 0.65, y + 24, { width: width * 0.35 });
    doc.y = y + 48;
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font('Helvetica').fontSize(8).text(`Halaman ${i + 1} dari ${range.count}`, MARGIN.left, doc.page.height - 50, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}

/** A bordered table whose rows grow with their text and break to the next page whole. */
function table(doc: Doc, header: string[], rows: string[][], percents: number[], width: number) {
  const widths = percents.map((p) => (p / 100) * width);
  const pad = 4;
  const heightOf = (row: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    return Math.max(...row.map((c, i) => doc.heightOfString(c || '-', { width: widths[i]! - 2 * pad }))) + 2 * pad;
  };
  const draw = (row: string[], bold: boolean) => {
    const h = heightOf(row, bold);
    if (doc.y + h > doc.page.height - MARGIN.bottom) doc.addPage();
    const y = doc.y;
    let x = MARGIN.left;
    row.forEach((c, i) => {
      doc.rect(x, y, widths[i]!, h).lineWidth(0.5).stroke();
      doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9).text(c || '-', x + pad, y + pad, { width: widths[i]! - 2 * pad });
      x += widths[i]!;
    });
    doc.x = MARGIN.left;
    doc.y = y + h;
  };
  draw(header, true);
  for (const r of rows) draw(r, false);
  doc.moveDown(0.8);
}
