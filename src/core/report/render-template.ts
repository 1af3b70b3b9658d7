import Handlebars from 'handlebars';
import { diag, InputError } from '../diagnostics.js';

/**
 * Renders a Handlebars template. Model text is pre-escaped for Markdown, so HTML escaping is
 * off; strict mode turns a reference to an unknown field into an error with its line.
 */
export function renderTemplate(source: string, file: string, model: object): string {
  const hb = Handlebars.create();
  hb.registerHelper('inc', (n: number) => n + 1);
  hb.registerHelper('lowercase', (s: unknown) => String(s ?? '').toLocaleLowerCase('sv'));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
  hb.registerHelper('plural', (n: number, one: string, many: string) => (n === 1 ? one : many));
  let template: HandlebarsTemplateDelegate;
  try {
    template = hb.compile(source, { noEscape: true, strict: true });
    return tidy(template(model));
  } catch (err) {
    throw new InputError([templateDiagnostic(file, source, err as Error)]);
  }
}

function templateDiagnostic(file: string, source: string, err: Error) {
  const msg = err.message;
  const parse = /Parse error on line (\d+):[\s\S]*?\n(-*)\^\n([\s\S]*)$/.exec(msg);
  if (parse) {
    const got = /got '([^']+)'/.exec(parse[3])?.[1];
    const what = got === 'INVALID' ? 'a tag is not closed' : got === 'EOF' ? 'the template ends inside a tag or block' : `unexpected ${got ?? 'text'}`;
    return diag(file, Number(parse[1]), parse[2].length + 1, `template syntax error: ${what}; check that every {{ has its }} and every {{#block}} its {{/block}}`);
  }
  const missing = /^"([^"]+)" not defined in [\s\S]*? - (\d+):(\d+)$/.exec(msg);
  if (missing) return diag(file, Number(missing[2]), Number(missing[3]) + 1, `the template uses "${missing[1]}", which is not a report field; see the README, "Templates", for the fields`);
  const loc = / - (\d+):(\d+)$/.exec(msg);
  if (loc) return diag(file, Number(loc[1]), Number(loc[2]) + 1, `template error: ${msg.replace(/ - \d+:\d+$/, '')}`);
  const line = source.split('\n').length;
  return diag(file, line > 0 ? 1 : 0, 1, `template error: ${msg.split('\n')[0]}`);
}

/** One blank line at most between blocks, none at the end but a final newline. */
function tidy(markdown: string): string {
  return markdown.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '').replace(/\n*$/, '\n');
}
