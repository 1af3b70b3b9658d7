import type { Consultation, RespondentType, SourceFormat, Stance } from '../model.js';
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
  /** The heading the answer stood under in a document ("3.2 Regionens uppgifter"). */
  heading?: string;
  text: string;
  themes?: string[];
}

export interface ParsedFile {
  path: string;
  format: SourceFormat;
  encoding: 'utf-8' | 'windows-1252';
  sha256: string;
  size?: number;
  consultation?: Consultation;
  consultationLine?: number;
  responses: RawResponse[];
  diagnostics: Diagnostic[];
}
