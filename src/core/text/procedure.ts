import { oneLine, sentences } from './text.js';

/**
 * Procedure is not a view. A remissvar carries, besides what the body thinks, the machinery of
 * its decision: the decision formula ("Kommunstyrelsen föreslås besluta att överlämna yttrandet
 * …"), the routing of the matter ("Ärendet har beretts av …", "Yttrandet behandlas av
 * kommunstyrelsen"), the signature ("Med vänlig hälsning …", "För kommunstyrelsen") and the
 * contact lines (e-mail, phone, "Frågor besvaras av …"). Such sentences stay in the corpus; reports
 * leave them out of quotes, "other views" and distinctive words, whose words they would otherwise
 * become (kommunstyrelsen, yttrandet, ärendet).
 */
export type ProcedureKind = 'decision' | 'routing' | 'signature' | 'contact';
export const PROCEDURE_KINDS: readonly ProcedureKind[] = ['decision', 'routing', 'signature', 'contact'];

const W = '(?:[\\p{L}\\p{N}-]+[\\s,]+)';
const re = (source: string) => new RegExp(source, 'iu');
/** Matched against one sentence, whitespace folded. Word boundaries are written out: \b is ASCII-only. */
const RULES: { kind: ProcedureKind; re: RegExp }[] = [
  // Decision formulas: a proposal to the board that it decide, the decision to hand over the answer.
  { kind: 'decision', re: re(`(?<!\\p{L})föreslå(?:s|r)\\s+${W}{0,3}(?:att\\s+)?besluta\\p{L}*`) },
  { kind: 'decision', re: re(`^(?:förslag\\s+till\\s+beslut|beslutsförslag|beslut)(?!\\p{L})\\s*[:.–-]?\\s*$`) },
  { kind: 'decision', re: re(`^förslag\\s+till\\s+beslut(?!\\p{L})`) },
  { kind: 'decision', re: re(`(?<!\\p{L})(?:beslutar|beslutade|beslutat|besluta)\\s+att\\s+${W}{0,2}(?:överlämna|översända|avge|anta|lämna)(?!\\p{L})\\s+${W}{0,4}(?:yttrande|tjänsteutlåtande|tjänsteskrivelse|svar|remissvar)`) },
  { kind: 'decision', re: re(`(?<!\\p{L})(?:överlämna[rs]?|översända[rs]?)\\s+${W}{0,3}(?:yttrande\\p{L}*|tjänsteutlåtande\\p{L}*|tjänsteskrivelse\\p{L}*|remissvar\\p{L}*)(?!\\p{L})`) },
  { kind: 'decision', re: re(`(?<!\\p{L})(?:anses\\s+besvarad|besvaras\\s+med\\s+hänvisning|förklaras\\s+omedelbart\\s+justerad|omedelbar\\s+justering)(?!\\p{L})`) },
  // Routing: who prepared the matter, where it goes next, to whom the decision is sent.
  {
    kind: 'routing',
    re: re(
      `^(?:${W}{0,2})?(?:ärendet|yttrandet|remissen|remissvaret|tjänsteutlåtandet|tjänsteskrivelsen|förslaget\\s+till\\s+yttrande)\\s+(?:har\\s+|har\\s+sedan\\s+|kommer\\s+att\\s+|ska\\s+)?(?:beretts|bereds|beredas|behandlats|behandlas|handlagts|handläggs|tagits\\s+fram|tas\\s+fram|tas\\s+upp|remitterats|skickats|skickas|hanterats|hanteras|föredragits|föredras|justeras|justerats)(?!\\p{L})`,
    ),
  },
  { kind: 'routing', re: re(`^(?:beslutet|protokollsutdrag\\p{L}*|expedier\\p{L}*)\\s+(?:${W}{0,1})(?:skickas|expedieras|sänds|till)(?!\\p{L})`) },
  { kind: 'routing', re: re(`^(?:beslutsunderlag|handlingar\\s+i\\s+ärendet|bilag(?:a|or))(?!\\p{L})`) },
  // Signatures: the closing formula, who decided and who presented, a name with a title.
  { kind: 'signature', re: re(`^(?:med\\s+)?(?:vänlig(?:a|en)?|bästa)\\s+hälsning(?:ar)?(?!\\p{L})`) },
  { kind: 'signature', re: re(`^(?:hälsningar|enligt\\s+uppdrag|för\\s+(?:kommunstyrelsen|kommunfullmäktige|regionstyrelsen|styrelsen|nämnden|\\p{L}+nämnden|\\p{L}+styrelsen))(?!\\p{L})`) },
  { kind: 'signature', re: re(`(?<!\\p{L})(?:beslut\\s+i\\s+(?:detta\\s+)?ärende(?:t)?|detta\\s+beslut)\\s+har\\s+fattats\\s+av(?!\\p{L})`) },
  { kind: 'signature', re: re(`(?<!\\p{L})i\\s+den\\s+slutliga\\s+handläggningen(?!\\p{L})|^föredragande\\s+(?:har\\s+varit|var|är)(?!\\p{L})`) },
  // Contact lines: the phrases that introduce them (addresses alone: see ADDRESS).
  { kind: 'contact', re: re(`^(?:kontaktperson|kontakt|handläggare|upplysningar|postadress|besöksadress|org\\.?\\s*nr|organisationsnummer)(?!\\p{L})|(?<!\\p{L})(?:frågor|upplysningar)\\s+(?:${W}{0,5})(?:besvaras|lämnas)\\s+av(?!\\p{L})`) },
];

