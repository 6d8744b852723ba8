/**
 * Task pane entry (bundled into taskpane.html): waits for Office, then renders the pane with the
 * Office.js host when the host is Excel, or a "open it in Excel" message (data-testid `not-in-excel`)
 * when Office.js is missing or the host is something else. The host's Excel code loads on demand
 * (office-host.ts, chunk "excel").
 */
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { NotInExcel } from './components/NotInExcel';
import { lazyOfficeHost } from './office-host';

function container(): HTMLElement {
  const existing = document.getElementById('root');
  if (existing) return existing;
  const div = document.createElement('div');
  div.id = 'root';
  document.body.appendChild(div);
  return div;
}

/** Renders the pane once Office is ready (or at once when Office.js is not there). */
export function boot(): void {
  const root = createRoot(container());
  const office = typeof Office === 'undefined' ? undefined : Office;
  if (!office || typeof office.onReady !== 'function') {
    root.render(<NotInExcel />);
    return;
  }
  office
    .onReady()
    .then((info) => {
      const isExcel = String(info?.host ?? '') === 'Excel' && typeof Excel !== 'undefined' && typeof Excel.run === 'function';
      root.render(isExcel ? <App host={lazyOfficeHost()} /> : <NotInExcel language={office.context?.displayLanguage} />);
    })
    .catch(() => root.render(<NotInExcel />));
}

boot();
