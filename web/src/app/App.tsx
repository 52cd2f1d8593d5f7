// Providers (data cache, i18n, antd, session) and the routes; every page but the shell loads lazily.
import { lazy, Suspense } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, Skeleton } from 'antd';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { I18nProvider } from '../i18n/I18nProvider.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { Shell } from './Shell.tsx';
import { ApiError } from '../api/client.ts';
import { prefetchBoard } from '../pages/pipeline/board-query.ts';

const LoginPage = lazy(() => import('../pages/auth/LoginPage.tsx'));
const WorkbenchPage = lazy(() => import('../pages/workbench/WorkbenchPage.tsx'));
const AccountsPage = lazy(() => import('../pages/accounts/AccountsPage.tsx'));
const Account360Page = lazy(() => import('../pages/accounts/Account360Page.tsx'));
// the board's data is asked for while its code loads
const PipelinePage = lazy(() => (prefetchBoard(queryClient), import('../pages/pipeline/PipelinePage.tsx')));
const OpportunityPage = lazy(() => import('../pages/opportunities/OpportunityPage.tsx'));
const QuickLogPage = lazy(() => import('../pages/quicklog/QuickLogPage.tsx'));
const AdminPage = lazy(() => import('../pages/admin/AdminPage.tsx'));
const VisitsPage = lazy(() => import('../pages/visits/VisitsPage.tsx'));
const CompletenessPage = lazy(() => import('../pages/process/CompletenessPage.tsx'));
const CustomerPoolPage = lazy(() => import('../pages/pool/CustomerPoolPage.tsx'));
const DecayBoardPage = lazy(() => import('../pages/forecast-decay/DecayBoardPage.tsx'));
const ForecastPage = lazy(() => import('../pages/forecast/ForecastPage.tsx'));
const PipelineChangesPage = lazy(() => import('../pages/pipeline-changes/PipelineChangesPage.tsx'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // a refusal (4xx) will not change by asking again
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

const pageFallback = <Skeleton active paragraph={{ rows: 8 }} style={{ padding: 24 }} />;

function SignedInRoutes() {
  const { me, loading } = useSession();
  const location = useLocation();
  if (loading) return pageFallback;
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return (
    <Shell>
      <Suspense fallback={pageFallback}>
        <Routes>
          <Route index element={<WorkbenchPage />} />
          <Route path="accounts" element={<AccountsPage />} />
          <Route path="accounts/:id" element={<Account360Page />} />
          <Route path="pipeline" element={<PipelinePage />} />
          <Route path="pipeline/changes" element={<PipelineChangesPage />} />
          <Route path="opportunities/:id" element={<OpportunityPage />} />
          <Route path="quick-log" element={<QuickLogPage />} />
          <Route path="admin" element={<AdminPage />} />
          <Route path="visits" element={<VisitsPage />} />
          <Route path="process" element={<CompletenessPage />} />
          <Route path="pool" element={<CustomerPoolPage />} />
          <Route path="forecast/decay" element={<DecayBoardPage />} />
          <Route path="forecast" element={<ForecastPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </Shell>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AntApp>
          <SessionProvider>
            <BrowserRouter>
              <Suspense fallback={pageFallback}>
                <Routes>
                  <Route path="/login" element={<LoginPage />} />
                  <Route path="/*" element={<SignedInRoutes />} />
                </Routes>
              </Suspense>
            </BrowserRouter>
          </SessionProvider>
        </AntApp>
      </I18nProvider>
    </QueryClientProvider>
  );
}