/**
 * An e-mail or web address or a phone number: a contact line when the sentence is short (a view
 * may point to a web page in passing: "se länk … på www.exempel.se" in a long sentence stays).
 */
const ADDRESS = re(`[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+|(?<![\\p{L}\\p{N}])(?:https?://|www\\.)|(?<!\\p{L})(?:tel(?:efon)?|tfn|mobil|växel)\\.?\\s*:?\\s*\\+?\\d`);
const ADDRESS_LINE_WORDS = 12;

/**
 * A block without a full stop that names an office: the name-and-title lines under a signature
 * ("Eva Berg Kommunstyrelsens ordförande").
 */
const TITLE_LINE = re(`^[^.!?]{0,80}(?<!\\p{L})(?:\\p{L}*ordförande|kommundirektör|stadsdirektör|regiondirektör|förvaltningschef|kanslichef|kommunsekreterare|nämndsekreterare|handläggare|utredare|\\p{L}*råd|\\p{L}*chef)(?!\\p{L})[^.!?]{0,80}$`);

/**
 * The words the cheap test looks for: a text without any of them holds no procedure. Written as a
 * tree of shared beginnings (för|föreslå|förslag as f(?:ör…)): the same words, but the engine
 * tries one branch per letter instead of each word at every position.
 */
const MAY_HOLD = re(
  `f(?:ör(?:eslå|slag|\\s|edrag))|b(?:eslut|esvara|ilag)|över(?:lämna|sända)|juster|ärendet|yttrandet|remiss(?:en|varet)|tjänste(?:utlåtande|skrivelse)|protokoll|expedier|hälsning|uppdrag|handlägg|@|www\\.|https?:|t(?:el|fn)|mobil|växel|kontakt|upplysning|adress|org|ordförande|direktör|chef|sekreterare|utredare|råd`,
);

/**
 * Whether a sentence as procedureKind folds it (single spaces between words, none at the ends)
 * has at most `n` words: its spaces counted, without splitting it.
 */
export function wordsAtMost(s: string, n: number): boolean {
  for (let i = s.indexOf(' '), words = 1; i !== -1; i = s.indexOf(' ', i + 1)) if (++words > n) return false;
  return true;
}

/**
 * A sentence may be procedure only if it holds a word that some rule above cannot match without:
 * anywhere in it (the unanchored rules, and the routing rule, whose noun may follow two words),
 * at its start (the anchored rules), or, in a sentence short enough for them, the words of an
 * address or a title. Most sentences of a view pass MAY_HOLD (för, förslag, beslut, råd stand in
 * half of them) but fail this: the rules are then not tried at all.
 */
const RULE_ANYWHERE = re(`besluta|fattats|över(?:lämna|sända)|besvara|lämnas|juster|slutliga|ärendet|yttrandet|remiss(?:en|varet)|tjänste(?:utlåtandet|skrivelsen)|förslaget\\s+till\\s+yttrande`);
const RULE_START = re(`^(?:för|beslut|protokollsutdrag|expedier|handlingar|bilag|med|vänlig|bästa|hälsning|enligt|kontakt|handläggare|upplysningar|postadress|besöksadress|org)`);
const ADDRESS_WORDS = re(`@|https?:|www\\.|t(?:el|fn)|mobil|växel`);
const TITLE_WORDS = re(`ordförande|direktör|chef|sekreterare|handläggare|utredare|råd`);

function mayBeProcedure(s: string): boolean {
  return RULE_START.test(s) || RULE_ANYWHERE.test(s) || (wordsAtMost(s, ADDRESS_LINE_WORDS) && (ADDRESS_WORDS.test(s) || (wordsAtMost(s, 8) && TITLE_WORDS.test(s))));
}

/** The parts of procedureKind, for the tests that hold the cheap tests to the rules. */
export const PROCEDURE_PARTS = { rules: RULES, address: ADDRESS, addressWords: ADDRESS_LINE_WORDS, titleLine: TITLE_LINE, mayHold: MAY_HOLD, mayBeProcedure };

/**
 * The kind of procedure a sentence is, or undefined for a sentence that may state a view. A
 * sentence without a word of MAY_HOLD is none, whatever the rules say (so it has always been).
 */
export function procedureKind(sentence: string): ProcedureKind | undefined {
  const s = oneLine(sentence).trim();
  if (!s || !mayBeProcedure(s) || !MAY_HOLD.test(s)) return undefined;
  for (const r of RULES) if (r.re.test(s)) return r.kind;
  if (wordsAtMost(s, ADDRESS_LINE_WORDS) && ADDRESS.test(s)) return 'contact';
  if (wordsAtMost(s, 8) && TITLE_LINE.test(s)) return 'signature';
  return undefined;
}

/** A text without its procedural sentences, and what was left out, by kind. */
export function withoutProcedure(text: string): { text: string; removed: ProcedureKind[] } {
  // No test of the whole text first: nearly every text holds a word of MAY_HOLD, and a sentence's own pre-test is cheaper.
  const removed: ProcedureKind[] = [];
  const kept: string[] = [];
  for (const span of sentences(text)) {
    const sentence = text.slice(span.start, span.end);
    const kind = procedureKind(sentence);
    if (kind) removed.push(kind);
    else kept.push(sentence);
  }
  return removed.length ? { text: kept.join(' '), removed } : { text, removed };
}
