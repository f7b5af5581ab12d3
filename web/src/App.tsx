import { App as AntdApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter } from 'react-router-dom';
import { cspNonce } from './csp-nonce';
import { AppRoutes } from './routes';
import { SessionProvider } from './session';

dayjs.locale('zh-cn');

export function App() {
  return (
    // autoInsertSpace: false keeps two-character buttons ("变更", "注销") spelled as the procedure spells them.
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} csp={cspNonce === undefined ? undefined : { nonce: cspNonce }}>
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
