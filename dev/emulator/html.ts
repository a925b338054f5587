/** HtmlService: outputs, files from the code directory, and templates with <? ?> scriptlets. */
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { type Host, ServiceObject, expandoOf } from './host';

export const SandboxMode = Object.freeze({ EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' });
export const XFrameOptionsMode = Object.freeze({ ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' });

export interface HtmlState {
  content: string;
  title: string;
  width?: number;
  height?: number;
  sandboxMode: string;
  xFrameOptionsMode: string;
  metaTags: Array<{ name: string; content: string }>;
  faviconUrl?: string;
}

export function escapeHtml(value: unknown): string {
  return (value === null || value === undefined ? '' : String(value))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function readProjectFile(host: Host, name: string): string {
  const file = String(name).replace(/\.html$/, '') + '.html';
  const dir = host.codeDir;
  const full = dir ? path.join(dir, file) : null;
  if (!full || !fs.existsSync(full)) throw host.exception(`No HTML file named ${String(name)} was found.`);
  return fs.readFileSync(full, 'utf8');
}

/** Compiles a template to JS: `<?= x ?>` escaped, `<?!= x ?>` raw, `<? code ?>` run. */
function compileTemplate(source: string): string {
  let code = '';
  let i = 0;
  while (i < source.length) {
    const open = source.indexOf('<?', i);
    const text = open < 0 ? source.slice(i) : source.slice(i, open);
    if (text) code += `__out.push(${JSON.stringify(text)});\n`;
    if (open < 0) break;
    const close = source.indexOf('?>', open + 2);
    if (close < 0) throw new Error('Unterminated scriptlet in HTML template');
    const body = source.slice(open + 2, close);
    if (body.startsWith('!=')) code += `__out.push(__raw(${body.slice(2)}));\n`;
    else if (body.startsWith('=')) code += `__out.push(__esc(${body.slice(1)}));\n`;
    else code += body + '\n';
    i = close + 2;
  }
  return `(function (__data, __out, __esc, __raw) { with (__data) {\n${code}} })`;
}

type TemplateFn = (
  data: object,
  out: string[],
  esc: (v: unknown) => string,
  raw: (v: unknown) => string,
) => void;

export class HtmlService extends ServiceObject {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(host: Host) {
    super(host, 'HtmlService');
  }

  createHtmlOutput(html?: unknown): HtmlOutput {
    return new HtmlOutput(this.host, html === undefined ? '' : String(html));
  }
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    return new HtmlOutput(this.host, readProjectFile(this.host, filename));
  }
  createTemplate(html: string): HtmlTemplate {
    return new HtmlTemplate(this.host, String(html));
  }
  createTemplateFromFile(filename: string): HtmlTemplate {
    return new HtmlTemplate(this.host, readProjectFile(this.host, filename));
  }
}

export class HtmlOutput extends ServiceObject {
  readonly state: HtmlState;

  constructor(host: Host, content: string) {
    super(host, 'HtmlOutput');
    this.state = { content, title: '', sandboxMode: 'IFRAME', xFrameOptionsMode: 'DEFAULT', metaTags: [] };
  }

  getContent(): string {
    return this.state.content;
  }
  setContent(content: string): this {
    this.state.content = String(content);
    return this;
  }
  append(addedContent: string): this {
    this.state.content += String(addedContent);
    return this;
  }
  appendUntrusted(addedContent: string): this {
    this.state.content += escapeHtml(addedContent);
    return this;
  }
  clear(): this {
    this.state.content = '';
    return this;
  }
  getTitle(): string {
    return this.state.title;
  }
  setTitle(title: string): this {
    this.state.title = String(title);
    return this;
  }
  getWidth(): number | null {
    return this.state.width ?? null;
  }
  setWidth(width: number): this {
    this.state.width = width;
    return this;
  }
  getHeight(): number | null {
    return this.state.height ?? null;
  }
  setHeight(height: number): this {
    this.state.height = height;
    return this;
  }
  setSandboxMode(mode: string): this {
    this.state.sandboxMode = String(mode);
    return this;
  }
  setXFrameOptionsMode(mode: string): this {
    this.state.xFrameOptionsMode = String(mode);
    return this;
  }
  addMetaTag(name: string, content: string): this {
    this.state.metaTags.push({ name: String(name), content: String(content) });
    return this;
  }
  getMetaTags(): Array<{ name: string; content: string }> {
    return this.state.metaTags.map((t) => ({ ...t }));
  }
  setFaviconUrl(url: string): this {
    this.state.faviconUrl = String(url);
    return this;
  }
  getFaviconUrl(): string | null {
    return this.state.faviconUrl ?? null;
  }
}

/** Properties a script assigns (`t.data = x`) are the scriptlets' variables. */
export class HtmlTemplate extends ServiceObject {
  constructor(
    host: Host,
    private readonly source: string,
  ) {
    super(host, 'HtmlTemplate', { expando: true });
  }

  getRawContent(): string {
    return this.source;
  }
  getCode(): string {
    return compileTemplate(this.source);
  }
  /** Runs the scriptlets in the script's global scope (their service calls are counted). */
  evaluate(): HtmlOutput {
    const code = compileTemplate(this.source);
    const evaluateInScript = this.host.current?.evaluate;
    const fn = (evaluateInScript ? evaluateInScript(code) : vm.runInNewContext(code)) as TemplateFn;
    const data = Object.fromEntries(expandoOf(this));
    const out: string[] = [];
    this.host.asScript(() =>
      fn(data, out, escapeHtml, (v) => (v === null || v === undefined ? '' : String(v))),
    );
    return new HtmlOutput(this.host, out.join(''));
  }
}
