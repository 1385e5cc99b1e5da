import { z } from 'zod';
import { isoDate } from '../http/schemas.js';
import { SORTS } from './agreement.query.js';
import { STATUSES } from './status.js';
import { WORKFLOW_STATES } from '../db/schema-workflow.js';

const text = (max: number) => z.string().trim().max(max);

export const signatoryInput = z.object({
  party: z.enum(['pertama', 'kedua']),
  name: text(150).min(2),
  position: text(200).min(2),
  nip: z.string().regex(/^\d{18}$/, { message: 'NIP terdiri atas 18 angka. || An NIP has 18 digits.' }).nullish(),
});

const agreementFields = {
  unitId: z.uuid(),
  kindCode: text(40).min(1),
  title: text(1000).min(5),
  numberFirst: text(150).nullish(),
  numberSecond: text(150).nullish(),
  partnerIds: z.array(z.uuid()).min(1).max(20),
  signatories: z.array(signatoryInput).max(20),
  signingPlace: text(150).nullish(),
  signingDate: isoDate.nullish(),
  startDate: isoDate.nullish(),
  endDate: isoDate.nullish(),
  duration: text(60).nullish(),
  scopeCodes: z.array(text(40)).max(30),
  scopeOther: text(2000).nullish(),
  purpose: text(5000).nullish(),
  background: text(5000).nullish(),
  financing: text(2000).nullish(),
  confidentiality: z.enum(['public', 'internal']),
  confidentialityReason: text(1000).nullish(),
  parentId: z.uuid().nullish(),
  amendsId: z.uuid().nullish(),
  renewsId: z.uuid().nullish(),
  /** Save although another agreement of the unit has the same first-party number. */
  confirmDuplicateNumber: z.boolean().optional(),
};

export const agreementBody = z.object({
  ...agreementFields,
  signatories: agreementFields.signatories.default([]),
  scopeCodes: agreementFields.scopeCodes.default([]),
  confidentiality: agreementFields.confidentiality.default('public'),
});
export type AgreementInput = z.infer<typeof agreementBody>;

/** Every field optional and without defaults: a PATCH changes only what it names. */
export const agreementPatch = z.object(agreementFields).partial();
export type AgreementPatch = z.infer<typeof agreementPatch>;

const boolFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const listQuery = z.object({
  unitId: z.uuid().optional(),
  kind: text(40).optional(),
  status: z.enum(STATUSES).optional(),
  partnerCategory: text(40).optional(),
  partnerId: z.uuid().optional(),
  scope: text(40).optional(),
  signingYear: z.coerce.number().int().min(1945).max(2100).optional(),
  endsWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
  noSignedDocument: boolFlag.optional(),
  noReportThisYear: boolFlag.optional(),
  workflowState: z.enum(WORKFLOW_STATES).optional(),
  q: text(200).optional(),
  sort: z.enum(SORTS).default('signingDate'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type ListQuery = z.infer<typeof listQuery>;

const relative = z.object({ id: z.string(), kind: z.string(), title: z.string(), numberFirst: z.string().nullable(), status: z.enum(STATUSES), unitName: z.string(), visible: z.boolean() });

export const listItemDto = z.object({
  id: z.string(),
  kindCode: z.string(),
  kindName: z.string(),
  title: z.string(),
  numberFirst: z.string().nullable(),
  numberSecond: z.string().nullable(),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  partnerNames: z.string().nullable(),
  partnerCategories: z.string().nullable(),
  scopeNames: z.string().nullable(),
  signingDate: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  status: z.enum(STATUSES),
  confidentiality: z.enum(['public', 'internal']),
  hasSignedDocument: z.boolean(),
  workflowState: z.enum(WORKFLOW_STATES),
});

export const detailDto = z.object({
  id: z.string(),
  kindCode: z.string(),
  kindName: z.string(),
  title: z.string(),
  numberFirst: z.string().nullable(),
  numberSecond: z.string().nullable(),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  partners: z.array(z.object({ id: z.string(), name: z.string(), categoryCode: z.string(), categoryName: z.string() })),
  signatories: z.array(z.object({ party: z.enum(['pertama', 'kedua']), name: z.string(), position: z.string(), nip: z.string().nullable() })),
  signingPlace: z.string().nullable(),
  signingDate: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  durationText: z.string().nullable(),
  scopes: z.array(z.object({ code: z.string(), name: z.string() })),
  scopeOther: z.string().nullable(),
  purpose: z.string().nullable(),
  background: z.string().nullable(),
  financing: z.string().nullable(),
  confidentiality: z.enum(['public', 'internal']),
  confidentialityReason: z.string().nullable(),
  status: z.enum(STATUSES),
  terminatedOn: z.string().nullable(),
  terminationReason: z.string().nullable(),
  parentId: z.string().nullable(),
  amendsId: z.string().nullable(),
  renewsId: z.string().nullable(),
  family: z.object({
    parent: relative.nullable(),
    children: z.array(relative),
    amends: relative.nullable(),
    amendedBy: z.array(relative),
    renews: relative.nullable(),
    renewedBy: z.array(relative),
  }),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  workflowState: z.enum(WORKFLOW_STATES),
  workflow: z.object({ state: z.enum(WORKFLOW_STATES), stateLabel: z.string(), available: z.array(z.string()), changedAt: z.string().nullable() }),
});
