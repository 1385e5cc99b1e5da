/**
 * The organisation tree (disclosure pattern): each parent has a `<button aria-expanded>`; the unit names are
 * buttons that select the unit. Keyboard: Tab as usual, plus ↑/↓ between units, → open / first child,
 * ← close / parent, Home/End.
 */
import { useEffect, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useI18n } from '../i18n.js';
import type { Unit } from '../types.js';
import { ancestorIds, buildTree, matchesFilter, normalise } from '../units.js';
import type { TreeNode } from '../units.js';
import { Badge } from './Feedback.js';

interface Props {
  units: readonly Unit[];
  filter: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function UnitTree({ units, filter, selectedId, onSelect }: Props) {
  const { t, kindLabel, number } = useI18n();
  const roots = useMemo(() => buildTree(units), [units]);
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const needle = normalise(filter);

  // Roots start open, so the first level is visible.
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(roots.map((r) => r.unit.id)));

  // Which nodes match, and which have a match beneath them.
  const { matches, hasMatchBelow } = useMemo(() => {
    const matches = new Set<string>();
    const below = new Set<string>();
    if (!needle) return { matches, hasMatchBelow: below };
    const visit = (n: TreeNode): boolean => {
      let any = false;
      for (const c of n.children) if (visit(c)) any = true;
      if (any) below.add(n.unit.id);
      const self = matchesFilter(n.unit, needle);
      if (self) matches.add(n.unit.id);
      return self || any;
    };
    roots.forEach(visit);
    return { matches, hasMatchBelow: below };
  }, [roots, needle]);

  // Typing a filter opens the way to every match (the user can still close nodes afterwards).
  useEffect(() => {
    if (hasMatchBelow.size === 0) return;
    setExpanded((prev) => new Set([...prev, ...hasMatchBelow]));
  }, [hasMatchBelow]);

  // A unit selected from elsewhere (deep link, breadcrumb) is revealed.
  useEffect(() => {
    if (!selectedId) return;
    const up = ancestorIds(byId, selectedId);
    if (up.length) setExpanded((prev) => (up.every((id) => prev.has(id)) ? prev : new Set([...prev, ...up])));
  }, [selectedId, byId]);

  useEffect(() => {
    setExpanded((prev) => (prev.size ? prev : new Set(roots.map((r) => r.unit.id))));
  }, [roots]);

  function toggle(id: string, open?: boolean) {
    setExpanded((prev) => {
      const next = new Set(prev);
      const want = open ?? !next.has(id);
      if (want) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const target = e.target as HTMLElement;
    if (!target.classList.contains('tree-label')) return;
    const items = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button.tree-label'));
    const i = items.indexOf(target as HTMLButtonElement);
    const li = target.closest<HTMLElement>('li[data-unit-id]');
    const id = li?.dataset.unitId;
    if (i < 0 || !li || !id) return;
    const focus = (el: HTMLElement | null | undefined) => {
      if (!el) return;
      e.preventDefault();
      el.focus();
    };
    switch (e.key) {
      case 'ArrowDown':
        return focus(items[i + 1]);
      case 'ArrowUp':
        return focus(items[i - 1]);
      case 'Home':
        return focus(items[0]);
      case 'End':
        return focus(items[items.length - 1]);
      case 'ArrowRight': {
        if (!li.dataset.hasChildren) return;
        e.preventDefault();
        if (!expanded.has(id)) toggle(id, true);
        else focus(li.querySelector<HTMLElement>(':scope > ul button.tree-label'));
        return;
      }
      case 'ArrowLeft': {
        e.preventDefault();
        if (li.dataset.hasChildren && expanded.has(id)) toggle(id, false);
        else focus(li.parentElement?.closest<HTMLElement>('li[data-unit-id]')?.querySelector<HTMLElement>('button.tree-label'));
        return;
      }
    }
  }

  function renderNode(n: TreeNode, ancestorMatched: boolean) {
    const { unit } = n;
    const selfMatch = matches.has(unit.id);
    if (needle && !ancestorMatched && !selfMatch && !hasMatchBelow.has(unit.id)) return null;
    const hasChildren = n.children.length > 0;
    const open = expanded.has(unit.id);
    const selected = unit.id === selectedId;
    return (
      <li
        key={unit.id}
        data-testid={`unit-node-${unit.code}`}
        data-unit-id={unit.id}
        data-has-children={hasChildren ? 'true' : undefined}
      >
        <div className={`tree-row${selected ? ' selected' : ''}${unit.active ? '' : ' inactive'}${selfMatch ? ' match' : ''}`}>
          {hasChildren ? (
            <button
              type="button"
              className="tree-toggle"
              aria-expanded={open}
              aria-label={t(open ? 'units.collapse' : 'units.expand', { name: unit.name })}
              onClick={() => toggle(unit.id)}
            >
              <span className="chevron" aria-hidden="true" />
            </button>
          ) : (
            <span className="tree-spacer" aria-hidden="true" />
          )}
          <button
            type="button"
            className="tree-label"
            aria-current={selected ? 'true' : undefined}
            onClick={() => onSelect(unit.id)}
          >
            <span className="tree-name">{unit.name}</span>
            <span className="tree-meta">
              <span className="tree-code">{unit.code}</span>
              <span className="tree-kind">{kindLabel(unit.kind)}</span>
              {!unit.active && <Badge tone="muted">{t('units.inactive')}</Badge>}
              {hasChildren && <span className="tree-count">{t('units.childCount', { n: number(n.children.length) })}</span>}
            </span>
          </button>
        </div>
        {hasChildren && open && <ul>{n.children.map((c) => renderNode(c, ancestorMatched || selfMatch))}</ul>}
      </li>
    );
  }

  return (
    <div className="tree" data-testid="unit-tree" onKeyDown={onKeyDown}>
      <p className="sr-only" aria-live="polite">
        {needle ? t('units.matchCount', { n: number(matches.size) }) : ''}
      </p>
      {needle && matches.size === 0 ? (
        <p className="empty">{t('units.noMatch')}</p>
      ) : (
        <ul>{roots.map((r) => renderNode(r, false))}</ul>
      )}
    </div>
  );
}
