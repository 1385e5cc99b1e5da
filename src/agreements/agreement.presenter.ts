import type { WorkflowState } from '../db/schema-workflow.js';
import type { AgreementListRow } from './agreement.query.js';
import type { detail } from './agreement.service.js';

export function presentListItem(r: AgreementListRow) {
  return {
    id: r.id,
    kindCode: r.kind_code,
    kindName: r.kind_name,
    title: r.title,
    numberFirst: r.number_first,
    numberSecond: r.number_second,
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
    partnerNames: r.partner_names,
    partnerCategories: r.partner_categories,
    scopeNames: r.scope_names,
    signingDate: r.signing_date,
    startDate: r.start_date,
    endDate: r.end_date,
    status: r.status,
    confidentiality: r.confidentiality,
    hasSignedDocument: r.has_signed_document,
    workflowState: r.workflow_state,
  };
}

type Detail = Awaited<ReturnType<typeof detail>>;
type Relative = Detail['relatives'][number];

function rel(r: Relative) {
  // Relatives outside the caller's scope (e.g. the Kanwil's MoU above a UPT's PKS) show only what identifies them.
  return { id: r.id, kind: r.kind_name, title: r.title, numberFirst: r.number_first, status: r.status, unitName: r.unit_name, visible: r.visible };
}

export interface WorkflowInfo {
  state: WorkflowState;
  stateLabel: string;
  available: string[];
  changedAt: string | null;
}

export function presentDetail(d: Detail, workflow: WorkflowInfo) {
  const { row } = d;
  const byId = (id: string | null) => (id ? (d.relatives.find((r) => r.id === id) ?? null) : null);
  const parent = byId(row.parent_id);
  const amends = byId(row.amends_id);
  const renews = byId(row.renews_id);
  return {
    id: row.id,
    kindCode: row.kind_code,
    kindName: row.kind_name,
    title: row.title,
    numberFirst: row.number_first,
    numberSecond: row.number_second,
    unit: { id: row.unit_id, code: row.unit_code, name: row.unit_name },
    partners: d.partners.map((p) => ({ id: p.id, name: p.name, categoryCode: p.category_code, categoryName: p.category_name })),
    signatories: d.signatories,
    signingPlace: row.signing_place,
    signingDate: row.signing_date,
    startDate: row.start_date,
    endDate: row.end_date,
    durationText: row.duration_text,
    scopes: d.scopes,
    scopeOther: row.scope_other,
    purpose: row.purpose,
    background: row.background,
    financing: row.financing,
    confidentiality: row.confidentiality,
    confidentialityReason: row.confidentiality_reason,
    status: row.status,
    terminatedOn: row.terminated_on,
    terminationReason: row.termination_reason,
    parentId: row.parent_id,
    amendsId: row.amends_id,
    renewsId: row.renews_id,
    family: {
      parent: parent ? rel(parent) : null,
      children: d.relatives.filter((r) => r.parent_id === row.id).map(rel),
      amends: amends ? rel(amends) : null,
      amendedBy: d.relatives.filter((r) => r.amends_id === row.id).map(rel),
      renews: renews ? rel(renews) : null,
      renewedBy: d.relatives.filter((r) => r.renews_id === row.id).map(rel),
    },
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    deletedAt: row.deleted_at ? row.deleted_at.toISOString() : null,
    workflowState: row.workflow_state,
    workflow,
  };
}
