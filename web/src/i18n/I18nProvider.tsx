// The i18n layer: the current locale, the translate function, and antd/dayjs switched with it.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ConfigProvider } from 'antd';
import type { Locale as AntdLocale } from 'antd/es/locale/index.js';
import antdZhCN from 'antd/es/locale/zh_CN.js';
import antdEnUS from 'antd/es/locale/en_US.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { zhCN, type MessageKey } from './zh-CN.ts';
import { en } from './en.ts';
import { loadLocale, saveLocale, type Locale } from './locale-store.ts';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  locale: Locale;
  t: Translate;
  setLocale: (locale: Locale, userId?: string) => void;
  /** re-reads the stored choice, e.g. after a user signs in */
  restore: (userId?: string) => void;
}

// antd's locale files are CommonJS to TypeScript but ES modules to Vite: accept either shape
const interopDefault = (m: { default: AntdLocale } | AntdLocale): AntdLocale => ('default' in m ? m.default : m);
const antdLocales: Record<Locale, AntdLocale> = { 'zh-CN': interopDefault(antdZhCN), en: interopDefault(antdEnUS) };

const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const I18nContext = createContext<I18n | null>(null);

function applyLibraries(locale: Locale) {
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
}

export function translate(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = dictionaries[locale][key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const initial = loadLocale();
    applyLibraries(initial);
    return initial;
  });
  const setLocale = useCallback((next: Locale, userId?: string) => {
    saveLocale(next, userId);
    applyLibraries(next);
    setLocaleState(next);
  }, []);
  const restore = useCallback((userId?: string) => {
    const stored = loadLocale(userId);
    applyLibraries(stored);
    setLocaleState(stored);
  }, []);
  const value = useMemo<I18n>(() => ({ locale, setLocale, restore, t: (key, vars) => translate(locale, key, vars) }), [locale, setLocale, restore]);
  return (
    <I18nContext.Provider value={value}>
      <ConfigProvider locale={antdLocales[locale]} theme={{ token: { colorPrimary: '#1664d9', borderRadius: 6 } }}>
        {children}
      </ConfigProvider>
    </I18nContext.Provider>
  );
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n needs <I18nProvider>');
  return ctx;
}
