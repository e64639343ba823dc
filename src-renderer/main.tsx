/** Entry point: one ApiClient for the window, the app, and the stylesheets (KaTeX's fonts are bundled: offline). */
import 'katex/dist/katex.min.css';
import './styles/base.css';
import './styles/practice.css';
import './styles/progress.css';
import './styles/worksheets.css';
import './styles/library.css';
import './styles/authoring.css';
import './styles/settings.css';
import './styles/tutor.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext } from './api/api-context.js';
import { createApiClient } from './api/client.js';
import { App } from './app/App.js';

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ApiContext value={createApiClient()}>
      <App />
    </ApiContext>
  </StrictMode>,
);
