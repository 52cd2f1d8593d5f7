// Admin → 阶段与门禁: industry templates, what each stage requires, the document types, and the stage machine.
import { Card, Space } from 'antd';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { QueryView } from '../../../components/QueryView.tsx';
import { useDocumentTypesConfig } from '../../../records/document-types.ts';
import { TemplatePicker } from './TemplatePicker.tsx';
import { GatesEditor } from './GatesEditor.tsx';
import { DocumentTypesEditor } from './DocumentTypesEditor.tsx';
import { TransitionsEditor } from './TransitionsEditor.tsx';

export default function StageGatesTab() {
  const { t } = useI18n();
  const documentTypes = useDocumentTypesConfig();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('gates.templates')}><TemplatePicker /></Card>
      <QueryView query={documentTypes} rows={6}>
        {(config) => (
          <>
            <Card size="small" title={t('gates.title')}><GatesEditor documentTypes={config.documentTypes} /></Card>
            <Card size="small" title={t('gates.documentTypes')}><DocumentTypesEditor config={config} /></Card>
          </>
        )}
      </QueryView>
      <Card size="small" title={t('gates.transitions')}><TransitionsEditor /></Card>
    </Space>
  );
}
