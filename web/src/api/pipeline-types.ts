// Shapes of the tenant's pipeline rules API (/api/pipeline/*): gates, document types, industry templates and transitions.
import type { Role, Stage } from './types.ts';

export interface DocumentType {
  key: string;
  label: string;
  labelEn: string;
}

export interface StageGate {
  stage: Stage;
  fields: string[];
  documents: string[];
}

export interface GateField {
  name: string;
  label: string;
  labelEn: string;
}

export interface GatesConfig {
  gates: StageGate[];
  fields: GateField[];
  isDefault: boolean;
  updatedAt: string | null;
}

export interface DocumentTypesConfig {
  documentTypes: DocumentType[];
  isDefault: boolean;
}

export interface GateTemplate {
  key: string;
  label: string;
  labelEn: string;
  documentTypes: DocumentType[];
  gates: StageGate[];
}

export interface TransitionsConfig {
  transitions: { from: Stage; to: Stage; kind?: string }[];
  reopenRoles: Role[];
  allowReopenWon: boolean;
  isDefault: boolean;
}

export const GATES_PATH = '/api/pipeline/gates';
export const DOCUMENT_TYPES_PATH = '/api/pipeline/document-types';
export const TRANSITIONS_PATH = '/api/pipeline/transitions';
