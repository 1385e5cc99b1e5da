/**
 * Between the generic offline queue (keys and values) and the supervision sync endpoint (typed ops with
 * revisions, docs/supervision.md). A key names one record on the server; its value is that record's content.
 */
import { api, ApiError } from '../api.js';
import type { Json, KnownValue, OpResult, OutgoingOp } from './offline-queue.js';
import type { Assessment, Interviewee, SyncOp, SyncResult, Worksheet } from './types.js';

const SEP = '|';
/** Unit-level questions have no agreement; "-" stands for null inside a key. */
const NONE = '-';

export const keys = {
  answer: (agreementId: string | null, questionId: string) => ['answer', agreementId ?? NONE, questionId].join(SEP),
  assessment: (agreementId: string) => ['assessment', agreementId].join(SEP),
  interviewees: () => 'interviewees',
  findings: () => 'findings',
  unregistered: (localId: string) => ['unregistered', localId].join(SEP),
};

export interface UnregisteredDraft {
  partnerName: string;
  title: string;
  note: string | null;
  dueDate: string | null;
}

/**
 * The queue's storage scope: one visit of one plan, per signed-in user — on a shared tablet, answers left unsent by
 * one member must go out under their name, not under the next person's session.
 */
export function queueScope(userId: string, planId: string, visitId: string): string {
  return `user:${userId}:plan:${planId}:visit:${visitId}`;
}

/** The server's current records as queue entries: the bases of the next changes. */
export function knownFromWorksheet(w: Worksheet): Record<string, KnownValue> {
  const out: Record<string, KnownValue> = {};
  for (const a of w.answers) out[keys.answer(a.agreementId, a.questionId)] = { value: a.value as Json, version: a.revision };
  for (const a of w.assessments) {
    out[keys.assessment(a.agreementId)] = { value: assessmentValue(a), version: a.revision };
  }
  if (w.interviewees.revision > 0) out[keys.interviewees()] = { value: w.interviewees.value as unknown as Json, version: w.interviewees.revision };
  if (w.findings.revision > 0) out[keys.findings()] = { value: w.findings.value, version: w.findings.revision };
  return out;
}

export function assessmentValue(a: Assessment): Json {
  return { benefitsUnit: a.benefitsUnit, mutual: a.mutual, recommendation: a.recommendation, note: a.note };
}

/** One queued change as the endpoint's op. */
export function toSyncOp(visitId: string, op: OutgoingOp): SyncOp {
  const [kind, a, b] = op.key.split(SEP);
  const baseRevision = op.baseVersion ?? 0;
  const common = { opId: op.opId, visitId };
  switch (kind) {
    case 'answer':
      return { ...common, type: 'answer.set', agreementId: a === NONE ? null : (a ?? null), questionId: b ?? '', value: op.value, baseRevision };
    case 'assessment': {
      const v = (op.value ?? {}) as unknown as Assessment;
      return { ...common, type: 'assessment.set', agreementId: a ?? '', baseRevision, benefitsUnit: v.benefitsUnit ?? null, mutual: v.mutual ?? null, recommendation: v.recommendation ?? null, note: v.note ?? null };
    }
    case 'interviewees':
      return { ...common, type: 'interviewees.set', baseRevision, interviewees: (op.value ?? []) as unknown as Interviewee[] };
    case 'findings':
      return { ...common, type: 'findings.set', baseRevision, findings: (op.value as string | null) ?? null };
    case 'unregistered': {
      const v = op.value as unknown as UnregisteredDraft;
      return { ...common, type: 'unregistered.add', partnerName: v.partnerName, title: v.title, note: v.note, dueDate: v.dueDate };
    }
    default:
      throw new Error(`unknown queue key ${op.key}`);
  }
}

export function fromSyncResult(r: SyncResult): OpResult {
  if (r.status === 'conflict' && r.current) {
    return {
      opId: r.opId,
      status: 'conflict',
      current: { value: r.current.value as Json, version: r.current.revision, changedBy: r.current.updatedBy?.name ?? '', changedAt: r.current.updatedAt ?? '' },
    };
  }
  return { opId: r.opId, status: r.replayed ? 'duplicate' : 'applied', version: r.revision };
}

/** `ops.3.value` → 3 (the server names the invalid op of a refused batch). */
function opIndex(path: string): number | null {
  const m = /(?:^|[./])ops[./](\d+)/.exec(path);
  return m ? Number(m[1]) : null;
}

/**
 * Sends a batch. A refused batch (400 naming ops) turns the named ops into "rejected" results, so the user sees
 * what was wrong and the rest goes in the next round instead of the whole queue being stuck behind one answer.
 */
export function syncTransport(planId: string, visitId: string) {
  return async (batch: OutgoingOp[]): Promise<OpResult[]> => {
    try {
      const res = await api.post<{ results: SyncResult[] }>(`/supervisions/${encodeURIComponent(planId)}/sync`, { ops: batch.map((op) => toSyncOp(visitId, op)) });
      return res.results.map(fromSyncResult);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.fields.length > 0) {
        const bad = new Map<number, string>();
        for (const f of err.fields) {
          const i = opIndex(f.path);
          if (i !== null && batch[i] && !bad.has(i)) bad.set(i, f.message || err.message);
        }
        if (bad.size > 0) return [...bad].map(([i, message]) => ({ opId: batch[i]!.opId, status: 'rejected' as const, message }));
      }
      throw err;
    }
  };
}
