import { api } from '../api.js';
import { LOCALES, useI18n } from '../i18n.js';
import { useSession } from '../session.js';
import type { Locale, Me } from '../types.js';

/** ID / EN toggle. Remembered in localStorage; when signed in also saved to the account (PATCH /me). */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const { user, updateUser } = useSession();

  function choose(next: Locale) {
    if (next === locale) return;
    setLocale(next);
    if (user) {
      api.patch<{ user: Me }>('/me', { locale: next }).then(
        (res) => updateUser(res.user),
        () => {
          /* the choice still applies in this browser */
        },
      );
    }
  }

  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="lang-button"
          aria-pressed={l === locale}
          aria-label={t(l === 'id' ? 'lang.id' : 'lang.en')}
          onClick={() => choose(l)}
        >
          {l.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
