// Renderer entry: picks the transport, then renders the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider, createApi } from './api/context';
import { App } from './app/App';
import { ToastProvider } from './components/toast';
import './styles/theme.css';
import './styles/app.css';

const api = createApi();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApiProvider api={api}>
      <ToastProvider>
        <App />
      </ToastProvider>
    </ApiProvider>
  </StrictMode>,
);
