// 管理: users and roles, teams, custom fields, API tokens, CSV import, visit rules, pool rules and stage gates, one tab each.
import { lazy, Suspense } from 'react';
import { Card, Skeleton, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useSession } from '../../app/session.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { UsersTab } from './UsersTab.tsx';
import { TeamsTab } from './TeamsTab.tsx';
import { TokensTab } from './TokensTab.tsx';
import { ImportTab } from './ImportTab.tsx';
import { CustomFieldsTab } from './CustomFieldsTab.tsx';
import { VisitSettingsTab } from './VisitSettingsTab.tsx';
import { PoolSettingsTab } from './PoolSettingsTab.tsx';
import { EvidenceSettingsTab } from './EvidenceSettingsTab.tsx';
import { WinModelTab } from './WinModelTab.tsx';

const StageGatesTab = lazy(() => import('./gates/StageGatesTab.tsx'));
const WarningSettingsTab = lazy(() => import('../deal-warnings/WarningSettingsTab.tsx'));

export default function AdminPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  if (!can('users', 'create')) return <Card><EmptyHint text={t('admin.adminsOnly')} /></Card>;
  return (
    <Card>
      <Tabs
        activeKey={params.get('tab') ?? 'users'}
        onChange={(tab) => setParams({ tab })}
        items={[
          { key: 'users', label: t('admin.users'), children: <UsersTab /> },
          { key: 'teams', label: t('admin.teams'), children: <TeamsTab /> },
          { key: 'custom-fields', label: t('admin.customFields'), children: <CustomFieldsTab /> },
          { key: 'tokens', label: t('admin.tokens'), children: <TokensTab /> },
          { key: 'import', label: t('admin.import'), children: <ImportTab /> },
          { key: 'visit-rules', label: t('admin.visitRules'), children: <VisitSettingsTab /> },
          { key: 'pool-rules', label: t('admin.poolRules'), children: <PoolSettingsTab /> },
          { key: 'forecast-credibility', label: t('evidence.adminTab'), children: <EvidenceSettingsTab /> },
          { key: 'win-model', label: t('winModel.admin.tab'), children: <WinModelTab /> },
          { key: 'stage-gates', label: t('admin.stageGates'), children: <Suspense fallback={<Skeleton active />}><StageGatesTab /></Suspense> },
          { key: 'deal-warnings', label: t('admin.dealWarnings'), children: <Suspense fallback={<Skeleton active />}><WarningSettingsTab /></Suspense> },
        ]}
      />
    </Card>
  );
}
