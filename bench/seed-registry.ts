/**
 * Synthetic but realistic register: ~600 UPTs under every Kanwil, a few thousand partners, N agreements
 * with partners, scopes, signatories and reports. Used by the registry benchmarks and as a load generator.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Insertable } from 'kysely';
import type { Db } from '../src/db/database.js';
import type { AgreementsTable, AgreementPartnersTable, AgreementScopesTable, ReportsTable } from '../src/db/schema-registry.js';
import { AGREEMENT_KINDS, BENEFIT_KINDS, PARTNER_CATEGORIES, SCOPES } from '../src/reference/registry-lists.js';
import { normalizePartnerName } from '../src/partners/normalize.js';

const UPT_KINDS = [['lapas', 'Lapas Kelas IIA'], ['lapas', 'Lapas Kelas IIB'], ['rutan', 'Rutan Kelas IIB'], ['bapas', 'Bapas Kelas II'], ['lpka', 'LPKA Kelas II'], ['rupbasan', 'Rupbasan Kelas II'], ['kantor_imigrasi', 'Kantor Imigrasi Kelas II'], ['cabang_rutan', 'Cabang Rutan']] as const;
const PLACES = ['Cilacap', 'Semarang', 'Surakarta', 'Magelang', 'Pekalongan', 'Tegal', 'Kudus', 'Pati', 'Bandung', 'Bogor', 'Garut', 'Medan', 'Padang', 'Palembang', 'Makassar', 'Manado', 'Kupang', 'Ambon', 'Jayapura', 'Denpasar', 'Mataram', 'Pontianak', 'Samarinda', 'Banjarmasin'];
const PARTNER_PATTERNS = ['Pemerintah Kabupaten {p}', 'Dinas Kesehatan Kota {p}', 'Badan Narkotika Nasional Kabupaten {p}', 'Universitas Negeri {p}', 'PT Sinar Makmur {p}', 'CV Karya Mandiri {p}', 'Yayasan Pesantren Al-Ikhlas {p}', 'Balai Latihan Kerja {p}', 'SMK Negeri 2 {p}', 'Rumah Sakit Umum Daerah {p}', 'Kepolisian Resor {p}', 'Koperasi Warga Binaan {p}'];
const TOPICS = ['Pelatihan Keterampilan Menjahit', 'Layanan Kesehatan bagi Warga Binaan', 'Rehabilitasi Narkotika', 'Pendidikan Kesetaraan Paket C', 'Pembinaan Kerohanian', 'Pemasaran Produk Warga Binaan', 'Budidaya Ikan Lele', 'Pelatihan Pengelasan', 'Bantuan Hukum', 'Pemanfaatan Lahan Pertanian', 'Sertifikasi Kompetensi Barista', 'Pengolahan Sampah Organik'];

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
const iso = (d: Date) => d.toISOString().slice(0, 10);

export async function seedRegistry(db: Db, n: number, log: (s: string) => void = () => {}): Promise<void> {
  const kanwil = await db.selectFrom('units').select(['id', 'path', 'name']).where('kind', '=', 'kanwil').execute();
  const uptCount = await db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', 'not in', ['kanwil', 'biro']).executeTakeFirstOrThrow();
  if (Number(uptCount.n) < 500) {
    const rows = [];
    for (const k of kanwil) {
      for (let i = 0; i < 16; i++) {
        const id = crypto.randomUUID();
        const [kind, prefix] = pick(UPT_KINDS);
        rows.push({ id, code: `SYN-${k.id.slice(0, 6)}-${i}`, name: `${prefix} ${pick(PLACES)} ${i + 1}`, kind, parent_id: k.id, path: `${k.path}${id}/`, valid_from: '2020-01-01' });
      }
    }
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('units').values(rows.slice(i, i + 500)).execute();
    log(`units: +${rows.length}`);
  }
  const units = await db.selectFrom('units').select('id').where('kind', 'not in', ['biro']).execute();

  const partnerIds: string[] = [];
  const partners = [];
  for (let i = 0; i < 3000; i++) {
    const id = crypto.randomUUID();
    const name = `${pick(PARTNER_PATTERNS).replace('{p}', pick(PLACES))} ${i}`;
    partners.push({ id, name, search_name: normalizePartnerName(name), category_code: pick(PARTNER_CATEGORIES)[0] });
    partnerIds.push(id);
  }
  for (let i = 0; i < partners.length; i += 1000) await db.insertInto('partners').values(partners.slice(i, i + 1000)).execute();
  log(`partners: ${partners.length}`);

  const kinds = AGREEMENT_KINDS.map((k) => k[0]).filter((k) => k !== 'lainnya');
  const t0 = Date.now();
  for (let done = 0; done < n; done += 1000) {
    const batch: Insertable<AgreementsTable>[] = [];
    const links: Insertable<AgreementPartnersTable>[] = [];
    const scopes: Insertable<AgreementScopesTable>[] = [];
    const reports: Insertable<ReportsTable>[] = [];
    for (let i = 0; i < Math.min(1000, n - done); i++) {
      const id = crypto.randomUUID();
      const signing = new Date(Date.UTC(2018 + Math.floor(rnd() * 9), Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
      const years = 1 + Math.floor(rnd() * 5);
      const end = new Date(signing);
      end.setUTCFullYear(end.getUTCFullYear() + years);
      end.setUTCDate(end.getUTCDate() - 1);
      const draft = rnd() < 0.05;
      batch.push({
        id,
        unit_id: pick(units).id,
        kind_code: rnd() < 0.8 ? 'pks' : pick(kinds),
        title: `Perjanjian Kerja Sama tentang ${pick(TOPICS)}`,
        number_first: `W${10 + Math.floor(rnd() * 30)}.PAS.PAS.${Math.floor(rnd() * 9)}-HM.05.02-${done + i}`,
        number_second: `${400 + Math.floor(rnd() * 99)}/${Math.floor(rnd() * 999)}/${signing.getUTCFullYear()}`,
        signing_place: pick(PLACES),
        signing_date: draft ? null : iso(signing),
        start_date: iso(signing),
        end_date: iso(end),
        duration_text: `${years} tahun`,
        purpose: 'Meningkatkan keterampilan dan kemandirian warga binaan pemasyarakatan.',
        confidentiality: 'public' as const,
      });
      links.push({ agreement_id: id, partner_id: pick(partnerIds), position: 0 });
      const sc = new Set([pick(SCOPES)[0], pick(SCOPES)[0]]);
      for (const s of sc) scopes.push({ agreement_id: id, scope_code: s });
      if (!draft && rnd() < 0.3) {
        reports.push({ agreement_id: id, period_start: iso(signing), period_end: iso(new Date(signing.getTime() + 180 * 86400_000)), activities: 'Pelatihan dan pendampingan', beneficiaries: Math.floor(rnd() * 60), pnbp_amount: Math.floor(rnd() * 50) * 500_000 });
      }
    }
    await db.transaction().execute(async (tx) => {
      await tx.insertInto('agreements').values(batch).execute();
      await tx.insertInto('agreement_partners').values(links).execute();
      await tx.insertInto('agreement_scopes').values(scopes).execute();
      if (reports.length) await tx.insertInto('reports').values(reports).execute();
    });
    if ((done / 1000) % 10 === 0) log(`agreements: ${done + batch.length}/${n} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  void BENEFIT_KINDS;
  await sql`analyze`.execute(db);
}
