import { lazy, Suspense, type ReactNode } from 'react';
import { Button, Result } from 'antd';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { ForcedPasswordLayout } from './layout/ForcedPasswordLayout';
import { PageSpin } from './layout/PageSpin';
import { useSession } from './session';

const LoginPage = lazy(() => import('./pages/LoginPage'));
const ForgotPasswordPage = lazy(() => import('./pages/ForgotPasswordPage'));
const HomePage = lazy(() => import('./pages/HomePage'));
const BadgesPage = lazy(() => import('./pages/BadgesPage'));
const DomainsPage = lazy(() => import('./pages/DomainsPage'));
const DnsPage = lazy(() => import('./pages/DnsPage'));
const ApplicationsPage = lazy(() => import('./pages/ApplicationsPage'));
const ReviewPage = lazy(() => import('./pages/ReviewPage'));
const PaperPage = lazy(() => import('./pages/PaperPage'));
const ChangePage = lazy(() => import('./pages/badges/ChangePage'));
const DeregisterPage = lazy(() => import('./pages/badges/DeregisterPage'));
const NewApplicationPage = lazy(() => import('./pages/applications/NewApplicationPage'));
const ApplicationDetailPage = lazy(() => import('./pages/applications/ApplicationDetailPage'));
const ReviseApplicationPage = lazy(() => import('./pages/applications/ReviseApplicationPage'));
const ReviewDetailPage = lazy(() => import('./pages/review/ReviewDetailPage'));
const WorkflowPage = lazy(() => import('./pages/admin/WorkflowPage'));
const CalendarPage = lazy(() => import('./pages/admin/CalendarPage'));
const RegionsPage = lazy(() => import('./pages/admin/RegionsPage'));
const UsersPage = lazy(() => import('./pages/admin/UsersPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const InboxPage = lazy(() => import('./pages/InboxPage'));
const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage'));
const SecondFactorCodePage = lazy(() => import('./pages/SecondFactorCodePage'));
const SecondFactorSetupPage = lazy(() => import('./pages/SecondFactorSetupPage'));
const AccountPage = lazy(() => import('./pages/AccountPage'));
const NotificationsPage = lazy(() => import('./pages/admin/NotificationsPage'));
const PublicReportsPage = lazy(() => import('./pages/PublicReportsPage'));
const SitePatrolPage = lazy(() => import('./pages/SitePatrolPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));

const Page = ({ children }: { children: ReactNode }) => <Suspense fallback={<PageSpin />}>{children}</Suspense>;

/** Logged-in area: waits for the session probe, sends strangers to the login page, and holds a
 * session that must first type its 动态口令, change the password, or set up 二次验证 on that page
 * whatever the address. */
function RequireAuth() {
  const { state, refresh } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <PageSpin />;
  if (state.status === 'error') {
    return (
      <Result
        status="error"
        title="无法连接服务器"
        subTitle={state.message}
        extra={
          <Button type="primary" onClick={() => void refresh()}>
            重试
          </Button>
        }
      />
    );
  }
  if (state.status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (state.session.restriction === 'second_factor' || state.session.restriction === 'second_factor_enrolment') {
    return (
      <ForcedPasswordLayout>
        <Page>{state.session.restriction === 'second_factor' ? <SecondFactorCodePage /> : <SecondFactorSetupPage />}</Page>
      </ForcedPasswordLayout>
    );
  }
  if (state.session.mustChangePassword) {
    return (
      <ForcedPasswordLayout>
        <Page>
          <ChangePasswordPage forcedReason={state.session.mustChangeReason ?? 'reset'} />
        </Page>
      </ForcedPasswordLayout>
    );
  }
  return <ConsoleLayout notFound={<NotFoundPage />} />;
}

/** The login page is for strangers only: a logged-in user goes where they were heading. */
function LoginRoute() {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <PageSpin />;
  if (state.status === 'ready') {
    const from = (location.state as { from?: string } | null)?.from;
    return <Navigate to={from && from !== '/login' ? from : '/'} replace />;
  }
  return (
    <Page>
      <LoginPage />
    </Page>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginRoute />} />
      <Route
        path="/forgot-password"
        element={
          <Page>
            <ForgotPasswordPage />
          </Page>
        }
      />
      <Route element={<RequireAuth />}>
        <Route index element={<HomePage />} />
        <Route path="names/badges" element={<BadgesPage />} />
        <Route path="names/badges/:id/change" element={<ChangePage />} />
        <Route path="names/badges/:id/deregister" element={<DeregisterPage />} />
        <Route path="names/domains" element={<DomainsPage />} />
        <Route path="names/domains/:id/dns" element={<DnsPage />} />
        <Route path="applications" element={<ApplicationsPage />} />
        <Route path="applications/new" element={<NewApplicationPage />} />
        <Route path="applications/:id" element={<ApplicationDetailPage />} />
        <Route path="applications/:id/edit" element={<ReviseApplicationPage />} />
        <Route path="review" element={<ReviewPage />} />
        <Route path="review/:id" element={<ReviewDetailPage />} />
        <Route path="paper" element={<PaperPage />} />
        <Route path="site-patrol" element={<SitePatrolPage />} />
        <Route path="admin/users" element={<UsersPage />} />
        <Route path="admin/workflow" element={<WorkflowPage />} />
        <Route path="admin/calendar" element={<CalendarPage />} />
        <Route path="admin/regions" element={<RegionsPage />} />
        <Route path="admin/notifications" element={<NotificationsPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="public-reports" element={<PublicReportsPage />} />
        <Route path="inbox" element={<InboxPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="account/password" element={<ChangePasswordPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
