/** SpreadsheetApp.getUi(): menus, sidebars, dialogs and alerts, recorded for tests. */
import {
  type DialogAnswer,
  type DialogQuestion,
  Deferred,
  type Host,
  type MenuRecord,
  NEEDS,
  ServiceObject,
} from './host';
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

/** (prompt), (prompt, buttons) or (title, prompt, buttons), as alert and prompt take them. */
function dialogArgs(args: unknown[]): [unknown, unknown, unknown] {
  if (args.length >= 3) return [args[0], args[1], args[2]];
  return args.length === 2 ? [undefined, args[0], args[1]] : [undefined, args[0], undefined];
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
   * An alert whose only button is OK is recorded and answered OK (an acknowledgement). Other button sets
   * wait for the person's answer: the next of emu.alertResponses, else (an execution
   * run with emu.runInteractive) the answer its `ask` gives later; with neither they throw (a test must answer).
   */
  alert(...args: unknown[]): string {
    this.host.require('Ui.alert', NEEDS.limited);
    const [title, prompt, buttons] = dialogArgs(args);
    if (buttons !== undefined && !BUTTONS[String(buttons)]) throw this._signature('alert');
    const question: DialogQuestion = {
      kind: 'alert',
      ...(title !== undefined ? { title: String(title) } : {}),
      prompt: String(prompt),
      buttons: buttons === undefined ? 'OK' : String(buttons),
    };
    return this._answered(question, question.buttons === 'OK', (answer) => {
      this.host.ui.alerts.push({
        ...(title !== undefined ? { title: String(title) } : {}),
        prompt: question.prompt,
        ...(buttons !== undefined ? { buttons: question.buttons } : {}),
        response: answer.button,
      });
      return answer.button;
    });
  }

  /**
   * prompt(prompt), prompt(prompt, buttons), prompt(title, prompt, buttons): a dialog with an input field, answered
   * like alert's choices; returns a PromptResponse (the text is kept whichever button closed it).
   */
  prompt(...args: unknown[]): PromptResponse {
    this.host.require('Ui.prompt', NEEDS.limited);
    const [title, prompt, buttons] = dialogArgs(args);
    if (args.length === 0 || (buttons !== undefined && !BUTTONS[String(buttons)]))
      throw this._signature('prompt');
    const question: DialogQuestion = {
      kind: 'prompt',
      ...(title !== undefined ? { title: String(title) } : {}),
      prompt: String(prompt),
      buttons: buttons === undefined ? 'OK' : String(buttons),
    };
    return this._answered(question, false, (answer) => {
      const text = answer.text ?? '';
      this.host.ui.prompts.push({
        ...(title !== undefined ? { title: String(title) } : {}),
        prompt: question.prompt,
        buttons: question.buttons,
        response: { text, button: answer.button },
      });
      return this.host.internal(() => new PromptResponse(this.host, text, answer.button));
    });
  }

  /** The person's answer to `question`, checked against its buttons, handed to `done` (now, or once they answer). */
  private _answered<T>(
    question: DialogQuestion,
    acknowledgement: boolean,
    done: (answer: { button: string; text?: string }) => T,
  ): T {
    const queued = this.host.alertResponses.shift();
    if (queued !== undefined) return done(this._checked(question, queued));
    if (acknowledgement) return done({ button: Button.OK });
    const { host } = this;
    const execution = host.current;
    if (execution?.ask && execution.canWait) {
      // Answered after this call returned: the rest runs as emulator code (not counted, as the call was).
      const waiting = execution
        .ask(question)
        .then((answer) => host.internal(() => done(this._checked(question, answer))));
      throw new Deferred(waiting);
    }
    throw this.host.notImplemented(`unanswered ${question.kind}: ${question.prompt}`);
  }

  private _checked(question: DialogQuestion, answer: DialogAnswer): { button: string; text?: string } {
    const given = typeof answer === 'string' ? { button: answer } : answer;
    if (!BUTTONS[question.buttons].includes(given.button)) {
      throw new Error(`alertResponses: ${given.button} is not a button of ButtonSet.${question.buttons}`);
    }
    if (question.kind === 'alert' && given.text !== undefined)
      throw new Error(`alertResponses: an alert has no text field (${question.prompt})`);
    return given;
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

/** What Ui.prompt returns: the text typed, and the button that closed the dialog. */
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
