// Renderer. Toasts: the one place errors and confirmations surface. Text only (never HTML).
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export interface ToastInput {
  kind?: 'info' | 'error' | 'success';
  text: string;
  /** ms before it hides; errors stay until dismissed */
  timeout?: number;
}
interface Toast extends ToastInput {
  id: number;
}

const ToastContext = createContext<{ show: (t: ToastInput) => void } | null>(null);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (t: ToastInput) => {
      const id = Date.now() + Math.random();
      setToasts((ts) => [...ts.slice(-4), { ...t, id }]);
      const timeout = t.timeout ?? (t.kind === 'error' ? 0 : 4000);
      if (timeout > 0) setTimeout(() => dismiss(id), timeout);
    },
    [dismiss],
  );
  const value = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} className={`toast panel ${t.kind ?? 'info'}`} data-testid="toast">
            <span className="spacer">{t.text}</span>
            <button className="ghost" aria-label="Dismiss" onClick={() => dismiss(t.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): { show: (t: ToastInput) => void } {
  const ctx = useContext(ToastContext);
  if (!ctx) throw new Error('useToast outside ToastProvider');
  return ctx;
}
