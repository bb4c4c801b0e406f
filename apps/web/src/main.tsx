import { StrictMode } from 'react';
import * as ReactDOM from 'react-dom/client';
import App from './app/app';
import { initI18n } from './i18n';
import { applyStoredContrast } from './ui/contrast';

applyStoredContrast();

// In Chinese at once; in another stored language once its strings have arrived (one small chunk).
void initI18n().then(() => {
  const root = ReactDOM.createRoot(document.getElementById('root') as HTMLElement);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
