import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

const STORAGE_KEY = 'grid.language';

// Both files must hold the same keys: a key missing from either side is a compile error here.
type Messages = typeof zhCN;
type English = typeof import('./en.json');
const chinese: English = zhCN;

/**
 * Chinese, the default and the fallback, is in the app's entry; every other language is a chunk of its own, fetched
 * when it is chosen (the service worker precaches it for offline starts), so that nobody downloads a language they
 * do not read.
 */
const LOADERS: Record<Exclude<Language, 'zh-CN'>, () => Promise<Messages>> = {
  en: () => import('./en.json').then((module): Messages => module.default),
};

const isLoaded = (language: Language) => language === 'zh-CN' || i18next.hasResourceBundle(language, 'translation');

async function ensureLoaded(language: Language): Promise<void> {
  if (language === 'zh-CN' || isLoaded(language)) return;
  i18next.addResourceBundle(language, 'translation', await LOADERS[language]());
}

/**
 * The other languages, fetched as soon as the app has started (after the entry, off the first paint's path; the
 * service worker precaches them anyway), so that the switch answers at once.
 */
function prefetchOtherLanguages(): void {
  setTimeout(() => LANGUAGES.forEach((language) => void ensureLoaded(language).catch(() => undefined)));
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function reflectInDocument(language: Language): void {
  document.documentElement.lang = language;
  document.title = i18next.t('app.documentTitle');
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or full storage: the switch still works for this visit.
  }
  if (isLoaded(language)) void i18next.changeLanguage(language);
  else void ensureLoaded(language).then(() => i18next.changeLanguage(language));
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : DEFAULT_LANGUAGE;
}

/** Ready when the stored language's strings are: render after it, so that the first paint is in that language. */
export async function initI18n(): Promise<typeof i18next> {
  const language = storedLanguage();
  void i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: chinese } },
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes already.
    returnNull: false,
    initAsync: false, // resources are bundled: be ready before the first render
  });
  i18next.on('languageChanged', (lng) => reflectInDocument(isLanguage(lng) ? lng : DEFAULT_LANGUAGE));
  if (language !== DEFAULT_LANGUAGE) {
    // A chunk that cannot be fetched (offline before the service worker had it) leaves the app in Chinese.
    await ensureLoaded(language).then(
      () => i18next.changeLanguage(language),
      () => undefined,
    );
  }
  reflectInDocument(currentLanguage());
  prefetchOtherLanguages();
  return i18next;
}
