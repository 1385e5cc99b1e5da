import type { PdfLine } from '../../src/shared/pdf-writer.js';
import { agreementLines, type AgreementText } from './agreement-text.js';

/** Personal data planted in a generated agreement, with the officials whose names must stay readable. */
export interface PlantedPii {
  nik: string;
  phone: string;
  email: string;
  officials: [string, string];
}

/**
 * An agreement whose second party's contact person is identified with a NIK, a mobile number and a
 * personal e-mail (as partner letters often do), next to the signatories' names, positions and NIP.
 */
export function agreementWithPii(pii: PlantedPii, a: AgreementText = {}): PdfLine[] {
  const lines = agreementLines({ ...a, firstSigner: [pii.officials[0], a.firstSigner?.[1] ?? 'Kepala Lembaga Pemasyarakatan Kelas IIA Karanganyar'], secondSigner: [pii.officials[1], a.secondSigner?.[1] ?? 'Kepala Balai Latihan Kerja Kabupaten Cilacap'] });
  const contact: PdfLine = {
    text: `Pasal 5 KOORDINASI. Narahubung PIHAK KEDUA adalah Sdr. Andi Wijaya, NIK ${pii.nik}, telepon ${pii.phone}, surel ${pii.email}. Narahubung PIHAK PERTAMA adalah Kepala Seksi Kegiatan Kerja, NIP. 19800101 200501 1 001, surel humas@kemenkumham.go.id.`,
  };
  const closing = lines.length - 3;
  return [...lines.slice(0, closing), contact, ...lines.slice(closing)];
}

export const SAMPLE_PII: PlantedPii = { nik: '3301234506780001', phone: '0812-3456-7890', email: 'andi.wijaya@gmail.com', officials: ['Budi Santoso', 'Siti Rahmawati'] };
