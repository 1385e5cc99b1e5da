import type { UnitKind } from '../db/schema.js';

/** Demo UPTs beneath three Kanwil. Jawa Tengah carries the three units of the supervision article. */
export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  regency: string;
}

export const DEMO_UPTS: Record<string, DemoUnit[]> = {
  // Jawa Tengah
  '33': [
    { code: 'UPT-33-LPSK-KRA', name: 'Lapas Khusus Kelas IIA Karanganyar', kind: 'lapas', regency: '33.01' },
    { code: 'UPT-33-LP-PSP', name: 'Lapas Kelas IIA Pasir Putih', kind: 'lapas', regency: '33.01' },
    { code: 'UPT-33-BAPAS-NK', name: 'Bapas Kelas II Nusakambangan', kind: 'bapas', regency: '33.01' },
    { code: 'UPT-33-LP-BTU', name: 'Lapas Kelas I Batu Nusakambangan', kind: 'lapas', regency: '33.01' },
    { code: 'UPT-33-LP-SMG', name: 'Lapas Kelas I Semarang', kind: 'lapas', regency: '33.74' },
    { code: 'UPT-33-RUTAN-SMG', name: 'Rutan Kelas I Semarang', kind: 'rutan', regency: '33.74' },
    { code: 'UPT-33-LPP-SMG', name: 'Lapas Perempuan Kelas IIA Semarang', kind: 'lapas', regency: '33.74' },
    { code: 'UPT-33-LPKA-KTA', name: 'LPKA Kelas I Kutoarjo', kind: 'lpka', regency: '33.06' },
    { code: 'UPT-33-BAPAS-SKA', name: 'Bapas Kelas I Surakarta', kind: 'bapas', regency: '33.72' },
    { code: 'UPT-33-RUPBASAN-SMG', name: 'Rupbasan Kelas I Semarang', kind: 'rupbasan', regency: '33.74' },
    { code: 'UPT-33-KANIM-SMG', name: 'Kantor Imigrasi Kelas I TPI Semarang', kind: 'kantor_imigrasi', regency: '33.74' },
    { code: 'UPT-33-CRT-SLG', name: 'Cabang Rutan Salatiga', kind: 'cabang_rutan', regency: '33.73' },
  ],
  // Jawa Barat
  '32': [
    { code: 'UPT-32-LP-SKM', name: 'Lapas Kelas IIA Sukamiskin', kind: 'lapas', regency: '32.73' },
    { code: 'UPT-32-LPN-BDG', name: 'Lapas Narkotika Kelas IIA Bandung', kind: 'lapas', regency: '32.73' },
    { code: 'UPT-32-RUTAN-BDG', name: 'Rutan Kelas I Bandung', kind: 'rutan', regency: '32.73' },
    { code: 'UPT-32-BAPAS-BGR', name: 'Bapas Kelas I Bogor', kind: 'bapas', regency: '32.71' },
    { code: 'UPT-32-LPKA-BDG', name: 'LPKA Kelas II Bandung', kind: 'lpka', regency: '32.73' },
  ],
  // DI Yogyakarta
  '34': [
    { code: 'UPT-34-LP-YK', name: 'Lapas Kelas IIA Yogyakarta', kind: 'lapas', regency: '34.04' },
    { code: 'UPT-34-LPP-YK', name: 'Lapas Perempuan Kelas IIB Yogyakarta', kind: 'lapas', regency: '34.04' },
    { code: 'UPT-34-BAPAS-YK', name: 'Bapas Kelas I Yogyakarta', kind: 'bapas', regency: '34.71' },
    { code: 'UPT-34-RUTAN-WNS', name: 'Rutan Kelas IIB Wonosari', kind: 'rutan', regency: '34.03' },
  ],
};

export const DEMO_PASSWORD = 'demo-P2MA-2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: 'admin' | 'verifikator' | 'operator' | 'pokja' | 'pimpinan';
  /** A unit code, or 'BIRO' / a Kanwil's province code prefixed with 'KW-'. */
  unitCode: string;
  email: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: 'Admin Biro Hukerma', role: 'admin', unitCode: 'BIRO-HKPK', email: 'admin@p2ma.example' },
  { username: 'kanwil.jateng', displayName: 'Verifikator Kanwil Jawa Tengah', role: 'verifikator', unitCode: 'KW-33', email: 'kanwil.jateng@p2ma.example' },
  { username: 'upt.karanganyar', displayName: 'Operator Lapas Karanganyar', role: 'operator', unitCode: 'UPT-33-LPSK-KRA', email: 'upt.karanganyar@p2ma.example' },
  { username: 'upt.pasirputih', displayName: 'Operator Lapas Pasir Putih', role: 'operator', unitCode: 'UPT-33-LP-PSP', email: 'upt.pasirputih@p2ma.example' },
  { username: 'pokja', displayName: 'Ketua Tim Pokja Kerja Sama', role: 'pokja', unitCode: 'BIRO-HKPK', email: 'pokja@p2ma.example' },
  { username: 'pimpinan', displayName: 'Kepala Biro', role: 'pimpinan', unitCode: 'BIRO-HKPK', email: 'pimpinan@p2ma.example' },
  { username: 'kanwil.jabar', displayName: 'Verifikator Kanwil Jawa Barat', role: 'verifikator', unitCode: 'KW-32', email: 'kanwil.jabar@p2ma.example' },
];
