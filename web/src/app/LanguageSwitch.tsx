// The 中文 / English switch; the choice is remembered per user.
import { Segmented } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { Locale } from '../i18n/locale-store.ts';
import { useSession } from './session.tsx';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  const { me } = useSession();
  return (
    <Segmented<Locale>
      size="small"
      aria-label={t('shell.language')}
      value={locale}
      onChange={(value) => setLocale(value, me?.user.id)}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' },
      ]}
    />
  );
}
