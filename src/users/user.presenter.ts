import type { UserWithUnit } from './user.repository.js';

/** The fields of an account that leave the server; hashes and secrets never do. */
export function presentUser(u: UserWithUnit) {
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    displayName: u.display_name,
    role: u.role,
    locale: u.locale,
    mustChangePassword: u.must_change_password,
    totpEnabled: u.totp_enabled_at !== null,
    disabled: u.disabled_at !== null,
    lastLoginAt: u.last_login_at ? u.last_login_at.toISOString() : null,
    createdAt: u.created_at.toISOString(),
    unit: { id: u.unit_id, code: u.unit_code, name: u.unit_name, kind: u.unit_kind },
  };
}
export type UserDto = ReturnType<typeof presentUser>;
