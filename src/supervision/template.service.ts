import type { z } from 'zod';
import { authorize, type Actor } from '../access/access.js';
import { recordAudit } from '../audit/audit.js';
import type { AppDeps } from '../http/context.js';
import { AppError, type FieldProblem } from '../http/errors.js';
import type { newTemplateInput, QuestionDto, templateInput } from './supervision.schemas.js';
import * as repo from './template.repository.js';
import { pick } from './answer-values.js';

type Src = { actor: Actor; ip: string | null };
type TemplateInput = z.infer<typeof templateInput>;

export function presentQuestion(q: repo.QuestionRow): QuestionDto {
  return { id: q.id, code: q.code, label: q.label, help: q.help, type: q.type, target: q.target, required: q.required, options: q.options ?? [], position: q.position };
}

export async function presentTemplate(db: AppDeps['database']['db'], row: repo.TemplateRow) {
  const questions = await repo.questionsOf(db, row.id);
  return {
    id: row.id,
    key: row.key,
    version: row.version,
    name: row.name,
    description: row.description,
    current: row.version === row.latest,
    questionCount: questions.length,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
    questions: questions.map(presentQuestion),
  };
}

export async function list(deps: AppDeps, actor: Actor) {
  authorize(actor, 'supervision.read');
  const rows = await repo.listTemplates(deps.database.db);
  return rows.map((r) => ({ id: r.id, key: r.key, version: r.version, name: r.name, current: r.version === r.latest, questionCount: Number(r.question_count ?? 0), createdAt: r.created_at.toISOString() }));
}

export async function get(deps: AppDeps, actor: Actor, id: string) {
  authorize(actor, 'supervision.read');
  const row = await repo.getTemplate(deps.database.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  return presentTemplate(deps.database.db, row);
}

/** Scale questions need their four labels and choice questions their options, or the form cannot offer them. */
function checkQuestions(input: TemplateInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  input.questions.forEach((q, i) => {
    if (seen.has(q.code)) problems.push({ path: `questions.${i}.code`, message: `Kode ${q.code} dipakai dua kali. || Code ${q.code} is used twice.` });
    seen.add(q.code);
    if (q.type === 'scale' && q.options.length !== 4) problems.push({ path: `questions.${i}.options`, message: 'Skala 1–4 memerlukan tepat empat label. || A 1–4 scale needs exactly four labels.' });
    if (q.type === 'choice' && q.options.length < 2) problems.push({ path: `questions.${i}.options`, message: 'Pilihan memerlukan sedikitnya dua opsi. || A choice needs at least two options.' });
  });
  return problems;
}

async function insertVersion(deps: AppDeps, src: Src, key: string, input: TemplateInput) {
  const problems = checkQuestions(input);
  if (problems.length) throw new AppError('VALIDATION_FAILED', {}, problems.map((p) => ({ ...p, message: pick(p.message, src.actor.locale) })));
  const now = deps.now();
  try {
    return await deps.database.db.transaction().execute(async (tx) => {
      const version = (await repo.maxVersion(tx, key)) + 1;
      const id = await repo.insertTemplate(
        tx,
        { key, version, name: input.name, description: input.description ?? null, created_by: src.actor.userId, created_at: now },
        input.questions.map((q) => ({ code: q.code, label: q.label, help: q.help ?? null, type: q.type, target: q.target, required: q.required, options: q.type === 'scale' || q.type === 'choice' ? q.options : [] })),
      );
      await recordAudit(tx, src, { action: 'template.create', entityType: 'template', entityId: id, unitId: null, changes: { key: { from: null, to: key }, version: { from: version > 1 ? version - 1 : null, to: version }, questions: { from: null, to: input.questions.length } } }, now);
      return id;
    });
  } catch (err) {
    // Two admins saving a new version at the same moment: the unique (key, version) lets one win.
    if (String((err as { code?: string }).code) === '23505') throw new AppError('CONFLICT');
    throw err;
  }
}

export async function create(deps: AppDeps, src: Src, input: z.infer<typeof newTemplateInput>) {
  authorize(src.actor, 'template.manage');
  if ((await repo.maxVersion(deps.database.db, input.key)) > 0) throw new AppError('VALIDATION_FAILED', {}, [{ path: 'key', message: pick('Kunci templat sudah dipakai; buat versi baru dari templat itu. || The template key is taken; make a new version of that template.', src.actor.locale) }]);
  return insertVersion(deps, src, input.key, input);
}

/** Editing a template never changes it: it saves the next version, and visits keep the version they were made with. */
export async function newVersion(deps: AppDeps, src: Src, id: string, input: TemplateInput) {
  authorize(src.actor, 'template.manage');
  const base = await repo.getTemplate(deps.database.db, id);
  if (!base) throw new AppError('NOT_FOUND');
  return insertVersion(deps, src, base.key, input);
}
