/** Shapes of the workflow API (states, transitions, timeline, comments, queue, compliance, notifications). */
import type { MessageKey } from './i18n.js';

export const WORKFLOW_STATES = ['draft', 'diajukan', 'dikembalikan', 'diverifikasi', 'diterbitkan', 'ditetapkan_internal', 'ditarik'] as const;
export type WorkflowState = (typeof WORKFLOW_STATES)[number];

/** Names as the server lists them in `workflow.available` (it may spell keep_internal with a hyphen). */
export const TRANSITIONS = ['submit', 'return', 'verify', 'publish', 'keep_internal', 'withdraw'] as const;
export type TransitionName = (typeof TRANSITIONS)[number];

/** The URL segment of each transition: POST /agreements/{id}/{segment}. */
export const TRANSITION_PATH: Record<TransitionName, string> = {
  submit: 'submit',
  return: 'return',
  verify: 'verify',
  publish: 'publish',
  keep_internal: 'keep-internal',
  withdraw: 'withdraw',
};

/** Transitions that need a written reason. */
export const NEEDS_REASON: ReadonlySet<TransitionName> = new Set<TransitionName>(['return', 'keep_internal', 'withdraw']);

export function normaliseTransition(name: string): TransitionName | null {
  const n = name.replace(/-/g, '_');
  return (TRANSITIONS as readonly string[]).includes(n) ? (n as TransitionName) : null;
}

export interface WorkflowInfo {
  state: WorkflowState;
  stateLabel: string;
  available: string[];
  changedAt: string | null;
}

export interface ReturnDetail {
  field?: string | null;
  documentId?: string | null;
  message: string;
}

export interface TimelineEvent {
  id: number | string;
  action: string;
  fromState: WorkflowState | null;
  toState: WorkflowState;
  actorName: string | null;
  reason: string | null;
  details: ReturnDetail[] | null;
  occurredAt: string;
}

export interface Comment {
  id: string;
  authorName: string;
  body: string;
  createdAt: string;
}

export interface QueueChecklist {
  signedCopy: boolean;
  signedCopyReadable: boolean;
  bothNumbers: boolean;
  datesConsistent: boolean;
  publicCopy: boolean;
}

export const CHECKLIST_KEYS = ['signedCopy', 'signedCopyReadable', 'bothNumbers', 'datesConsistent', 'publicCopy'] as const;

export const COMPLIANCE_TYPES = ['no_signed_copy', 'waiting_too_long', 'ending_no_decision', 'no_report_this_year'] as const;
export type ComplianceType = (typeof COMPLIANCE_TYPES)[number];

export interface ComplianceLine {
  type: ComplianceType;
  unit: { id: string; name: string };
  agreement: { id: string; title: string } | null;
  /** Lines are per agreement today; a count is accepted for lines that stand for several. */
  count?: number;
  ageDays?: number | null;
  endDate?: string | null;
}

export interface AppNotification {
  id: string;
  event: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  notifications: AppNotification[];
  unread: number;
  total: number;
}

export type Channel = 'email' | 'digest' | 'none';
export const CHANNELS: readonly Channel[] = ['email', 'digest', 'none'];

export interface Preference {
  event: string;
  label: string;
  channel: Channel;
}

/** Age in days after which a waiting submission is highlighted. */
export const LATE_AFTER_DAYS = 14;

/** A notification link is an /app/… path; the router wants the path inside the app. Anything else is refused. */
export function appPath(link: string | null | undefined): string | null {
  if (!link) return null;
  let path = link;
  try {
    const url = new URL(link, window.location.origin);
    if (url.origin !== window.location.origin) return null;
    path = url.pathname + url.search + url.hash;
  } catch {
    return null;
  }
  if (path === '/app') return '/';
  if (path.startsWith('/app/')) return path.slice(4);
  return path.startsWith('/') && !path.startsWith('//') ? path : null;
}

/** The reasons of the latest return, when the agreement is (still) returned. */
export function latestReturn(events: readonly TimelineEvent[] | undefined, state: WorkflowState | undefined): TimelineEvent | null {
  if (!events || state !== 'dikembalikan') return null;
  return sortTimeline(events).filter((e) => e.toState === 'dikembalikan').at(-1) ?? null;
}

/** Oldest first (by time, then by id for events in the same instant). */
export function sortTimeline(events: readonly TimelineEvent[]): TimelineEvent[] {
  return [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || Number(a.id) - Number(b.id));
}

/**
 * The agreement's fields a verifier can point at when returning it, by their API names (the same names the
 * form reports server errors under), with their labels.
 */
export const NOTE_FIELDS: readonly (readonly [string, MessageKey])[] = [
  ['kindCode', 'agreement.kind'],
  ['title', 'agreement.title'],
  ['numberFirst', 'agreement.numberFirst'],
  ['numberSecond', 'agreement.numberSecond'],
  ['unitId', 'form.unit'],
  ['partnerIds', 'agreement.partners'],
  ['signatories', 'form.signatories'],
  ['signingPlace', 'agreement.signingPlace'],
  ['signingDate', 'agreement.signingDate'],
  ['startDate', 'agreement.startDate'],
  ['endDate', 'agreement.endDate'],
  ['scopeCodes', 'agreement.scopes'],
  ['scopeOther', 'agreement.scopeOther'],
  ['purpose', 'agreement.purpose'],
  ['background', 'agreement.background'],
  ['financing', 'agreement.financing'],
  ['confidentialityReason', 'agreement.confidentialityReason'],
];

export function noteFieldLabel(field: string): MessageKey | null {
  return NOTE_FIELDS.find(([name]) => name === field)?.[1] ?? null;
}

/** Stages in which the owning unit's operator may still change the record. */
export const EDITABLE_BY_OPERATOR: readonly WorkflowState[] = ['draft', 'dikembalikan'];
