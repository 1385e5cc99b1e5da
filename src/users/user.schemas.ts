import { z } from 'zod';
import { ROLES, UNIT_KINDS } from '../db/schema.js';

export const userDto = z.object({
  id: z.string(),
  username: z.string(),
  email: z.string().nullable(),
  displayName: z.string(),
  role: z.enum(ROLES),
  locale: z.enum(['id', 'en']),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  disabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string(), kind: z.enum(UNIT_KINDS) }),
});

const username = z.string().trim().min(3).max(60).regex(/^[a-zA-Z0-9._-]+$/, { message: 'Hanya huruf, angka, titik, garis bawah dan tanda hubung. || Letters, digits, dot, underscore and hyphen only.' });
const email = z.email().max(200);

export const createUserBody = z.object({
  username,
  email: email.nullish(),
  displayName: z.string().trim().min(2).max(120),
  role: z.enum(ROLES),
  unitId: z.uuid(),
  password: z.string().min(10).max(200).optional(),
});

export const updateUserBody = z
  .object({
    displayName: z.string().trim().min(2).max(120),
    email: email.nullable(),
    role: z.enum(ROLES),
    unitId: z.uuid(),
    disabled: z.boolean(),
  })
  .partial();
