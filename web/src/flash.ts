/** A one-shot message carried across a navigation ("Naskah disimpan." after the form sends you to the detail). */
import { useEffect, useState } from 'react';

let pending: string | null = null;

export function setFlash(message: string): void {
  pending = message;
}

/** The message left for this page (read once, then forgotten) and a way to show a new one. */
export function useFlash(): [string | null, (message: string | null) => void] {
  const [message, setMessage] = useState<string | null>(() => pending);
  useEffect(() => {
    pending = null;
  }, []);
  return [message, setMessage];
}
