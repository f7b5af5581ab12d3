import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter } from 'react-router-dom';
import { cspNonce } from './csp-nonce';
import { AppRoutes } from './routes';
import { SessionProvider } from './session';

dayjs.locale('zh-cn');

/**
 * Whoever asked their system for less motion (an accessibility setting: 减弱动态效果) gets none:
 * dialogs, menus and drop-downs appear at once instead of zooming and sliding in.
 */
const reducedMotion = typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const theme = reducedMotion ? { token: { motion: false } } : undefined;

export function App() {
  return (
    // autoInsertSpace: false keeps two-character buttons ("变更", "注销") spelled as the procedure spells them.
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }} csp={cspNonce === undefined ? undefined : { nonce: cspNonce }}>
      <AntdApp>
        <BrowserRouter>
          <SessionProvider>
            <AppRoutes />
          </SessionProvider>
        </BrowserRouter>
      </AntdApp>
    </ConfigProvider>
  );
}
