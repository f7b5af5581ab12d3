import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, TreeSelect, Typography } from 'antd';
import { ApiError, api, errorMessage } from '../../api';
import { useLoad } from '../../useLoad';
import { LoadError } from '../LoadError';
import { loadRegions, regionTree } from './options';
import { EffectiveTable } from './workflow/EffectiveTable';
import { toConfig, toValues, type EditorValues, type WorkflowConfigView } from './workflow/model';
import { WorkflowForm } from './workflow/WorkflowForm';

/** 审核流程配置: per region, the review chains, paper items and deadlines. */
export default function WorkflowPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<EditorValues>();
  const [region, setRegion] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const regions = useLoad(async (signal) => {
    const r = await loadRegions(signal);
    if (!region && r.items[0]) setRegion(r.items.find((x) => x.parentCode === null)?.code ?? r.items[0].code);
    return r;
  }, []);
  const loaded = useLoad(async (signal) => {
    if (!region) return null;
    const v = await api.get<WorkflowConfigView>(`/api/admin/workflow-configs/${region}`, undefined, signal);
    form.setFieldsValue(toValues(v.config, v.effective));
    setError(null);
    return v;
  }, [region]);

  const save = async (values: EditorValues) => {
    const v = loaded.data;
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/admin/workflow-configs/${v.regionCode}`, { version: v.version, config: toConfig({ ...(form.getFieldsValue(true) as EditorValues), ...values }) });
      message.success(`${v.regionName}的审核流程配置已保存，之后提交的申请按新配置办理`);
      loaded.reload();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        message.warning(`${errorMessage(err)}，已重新加载`);
        loaded.reload();
      } else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const v = loaded.data;
  return (
    <Card title="审核流程配置">
      <Flex gap={12} align="center" style={{ marginBottom: 16 }} wrap>
        <Typography.Text>区域</Typography.Text>
        <TreeSelect
          value={region}
          onChange={setRegion}
          treeData={regionTree(regions.data?.items ?? [])}
          treeDefaultExpandAll
          showSearch
          treeNodeFilterProp="title"
          loading={regions.loading}
          style={{ width: 280 }}
          aria-label="区域"
        />
      </Flex>
      <LoadError text={regions.errorText ?? loaded.errorText} retry={() => (regions.errorText ? regions.reload() : loaded.reload())} />
      {v && (
        <>
          <Typography.Title level={5}>{v.regionName}当前生效的审核流程</Typography.Title>
          <EffectiveTable rows={v.effective} />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {v.regionName}本区域设置{v.version === 0 ? '（尚未设置，全部继承）' : ''}
          </Typography.Title>
        </>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<EditorValues> form={form} name="workflow-form" layout="horizontal" labelCol={{ flex: '200px' }} wrapperCol={{ flex: '1 1 0' }} onFinish={(x) => void save(x)} disabled={!v || loaded.loading}>
        <WorkflowForm />
        <Flex gap={12} style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存
          </Button>
          <Button onClick={() => v && form.setFieldsValue(toValues(v.config, v.effective))}>重置</Button>
        </Flex>
      </Form>
    </Card>
  );
}
