import { App } from 'antd';
import { api, errorMessage } from '../api';
import { blockedReport, ExplanationPrompt } from '../sitecheck/ExplanationPrompt';
import type { ApplicationView } from './types';

/** 撤回 (after a confirmation) and 提交 of a draft, shared by the list and the detail page. */
export function useApplicationActions(done: () => void) {
  const { message, modal } = App.useApp();
  const withdraw = (a: Pick<ApplicationView, 'id' | 'number' | 'version' | 'typeLabel'>) =>
    modal.confirm({
      title: `确定撤回申请 ${a.number} 吗？`,
      content: `撤回后该${a.typeLabel}申请不再审核；如仍需办理，请重新申请。`,
      okText: '撤回',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.post(`/api/applications/${a.id}/withdraw`, { version: a.version });
          message.success('申请已撤回');
        } catch (err) {
          message.error(errorMessage(err));
        }
        done();
      },
    });
  const submit = async (a: Pick<ApplicationView, 'id' | 'version'>, siteCheckExplanation?: string) => {
    try {
      await api.post(`/api/applications/${a.id}/submit`, { version: a.version, ...(siteCheckExplanation === undefined ? {} : { siteCheckExplanation }) });
      message.success('申请已提交，等待编办审核');
    } catch (err) {
      const report = blockedReport(err);
      if (report !== null) {
        // The site check failed: show what, and let the 经办人 submit with an explanation.
        const m = modal.info({
          title: '网站核验未通过',
          width: 760,
          okText: '关闭',
          content: (
            <ExplanationPrompt
              report={report}
              busy={false}
              onSubmit={(text) => {
                m.destroy();
                void submit(a, text);
              }}
            />
          ),
        });
        return;
      }
      message.error(errorMessage(err));
    }
    done();
  };
  return { withdraw, submit };
}
