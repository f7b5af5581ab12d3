export { startFakeAliyun, type FakeAliyunOptions, type FakeAliyunReceived } from './aliyun.js';
export { startFakeTencent, type FakeTencentOptions, type FakeTencentReceived } from './tencent.js';
export type { FakeSmsAnswer, FakeSmsBehaviour, FakeSmsServer } from './common.js';
