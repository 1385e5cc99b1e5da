import type { Executor } from '../db/database.js';

export function listTemplates(db: Executor) {
  return db
    .selectFrom('supervision_templates as t')
    .select((eb) => [
      't.id', 't.key', 't.version', 't.name', 't.created_at',
      eb.selectFrom('supervision_questions as q').select((e) => e.fn.countAll<number>().as('n')).whereRef('q.template_id', '=', 't.id').as('question_count'),
      eb.selectFrom('supervision_templates as n').select((e) => e.fn.max<number>('n.version').as('v')).whereRef('n.key', '=', 't.key').as('latest'),
    ])
    .orderBy('t.key')
    .orderBy('t.version', 'desc')
    .execute();
}

export function getTemplate(db: Executor, id: string) {
  return db
    .selectFrom('supervision_templates as t')
    .leftJoin('users as u', 'u.id', 't.created_by')
    .select(['t.id', 't.key', 't.version', 't.name', 't.description', 't.created_at', 't.created_by', 'u.display_name as created_by_name'])
    .select((eb) => eb.selectFrom('supervision_templates as n').select((e) => e.fn.max<number>('n.version').as('v')).whereRef('n.key', '=', 't.key').as('latest'))
    .where('t.id', '=', id)
    .executeTakeFirst();
}
export type TemplateRow = NonNullable<Awaited<ReturnType<typeof getTemplate>>>;

export function questionsOf(db: Executor, templateId: string) {
  return db.selectFrom('supervision_questions').selectAll().where('template_id', '=', templateId).orderBy('position').execute();
}
export type QuestionRow = Awaited<ReturnType<typeof questionsOf>>[number];

export async function currentTemplateId(db: Executor, key = 'default'): Promise<string | undefined> {
  const row = await db.selectFrom('supervision_templates').select('id').where('key', '=', key).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row?.id;
}

export async function maxVersion(db: Executor, key: string): Promise<number> {
  const row = await db.selectFrom('supervision_templates').select((e) => e.fn.max<number>('version').as('v')).where('key', '=', key).executeTakeFirst();
  return row?.v ?? 0;
}

export async function insertTemplate(
  db: Executor,
  t: { key: string; version: number; name: string; description: string | null; created_by: string; created_at: Date },
  questions: { code: string; label: string; help: string | null; type: QuestionRow['type']; target: QuestionRow['target']; required: boolean; options: string[] }[],
): Promise<string> {
  const { id } = await db.insertInto('supervision_templates').values(t).returning('id').executeTakeFirstOrThrow();
  await db
    .insertInto('supervision_questions')
    .values(questions.map((q, i) => ({ template_id: id, position: i + 1, code: q.code, label: q.label, help: q.help, type: q.type, target: q.target, required: q.required, options: JSON.stringify(q.options) })))
    .execute();
  return id;
}
