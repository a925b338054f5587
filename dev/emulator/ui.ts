/** SpreadsheetApp.getUi(): menus, sidebars, dialogs and alerts, recorded for tests. */
import { type Host, type MenuRecord, NEEDS, ServiceObject } from './host';
import { HtmlOutput } from './html';

export const Button = Object.freeze({ CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' });
export const ButtonSet = Object.freeze({
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
});
const BUTTONS: Record<string, string[]> = {
  OK: ['OK', 'CLOSE'],
  OK_CANCEL: ['OK', 'CANCEL', 'CLOSE'],
  YES_NO: ['YES', 'NO', 'CLOSE'],
  YES_NO_CANCEL: ['YES', 'NO', 'CANCEL', 'CLOSE'],
};

/** (prompt), (prompt, buttons) or (title, prompt, buttons), as alert and prompt take them: [title, prompt, buttons]. */
function dialogArgs(args: unknown[], buttons: string | undefined): unknown[] {
  if (args.length >= 3) return args;
  return args.length === 2 ? [undefined, args[0], args[1]] : [undefined, args[0], buttons];
}

export class Ui extends ServiceObject {
  readonly Button = Button;
  readonly ButtonSet = ButtonSet;

  constructor(host: Host) {
    super(host, 'Ui');
  }

  createMenu(caption: string): Menu {
    this.host.require('Ui.createMenu', NEEDS.menus);
    return new Menu(this.host, { name: String(caption), items: [] });
  }
  createAddonMenu(): Menu {
    this.host.require('Ui.createAddonMenu', NEEDS.menus);
    return new Menu(this.host, { name: 'Add-on', addon: true, items: [] });
  }
  showSidebar(userInterface: HtmlOutput): void {
    this.host.require('Ui.showSidebar', NEEDS.containerUi);
    if (!(userInterface instanceof HtmlOutput)) throw this._signature('showSidebar');
    const { title, content, width } = userInterface.state;
    this.host.ui.sidebars.push({ title, html: content, width, user: this._user() });
  }
  showModalDialog(userInterface: HtmlOutput, title: string): void {
    this.host.require('Ui.showModalDialog', NEEDS.containerUi);
    this._dialog(userInterface, title, true, 'showModalDialog');
  }
  showModelessDialog(userInterface: HtmlOutput, title: string): void {
    this.host.require('Ui.showModelessDialog', NEEDS.containerUi);
    this._dialog(userInterface, title, false, 'showModelessDialog');
  }
  /**
   * alert(prompt) records and returns OK. alert(prompt, buttons) and alert(title, prompt, buttons) answer with
   * the next entry of emu.alertResponses; with none queued they throw (a test must answer).
   */
  alert(...args: unknown[]): string {
    this.host.require('Ui.alert', NEEDS.limited);
    const [title, prompt, buttons] = dialogArgs(args, undefined);
    const record = {
      ...(title !== undefined ? { title: String(title) } : {}),
      prompt: String(prompt),
      ...(buttons !== undefined ? { buttons: String(buttons) } : {}),
    };
    let response = 'OK';
    if (buttons !== undefined) {
      const allowed = BUTTONS[String(buttons)];
      if (!allowed) throw this._signature('alert');
      // An OK-only alert is an acknowledgement: unscripted, the person clicks OK. Choices need a scripted response.
      const next = this.host.alertResponses.shift() ?? (String(buttons) === 'OK' ? 'OK' : undefined);
      if (next === undefined) throw this._unanswered('alert', record.title, record.prompt, String(buttons));
      if (!allowed.includes(next)) {
        throw new Error(`alertResponses: ${next} is not a button of ButtonSet.${String(buttons)}`);
      }
      response = next;
    }
    this.host.ui.alerts.push({ ...record, response });
    return response;
  }

  /**
   * prompt(prompt) shows an OK button; prompt(prompt, buttons) and prompt(title, prompt, buttons) the
   * button set given. Each answers with the next entry of emu.promptResponses (the text typed and the
   * button clicked, 'CLOSE' for the title bar's close button); with none queued it throws (a test must
   * answer).
   */
  prompt(...args: unknown[]): PromptResponse {
    this.host.require('Ui.prompt', NEEDS.limited);
    const [title, prompt, buttons] = dialogArgs(args, ButtonSet.OK);
    const allowed = BUTTONS[String(buttons)];
    if (!allowed || prompt === undefined) throw this._signature('prompt');
    const answer = this.host.promptResponses.shift();
    if (!answer)
      throw this._unanswered(
        'prompt',
        title === undefined ? undefined : String(title),
        String(prompt),
        String(buttons),
      );
    if (!allowed.includes(answer.button)) {
      throw new Error(`promptResponses: ${answer.button} is not a button of ButtonSet.${String(buttons)}`);
    }
    this.host.ui.prompts.push({
      ...(title !== undefined ? { title: String(title) } : {}),
      prompt: String(prompt),
      buttons: String(buttons),
      response: { ...answer },
    });
    return new PromptResponse(this.host, answer.text, answer.button);
  }

  /** Records the question (emu.ui.unanswered: the preview asks it) and throws: a test must answer. */
  private _unanswered(
    kind: 'alert' | 'prompt',
    title: string | undefined,
    prompt: string,
    buttons: string,
  ): Error {
    this.host.ui.unanswered = { kind, ...(title !== undefined ? { title } : {}), prompt, buttons };
    return this.host.notImplemented(`unanswered ${kind}: ${prompt}`);
  }

  private _user(): string {
    return this.host.current?.user ?? this.host.wb.owner;
  }
  private _signature(method: string): Error {
    return this.host.exception(`The parameters don't match the method signature for Ui.${method}.`);
  }
  private _dialog(output: unknown, title: string, modal: boolean, method: string): void {
    if (!(output instanceof HtmlOutput)) throw this._signature(method);
    const { content, width, height } = output.state;
    this.host.ui.dialogs.push({
      title: String(title),
      html: content,
      width,
      height,
      modal,
      user: this._user(),
    });
  }
}

/** What a person answered to Ui.prompt: the text in its field (kept whatever button closed it) and the button. */
export class PromptResponse extends ServiceObject {
  constructor(
    host: Host,
    private readonly text: string,
    private readonly button: string,
  ) {
    super(host, 'PromptResponse');
  }

  getResponseText(): string {
    return this.text;
  }
  getSelectedButton(): string {
    return this.button;
  }
}

export class Menu extends ServiceObject {
  constructor(
    host: Host,
    private readonly record: MenuRecord,
  ) {
    super(host, 'Menu');
  }

  addItem(caption: string, functionName: string): this {
    this.record.items.push({ caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator(): this {
    this.record.items.push({ separator: true });
    return this;
  }
  addSubMenu(menu: Menu): this {
    if (!(menu instanceof Menu)) {
      throw this.host.exception("The parameters don't match the method signature for Menu.addSubMenu.");
    }
    this.record.items.push({ submenu: structuredClone(menu.record) });
    return this;
  }
  /** Records the menu, replacing an earlier one of the same name. */
  addToUi(): void {
    const menus = this.host.ui.menus;
    const i = menus.findIndex((m) => m.name === this.record.name && !!m.addon === !!this.record.addon);
    const copy = structuredClone(this.record);
    if (i >= 0) menus[i] = copy;
    else menus.push(copy);
  }
}
