/**
 * Range.createTextFinder: a search Sheets runs on its side, returning only the matching ranges,
 * so no cell values travel to the script. Matches the displayed text, row by row, case-insensitive
 * unless matchCase(true); a partial match unless matchEntireCell(true).
 */
import { type Host, ServiceObject } from './host';
import type { EmuRange } from './spreadsheet';

export class TextFinder extends ServiceObject {
  private caseSensitive = false;
  private entireCell = false;
  private regex = false;
  private matches: EmuRange[] | null = null;
  private position = -1;

  constructor(
    host: Host,
    private readonly range: EmuRange,
    private readonly findText: string,
  ) {
    super(host, 'TextFinder');
    if (findText === '') throw host.exception('Invalid argument: findText');
  }

  matchCase(matchCase: boolean): this {
    this.caseSensitive = matchCase === true;
    this.matches = null;
    return this;
  }
  matchEntireCell(entireCell: boolean): this {
    this.entireCell = entireCell === true;
    this.matches = null;
    return this;
  }
  /** RE2 syntax in Sheets; JavaScript's RegExp agrees on what the add-on uses (alternation, escapes, anchors). */
  useRegularExpression(useRegEx: boolean): this {
    this.regex = useRegEx === true;
    this.matches = null;
    return this;
  }
  findAll(): EmuRange[] {
    return [...this._matches()];
  }
  findNext(): EmuRange | null {
    const matches = this._matches();
    if (this.position + 1 >= matches.length) return null;
    this.position++;
    return matches[this.position];
  }

  private _matches(): EmuRange[] {
    if (this.matches) return this.matches;
    const fold = (s: string): string => (this.caseSensitive ? s : s.toLowerCase());
    const wanted = fold(this.findText);
    let pattern: RegExp | null = null;
    if (this.regex) {
      // RE2 has no lookaround or backreferences; what Sheets says of them is not modelled.
      if (/\(\?[=!<]|\\[1-9]/.test(this.findText))
        throw this.host.notImplemented('TextFinder regular expressions with lookaround or backreferences');
      const source = this.entireCell ? `^(?:${this.findText})$` : this.findText;
      pattern = new RegExp(source, this.caseSensitive ? 'u' : 'iu');
    }
    const shown = this.range.getDisplayValues();
    const found: EmuRange[] = [];
    shown.forEach((line, i) =>
      line.forEach((text, j) => {
        const cell = fold(text);
        const hit = pattern ? pattern.test(text) : this.entireCell ? cell === wanted : cell.includes(wanted);
        if (hit) found.push(this.range.getCell(i + 1, j + 1));
      }),
    );
    this.matches = found;
    this.position = -1;
    return found;
  }
}
