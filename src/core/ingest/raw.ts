import type { Consultation, RespondentType, Stance } from '../model.js';
import type { Diagnostic } from '../diagnostics.js';

/** A response as read from one input file, before respondents are resolved and ids assigned. */
export interface RawResponse {
  line: number;
  col: number;
  respondent: string;
  type?: RespondentType;
  date?: string;
  reference?: string;
  stance?: Stance;
  stanceText?: string;
  answers: RawAnswer[];
  reservations: { parties: string[]; text: string }[];
}

export interface RawAnswer {
  line: number;
  col: number;
  question?: string;
  text: string;
  themes?: string[];
}

export interface ParsedFile {
  path: string;
  format: 'yaml' | 'csv';
  encoding: 'utf-8' | 'windows-1252';
  sha256: string;
  size?: number;
  consultation?: Consultation;
  consultationLine?: number;
  responses: RawResponse[];
  diagnostics: Diagnostic[];
}
