import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { ErrorBoundary } from './components/ErrorBoundary.js';
import { I18nProvider } from './i18n.js';
import { SessionProvider } from './session.js';
import './styles/base.css';
import './styles/controls.css';
import './styles/tables.css';
import './styles/shell.css';
import './styles/units.css';
import './styles/login.css';
import './styles/registry.css';
import './styles/forms.css';
import './styles/detail.css';
import './styles/charts.css';
import './styles/workflow.css';
import './styles/notifications.css';
import './styles/supervision.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <ErrorBoundary>
        <SessionProvider>
          <App />
        </SessionProvider>
      </ErrorBoundary>
    </I18nProvider>
  </StrictMode>,
);
