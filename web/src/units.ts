/** Pure helpers for the organisation tree (built from the flat GET /units list by parentId). */
import type { Unit } from './types.js';

export interface TreeNode {
  unit: Unit;
  children: TreeNode[];
  depth: number;
}

const collator = new Intl.Collator('id', { numeric: true, sensitivity: 'base' });

function byName(a: TreeNode, b: TreeNode): number {
  return collator.compare(a.unit.name, b.unit.name);
}

/** Roots are units whose parent is not in the list (the caller's own subtree root(s)). */
export function buildTree(units: readonly Unit[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const u of units) nodes.set(u.id, { unit: u, children: [], depth: 0 });
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const visit = (list: TreeNode[], depth: number, seen: Set<string>) => {
    list.sort(byName);
    for (const n of list) {
      if (seen.has(n.unit.id)) continue; // defensive against cycles in bad data
      seen.add(n.unit.id);
      n.depth = depth;
      visit(n.children, depth + 1, seen);
    }
  };
  visit(roots, 0, new Set());
  return roots;
}

/** Depth-first list, for <select> options indented by depth. */
export function flatten(roots: readonly TreeNode[]): TreeNode[] {
  const out: TreeNode[] = [];
  const walk = (list: readonly TreeNode[]) => {
    for (const n of list) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(roots);
  return out;
}

/** Ids of a unit's ancestors that are in the list (nearest first). */
export function ancestorIds(byId: ReadonlyMap<string, Unit>, id: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>([id]);
  let cur = byId.get(id)?.parentId ?? null;
  while (cur && !seen.has(cur) && byId.has(cur)) {
    out.push(cur);
    seen.add(cur);
    cur = byId.get(cur)?.parentId ?? null;
  }
  return out;
}

/** The unit and everything beneath it (a unit cannot be moved under these). */
export function subtreeIds(roots: readonly TreeNode[], id: string): Set<string> {
  const out = new Set<string>();
  const find = (list: readonly TreeNode[]): TreeNode | undefined => {
    for (const n of list) {
      if (n.unit.id === id) return n;
      const hit = find(n.children);
      if (hit) return hit;
    }
    return undefined;
  };
  const start = find(roots);
  const walk = (n: TreeNode) => {
    out.add(n.unit.id);
    n.children.forEach(walk);
  };
  if (start) walk(start);
  return out;
}

/** Case- and accent-insensitive text for filtering. */
export function normalise(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

export function matchesFilter(u: Unit, needle: string): boolean {
  if (!needle) return true;
  return normalise(u.name).includes(needle) || normalise(u.code).includes(needle);
}

/** Option label for unit selects: indentation by depth, then "name (code)". */
export function optionLabel(n: TreeNode): string {
  return `${'\u00a0\u00a0'.repeat(n.depth)}${n.unit.name} (${n.unit.code})`;
}

export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
