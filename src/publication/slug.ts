/** A readable, stable address part from a title (short: "{uuid}-{slug}" must stay within the router's 100-character parameter limit): "Perjanjian Kerja Sama tentang Café" → "perjanjian-kerja-sama-tentang-cafe". */
export function slugify(title: string, max = 56): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = s.length > max ? s.slice(0, max).replace(/-[^-]*$/, '') : s;
  return cut || 'naskah';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "{uuid}-{slug}" → its parts; null when it does not start with an id. */
export function splitIdSlug(param: string): { id: string; slug: string } | null {
  const id = param.slice(0, 36);
  if (!UUID.test(id)) return null;
  if (param.length > 36 && param[36] !== '-') return null;
  return { id: id.toLowerCase(), slug: param.slice(37) };
}

export const agreementPath = (a: { id: string; title: string }) => `/kerja-sama/${a.id}-${slugify(a.title)}`;
export const unitPath = (u: { id: string; name: string }) => `/unit/${u.id}-${slugify(u.name)}`;
export const partnerPath = (p: { id: string; name: string }) => `/mitra/${p.id}-${slugify(p.name)}`;
export const copyPath = (agreementId: string) => `/kerja-sama/${agreementId}/salinan-publik`;
