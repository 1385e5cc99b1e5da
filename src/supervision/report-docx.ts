import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ReportData } from './report-data.js';

const FONT = 'Arial';
const SIZE = 22; // half-points: 11 pt, the usual size of a government report

function p(text: string, opts: { bold?: boolean; center?: boolean; indent?: number; after?: number; size?: number } = {}) {
  return new Paragraph({
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    indent: opts.indent ? { left: opts.indent } : undefined,
    spacing: { after: opts.after ?? 120 },
    children: [new TextRun({ text, bold: opts.bold ?? false, font: FONT, size: opts.size ?? SIZE })],
  });
}

const heading = (text: string) => p(text, { bold: true, after: 160 });
const sub = (text: string) => p(text, { bold: true, indent: 360 });
const body = (text: string) => p(text, { indent: 720 });

function cell(text: string, opts: { bold?: boolean; width?: number; borders?: boolean } = {}) {
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  return new TableCell({
    width: opts.width ? { size: opts.width, type: WidthType.PERCENTAGE } : undefined,
    borders: opts.borders === false ? { top: none, bottom: none, left: none, right: none } : undefined,
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun({ text: line, bold: opts.bold ?? false, font: FONT, size: 20 })] })),
  });
}

function table(header: string[] | null, rows: string[][], widths: number[]) {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      ...(header ? [new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, { bold: true, width: widths[i]! })) })] : []),
      ...rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, { width: widths[i]! })) })),
    ],
  });
}

const letter = (i: number) => String.fromCharCode(65 + i);

/** The Laporan Hasil Supervisi as an editable Word document (the team finishes and signs it). */
export async function renderDocx(r: ReportData): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    p(r.issuer.toUpperCase(), { bold: true, center: true, after: 240 }),
    p(r.title, { bold: true, center: true, size: 28, after: 60 }),
    p(r.subtitle.toUpperCase(), { bold: true, center: true, after: 60 }),
    p(`${r.region.toUpperCase()}, ${r.periodText.toUpperCase()}`, { bold: true, center: true, after: 360 }),

    heading('I. PENDAHULUAN'),
    sub('A. Dasar'),
    body(r.basis),
    sub('B. Maksud dan Tujuan'),
    body(r.purpose),
    sub('C. Ruang Lingkup'),
    body(r.scopeText),
    sub('D. Waktu dan Tempat'),
    body(`Supervisi dilaksanakan pada ${r.periodText} di ${r.region}, pada unit berikut:`),
    table(['No', 'Unit yang Dikunjungi', 'Hari/Tanggal'], r.schedule.map((s, i) => [String(i + 1), s.unit, s.date]), [8, 57, 35]),
    p(''),
    sub('E. Tim Supervisi'),
    table(['No', 'Nama', 'Kedudukan dalam Tim', 'Jabatan/Unit'], r.team.map((m, i) => [String(i + 1), m.name, m.role, m.position]), [8, 35, 20, 37]),
    p(''),

    heading('II. HASIL SUPERVISI'),
  ];
  r.units.forEach((u, ui) => {
    children.push(sub(`${letter(ui)}. ${u.name}`));
    children.push(body(`Waktu kunjungan: ${u.date}.`));
    children.push(body(`Pejabat yang diwawancarai: ${u.interviewees.length ? u.interviewees.join('; ') : '-'}.`));
    if (!u.agreements.length) children.push(body('Tidak ada naskah kerja sama yang berlaku pada unit ini menurut register P2MA.'));
    u.agreements.forEach((a, ai) => {
      children.push(p(`${ai + 1}. ${a.title}`, { bold: true, indent: 720 }));
      children.push(body(a.meta));
      children.push(table(['Uraian', 'Hasil'], [...a.rows, ...a.assessment.map(([k, v]) => [`Penilaian tim: ${k}`, v])], [45, 55]));
      children.push(p(''));
    });
    for (const [label, value] of u.unitAnswers) children.push(body(`${label}: ${value}`));
    children.push(p('Temuan umum', { bold: true, indent: 720 }), body(u.findings));
    children.push(p('Kendala', { bold: true, indent: 720 }), body(u.kendala));
    children.push(p('Saran', { bold: true, indent: 720 }), body(u.saran));
    if (u.unregistered.length) {
      children.push(p('Naskah kerja sama yang belum terdaftar di P2MA', { bold: true, indent: 720 }));
      u.unregistered.forEach((x, i) => children.push(body(`${i + 1}. ${x}`)));
    }
    if (u.recommendations.length) {
      children.push(p('Rekomendasi untuk unit', { bold: true, indent: 720 }));
      u.recommendations.forEach((x, i) => children.push(body(`${i + 1}. ${x}`)));
    }
  });

  children.push(heading('III. REKOMENDASI / TINDAK LANJUT'));
  r.generalRecommendations.forEach((x, i) => children.push(body(`${i + 1}. ${x}`)));
  children.push(table(['No', 'Unit', 'Tindak Lanjut', 'Tenggat', 'Status', 'Tanggapan Unit'], r.followups.map((f, i) => [String(i + 1), f.unit, f.title, f.due, f.status, f.response]), [5, 18, 35, 13, 12, 17]));
  children.push(p(''));
  children.push(heading('IV. PENUTUP'));
  children.push(body(r.closing));
  children.push(p(''));

  // Signature block: chair first, then the members, each with room for a wet signature.
  children.push(p(`${r.place}, ${r.signedOn}`, { center: false, indent: 5040, after: 60 }));
  children.push(p('Tim Supervisi Kerja Sama', { bold: true, indent: 5040, after: 240 }));
  children.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: r.team.map(
        (m, i) =>
          new TableRow({
            children: [cell(`${i + 1}. ${m.name}`, { width: 45, borders: false }), cell(m.role, { width: 20, borders: false }), cell('\n\n(................................)', { width: 35, borders: false })],
          }),
      ),
    }),
  );

  const doc = new Document({
    creator: 'P2MA',
    title: `${r.title} — ${r.subtitle}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [{ properties: { page: { margin: { top: 1440, bottom: 1440, left: 1700, right: 1440 } } }, children }],
  });
  return Packer.toBuffer(doc);
}
