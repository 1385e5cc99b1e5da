import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useTitle } from '../hooks.js';

/** The page's h1; it takes focus when the page opens so screen readers announce the new page. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useTitle(title);
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement?.closest('nav')) ref.current?.focus();
  }, []);
  return (
    <div className="page-header">
      <h1 ref={ref} tabIndex={-1}>
        {title}
      </h1>
      {children && <div className="page-actions">{children}</div>}
    </div>
  );
}
