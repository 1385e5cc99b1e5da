import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { I18nContext } from '../i18n.js';
import type { I18n } from '../i18n.js';

interface State {
  error: Error | null;
}

/** Catches render errors anywhere below and shows a friendly message instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, State> {
  static override contextType = I18nContext;
  declare context: I18n;
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('P2MA: unexpected error', error, info.componentStack);
  }

  override componentDidUpdate(prev: { resetKey?: string }): void {
    // Navigating elsewhere gives the new page a fresh start.
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    const { t } = this.context;
    return (
      <div className="crash" role="alert">
        <h1>{t('crash.title')}</h1>
        <p>{t('crash.body')}</p>
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          {t('crash.reload')}
        </button>
      </div>
    );
  }
}
