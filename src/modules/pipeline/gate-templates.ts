// Industry gate templates shipped as data (医疗器械, SaaS, 工业制造, 商贸分销): the document
// types each industry's deals carry and what entering each stage requires.
import type { DocumentType, StageGate } from './stage-gates.ts';
import { defaultDocumentTypes } from './stage-gates.ts';

export interface GateTemplate {
  key: string;
  label: string;
  labelEn: string;
  documentTypes: DocumentType[];
  gates: StageGate[];
}

const doc = (key: string, label: string, labelEn: string): DocumentType => ({ key, label, labelEn });
const [priceComparison, techComparison, referenceCase] = defaultDocumentTypes;
const quote = doc('quote', '报价单', 'Quotation');
const signedContract = doc('signed_contract', '已签合同', 'Signed contract');

export const gateTemplates: GateTemplate[] = [
  {
    key: 'medical_devices',
    label: '医疗器械',
    labelEn: 'Medical devices',
    documentTypes: [
      doc('department_survey', '科室需求调研表', 'Department needs survey'),
      doc('registration_certificate', '医疗器械注册证复印件', 'Registration certificate copy'),
      priceComparison,
      { ...techComparison, label: '技术参数对比表', labelEn: 'Technical parameter comparison' },
      referenceCase,
      doc('tender_documents', '招标文件', 'Tender documents'),
      signedContract,
    ],
    gates: [
      { stage: 'solution', fields: ['expectedCloseDate'], documents: ['department_survey'] },
      { stage: 'quoted', fields: ['amount'], documents: ['registration_certificate', 'price_comparison', 'tech_comparison', 'reference_case'] },
      { stage: 'negotiation', fields: [], documents: ['tender_documents'] },
      { stage: 'won', fields: ['amount'], documents: ['signed_contract'] },
    ],
  },
  {
    key: 'saas',
    label: 'SaaS',
    labelEn: 'SaaS',
    documentTypes: [
      doc('demo_record', '产品演示记录', 'Demo record'),
      doc('poc_plan', 'POC 测试方案', 'POC plan'),
      quote,
      doc('security_questionnaire', '信息安全问卷', 'Security questionnaire'),
      doc('poc_report', 'POC 验收报告', 'POC acceptance report'),
      signedContract,
    ],
    gates: [
      { stage: 'solution', fields: [], documents: ['demo_record', 'poc_plan'] },
      { stage: 'quoted', fields: ['amount', 'expectedCloseDate'], documents: ['quote', 'security_questionnaire'] },
      { stage: 'negotiation', fields: [], documents: ['poc_report'] },
      { stage: 'won', fields: ['amount'], documents: ['signed_contract'] },
    ],
  },
  {
    key: 'manufacturing',
    label: '工业制造',
    labelEn: 'Manufacturing',
    documentTypes: [
      doc('technical_requirements', '技术需求规格书', 'Technical requirements specification'),
      priceComparison,
      techComparison,
      doc('sample_test_report', '样品测试报告', 'Sample test report'),
      doc('quality_agreement', '质量协议', 'Quality agreement'),
      signedContract,
    ],
    gates: [
      { stage: 'solution', fields: [], documents: ['technical_requirements'] },
      { stage: 'quoted', fields: ['amount'], documents: ['price_comparison', 'tech_comparison', 'sample_test_report'] },
      { stage: 'negotiation', fields: ['expectedCloseDate'], documents: ['quality_agreement'] },
      { stage: 'won', fields: ['amount'], documents: ['signed_contract'] },
    ],
  },
  {
    key: 'distribution',
    label: '商贸分销',
    labelEn: 'Distribution',
    documentTypes: [
      doc('business_license', '客户营业执照', 'Customer business licence'),
      quote,
      doc('credit_application', '信用额度申请表', 'Credit limit application'),
      doc('distribution_agreement', '经销协议', 'Distribution agreement'),
      signedContract,
    ],
    gates: [
      { stage: 'qualified', fields: [], documents: ['business_license'] },
      { stage: 'quoted', fields: ['amount'], documents: ['quote', 'credit_application'] },
      { stage: 'negotiation', fields: ['expectedCloseDate'], documents: ['distribution_agreement'] },
      { stage: 'won', fields: ['amount'], documents: ['signed_contract'] },
    ],
  },
];

export const gateTemplateKeys = gateTemplates.map((t) => t.key) as [string, ...string[]];
