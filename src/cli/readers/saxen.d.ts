/** The part of saxen (a SAX parser without types of its own) that the OpenDocument spreadsheet reader uses. */
declare module 'saxen' {
  type Decode = (text: string) => string;
  export class Parser {
    constructor(options?: { proxy?: boolean });
    /** Names elements and attributes of these namespace URIs with these prefixes, whatever prefixes the file uses. */
    ns(map?: Record<string, string>): this;
    on(event: 'openTag', fn: (name: string, attrs: () => Record<string, string>, decode: Decode, selfClosing: boolean) => void): this;
    on(event: 'closeTag', fn: (name: string, decode: Decode, selfClosing: boolean) => void): this;
    on(event: 'text', fn: (text: string, decode: Decode) => void): this;
    on(event: 'cdata' | 'attention', fn: (text: string) => void): this;
    on(event: 'error' | 'warn', fn: (err: Error) => void): this;
    /** Parses the whole text; returns the error met, if the error handler did not throw. */
    parse(xml: string): Error | undefined;
  }
}
