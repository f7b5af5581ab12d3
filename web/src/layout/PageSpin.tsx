import { Spin } from 'antd';

export const PageSpin = () => (
  <div style={{ padding: 64, textAlign: 'center' }}>
    <Spin size="large" />
  </div>
);
