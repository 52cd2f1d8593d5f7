// Remembers each user's chosen language in localStorage (zh-CN unless they picked English).
export type Locale = 'zh-CN' | 'en';
export const locales: Locale[] = ['zh-CN', 'en'];

const key = (userId: string | undefined) => `sightline.locale.${userId ?? 'anonymous'}`;

export function loadLocale(userId?: string): Locale {
  const stored = localStorage.getItem(key(userId)) ?? localStorage.getItem(key(undefined));
  return stored === 'en' ? 'en' : 'zh-CN';
}

export function saveLocale(locale: Locale, userId?: string): void {
  localStorage.setItem(key(userId), locale);
  localStorage.setItem(key(undefined), locale);
}
