// The stage machine: a from × to matrix of allowed moves, who may reopen a closed deal, and whether won may be left; the API's reasons listed under the matrix.
import { useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Space, Switch, Typography } from 'antd';
import { stages, type Role, type Stage } from '../../../api/types.ts';
import { TRANSITIONS_PATH, type TransitionsConfig } from '../../../api/pipeline-types.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useLabels } from '../../../components/labels.tsx';
import { QueryView } from '../../../components/QueryView.tsx';
import { errorHeadline, errorMessage, fieldIssues } from '../../../components/errors.ts';
import { usePipelineRule } from './usePipelineRule.ts';

const roles: Role[] = ['admin', 'executive', 'manager', 'rep'];
const moveKey = (from: Stage, to: Stage) => `${from}>${to}`;
const cell = { padding: '4px 6px', textAlign: 'center' as const, border: '1px solid #f0f0f0' };

export function TransitionsEditor() {
  const { t } = useI18n();
  const labels = useLabels();
  const [error, setError] = useState<unknown>(null);
  const { query, save } = usePipelineRule<TransitionsConfig>(TRANSITIONS_PATH, setError);
  const [moves, setMoves] = useState<Set<string>>(new Set());
  const [reopenRoles, setReopenRoles] = useState<Role[]>([]);
  const [allowReopenWon, setAllowReopenWon] = useState(false);
  useEffect(() => {
    if (!query.data) return;
    setMoves(new Set(query.data.transitions.map((m) => moveKey(m.from, m.to))));
    setReopenRoles(query.data.reopenRoles);
    setAllowReopenWon(query.data.allowReopenWon);
  }, [query.data]);
  const toggle = (key: string, on: boolean) => setMoves((current) => {
    const next = new Set(current);
    if (on) next.add(key);
    else next.delete(key);
    return next;
  });
  const submit = () => {
    setError(null);
    const transitions = stages.flatMap((from) => stages.filter((to) => moves.has(moveKey(from, to))).map((to) => ({ from, to })));
    save.mutate({ transitions, reopenRoles, allowReopenWon });
  };
  const issues = fieldIssues(error);

  return (
    <QueryView query={query} rows={6}>
      {() => (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="transitions-editor">
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('gates.transitionsHelp')}</Typography.Paragraph>
          <div style={{ overflowX: 'auto' }}>
            <table style={{ borderCollapse: 'collapse', fontSize: 13 }}>
              <thead>
                <tr>
                  <th style={cell}>{t('gates.fromTo')}</th>
                  {stages.map((to) => <th key={to} style={cell}>{labels.stage(to)}</th>)}
                </tr>
              </thead>
              <tbody>
                {stages.map((from) => (
                  <tr key={from}>
                    <th style={{ ...cell, textAlign: 'left' }}>{labels.stage(from)}</th>
                    {stages.map((to) => (
                      <td key={to} style={cell}>
                        {from === to ? '—' : <Checkbox checked={moves.has(moveKey(from, to))} onChange={(e) => toggle(moveKey(from, to), e.target.checked)} aria-label={`${labels.stage(from)} → ${labels.stage(to)}`} data-testid={`move-${from}-${to}`} />}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Space wrap>
            <Typography.Text>{t('gates.reopenRoles')}</Typography.Text>
            <Checkbox.Group value={reopenRoles} onChange={(v) => setReopenRoles(v)} options={roles.map((r) => ({ value: r, label: labels.role(r) }))} />
          </Space>
          <Space>
            <Switch checked={allowReopenWon} onChange={setAllowReopenWon} aria-label={t('gates.allowReopenWon')} />
            <Typography.Text>{t('gates.allowReopenWon')}</Typography.Text>
          </Space>
          {error !== null && (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="transitions-error"
              title={errorHeadline(t, error)}
              description={issues.length ? <ul style={{ margin: 0, paddingLeft: 18 }}>{issues.map((i) => <li key={i.message}>{i.message}</li>)}</ul> : errorMessage(t, error) || undefined}
            />
          )}
          <Button type="primary" onClick={submit} loading={save.isPending} data-testid="save-transitions">{t('gates.saveTransitions')}</Button>
        </Space>
      )}
    </QueryView>
  );
}
