import type { Actor } from '../access/access.js';
import { verifyAuditChain } from '../audit/audit.repository.js';
import { createToken } from '../auth/account.service.js';
import { findUserForLogin } from '../auth/auth.repository.js';
import { migrateToLatest, currentSchemaVersion } from '../db/migrate.js';
import { ROLES, type Role } from '../db/schema.js';
import type { AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { verifyStorage, type StorageProblem } from '../storage/verify.js';
import { runExtractCommand } from './extract.command.js';
import { getUnitByCode } from '../units/unit.repository.js';
import { setPassword } from '../users/user.password.js';
import { createUser, resetPassword } from '../users/user.service.js';
import { readSecret } from './stdin.js';

type Options = {
  username?: string | undefined;
  role?: string | undefined;
  unit?: string | undefined;
  name?: string | undefined;
  email?: string | undefined;
  document?: string | undefined;
  all?: boolean | undefined;
  run?: boolean | undefined;
};
type Command = (deps: AppDeps, o: Options) => Promise<number>;

/** The command line acts as the system administrator: an actor with the admin role at the root. */
async function systemActor(deps: AppDeps): Promise<Actor> {
  const root = await deps.database.db.selectFrom('units').select(['id', 'path']).where('parent_id', 'is', null).orderBy('created_at').executeTakeFirstOrThrow();
  return { userId: '00000000-0000-0000-0000-000000000000', username: 'cli', displayName: 'Baris perintah', role: 'admin', unitId: root.id, unitPath: root.path, mustChangePassword: false, locale: 'id' };
}
const cli = async (deps: AppDeps) => ({ actor: await systemActor(deps), ip: null });

function need(value: string | undefined, flag: string): string {
  if (!value) throw new AppError('VALIDATION_FAILED', {}, [{ path: flag, message: 'Wajib diisi.' }]);
  return value;
}

async function userByName(deps: AppDeps, username: string) {
  const user = await findUserForLogin(deps.database.db, username);
  if (!user) throw new Error(`Pengguna "${username}" tidak ditemukan.`);
  return user;
}

export const commands: Record<string, Command> = {
  async migrate(deps) {
    const applied = await migrateToLatest(deps.database.db);
    console.log(applied.length ? `Migrasi diterapkan: ${applied.join(', ')}` : 'Basis data sudah mutakhir.');
    console.log(`Versi skema: ${await currentSchemaVersion(deps.database.db)}`);
    return 0;
  },

  async 'user create'(deps, o) {
    const username = need(o.username, '--username');
    const role = need(o.role, '--role');
    if (!(ROLES as readonly string[]).includes(role)) throw new Error(`Peran tidak dikenal: ${role}. Pilihan: ${ROLES.join(', ')}`);
    const unit = await getUnitByCode(deps.database.db, need(o.unit, '--unit'));
    if (!unit) throw new Error(`Unit dengan kode "${o.unit}" tidak ditemukan.`);
    const password = await readSecret('Kata sandi: ');
    if (!password) throw new Error('Kata sandi dibaca dari standar input dan tidak boleh kosong.');
    const src = await cli(deps);
    const { user } = await createUser(deps, src, { username, role: role as Role, unitId: unit.id, displayName: o.name ?? username, email: o.email ?? null, password });
    console.log(`Akun ${user.username} (${user.role}, ${user.unit_name}) dibuat.`);
    return 0;
  },

  async 'user reset-password'(deps, o) {
    const user = await userByName(deps, need(o.username, '--username'));
    const given = await readSecret('Kata sandi baru (kosongkan untuk kata sandi sementara): ');
    const src = await cli(deps);
    if (!given) {
      const temporary = await resetPassword(deps, src, user.id);
      console.log(`Kata sandi sementara untuk ${user.username}: ${temporary}\nPengguna wajib menggantinya saat masuk.`);
      return 0;
    }
    await setPassword(deps, src, user.id, given);
    console.log(`Kata sandi ${user.username} diganti; semua sesinya diakhiri.`);
    return 0;
  },

  async 'token create'(deps, o) {
    const user = await userByName(deps, need(o.username, '--username'));
    const actor = await deps.database.db
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.unit_id', 'users.locale', 'units.path'])
      .where('users.id', '=', user.id)
      .executeTakeFirstOrThrow();
    const created = await createToken(deps, { actor: { userId: actor.id, username: actor.username, displayName: actor.display_name, role: actor.role, unitId: actor.unit_id, unitPath: actor.path, mustChangePassword: false, locale: actor.locale }, ip: null }, o.name ?? 'cli');
    console.log(created.token);
    return 0;
  },

  async 'audit verify'(deps) {
    const result = await verifyAuditChain(deps.database.db);
    if (result.brokenAt === null) {
      console.log(`Rantai jejak audit utuh: ${result.checked} entri diperiksa.`);
      return 0;
    }
    console.error(`Rantai jejak audit RUSAK pada entri #${result.brokenAt}: ${result.reason}. ${result.checked} entri sebelumnya utuh.`);
    return 3;
  },

  async 'storage verify'(deps) {
    console.log(`Memeriksa berkas tersimpan (${deps.storage.description}) …`);
    const line: Record<StorageProblem['kind'], (p: StorageProblem) => string> = {
      missing: (p) => `HILANG   ${p.sha256}  tercatat di basis data, berkasnya tidak ada`,
      changed: (p) => (p.kind === 'changed' ? `BERUBAH  ${p.sha256}  isinya kini ${p.actual} (${p.size} byte, seharusnya ${p.expectedSize})` : ''),
      orphan: (p) => `YATIM    ${p.sha256}  tersimpan tetapi tidak tercatat (tidak dihapus)`,
    };
    const r = await verifyStorage(deps, await systemActor(deps), (p) => console.log(line[p.kind](p)));
    const summary = `${r.checked} berkas diperiksa: ${r.missing} hilang, ${r.changed} berubah, ${r.orphans} yatim.`;
    if (r.missing === 0 && r.changed === 0) {
      console.log(`Penyimpanan utuh. ${summary}`);
      return 0;
    }
    console.error(`Penyimpanan RUSAK. ${summary}`);
    return 3;
  },

  async extract(deps, o) {
    return runExtractCommand(deps, await cli(deps), o);
  },
};
