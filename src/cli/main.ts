import { parseArgs } from 'node:util';
import { prepare } from '../bootstrap.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { acquireDataDirLock } from '../db/data-dir-lock.js';
import { AppError } from '../http/errors.js';
import { commands } from './commands.js';
import { operations } from './operations.js';

const USAGE = `Pemakaian: npx p2ma <perintah> [opsi]

Perintah:
  migrate                                        terapkan migrasi basis data
  user create --username U --role R --unit KODE [--name NAMA] [--email E]
                                                 buat akun; kata sandi dibaca dari standar input
  user reset-password --username U               kata sandi baru dari standar input (kosong: dibuatkan sementara)
  token create --username U [--name NAMA]        buat token API (dicetak sekali)
  audit verify                                   periksa keutuhan rantai jejak audit
  storage verify                                 hitung ulang SHA-256 semua berkas tersimpan; laporkan yang hilang/berubah
  extract --document ID | --all [--run]          baca ulang teks berkas (pencarian, saran isian): diantrekan untuk
                                                 server; --run membacanya sekarang di proses ini
  backup [--out BERKAS.tar.gz] [--incremental-from CADANGAN_SEBELUMNYA]
                                                 cadangkan basis data + semua berkas ke satu arsip (server dengan
                                                 basis data tertanam harus berhenti; saat berjalan pakai
                                                 POST /api/v1/admin/backups)
  restore CADANGAN [INKREMENTAL …]               pulihkan ke basis data dan penyimpanan yang kosong
  doctor                                         periksa konfigurasi, basis data, penyimpanan, OCR, surel, jejak
                                                 audit, berkas dan cadangan; cetak yang perlu diperbaiki

Peran: admin, verifikator, operator, pokja, pimpinan`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      document: { type: 'string' },
      all: { type: 'boolean' },
      run: { type: 'boolean' },
      out: { type: 'string' },
      'incremental-from': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const operation = operations[positionals[0] ?? ''];
  if (operation && !values.help) return operation(loadConfig(), positionals.slice(1), values);
  const key = positionals.slice(0, positionals[0] === 'migrate' ? 1 : 2).join(' ');
  const command = commands[key];
  if (values.help || !command) {
    console.log(USAGE);
    return values.help ? 0 : 64;
  }
  const config = loadConfig();
  const release = config.database.kind === 'pglite' ? acquireDataDirLock(config.dataDir) : () => {};
  try {
    const { deps } = await prepare(config, { seed: key !== 'migrate' });
    try {
      return await command(deps, values);
    } finally {
      await deps.database.close();
    }
  } finally {
    release();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof ConfigError) console.error(err.message);
    else if (err instanceof AppError) {
      console.error(`Gagal: ${err.messageFor('id')}`);
      for (const f of err.fields ?? []) console.error(`  - ${f.path}: ${f.message}`);
    } else console.error(`Gagal: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
