/** Protection: protected ranges and sheets, their editors, warning-only mode and unprotected holes. */
import type { Rect } from './a1';
import { type Host, ServiceObject } from './host';
import { fileAccess } from './drive';
import type { ProtectionModel } from './model';
import { protectionAllows } from './sheetOps';
import { User } from './session';
import { makeRange, rangeRefOf } from './rangeRefs';
import type { EmuRange } from './spreadsheet';

export const ProtectionType = Object.freeze({ RANGE: 'RANGE', SHEET: 'SHEET' });

function emailOf(host: Host, v: unknown, method: string): string {
  if (typeof v === 'string') return v;
  if (v instanceof User) return v.getEmail();
  throw host.exception(`The parameters don't match the method signature for ${method}.`);
}

/**
 * A new protection's editors: the owner and the user who created it. As in Sheets, its permissions mirror
 * the spreadsheet's (every editor of the file may still edit) until a script changes its editors or its
 * domain edit setting; the emulator knows no sharing list, so getEditors() meanwhile names those two.
 */
export function newProtection(
  host: Host,
  sheetId: number,
  type: 'RANGE' | 'SHEET',
  rect?: Rect,
): ProtectionModel {
  host.assertFileEditable();
  const creator = host.actingUser();
  const editors = [...new Set([host.wb.owner, creator].filter(Boolean))];
  const model: ProtectionModel = {
    id: host.wb.newId('protection-'),
    sheetId,
    type,
    rect,
    description: '',
    warningOnly: false,
    editors,
    unprotected: [],
    mirrorsSpreadsheet: true,
    domainEdit: false,
  };
  host.wb.protections.push(model);
  return model;
}

export class Protection extends ServiceObject {
  constructor(
    host: Host,
    readonly model: ProtectionModel,
  ) {
    super(host, 'Protection');
  }

  getDescription(): string {
    return this.model.description;
  }
  setDescription(description: string): this {
    this.host.assertFileEditable();
    this.model.description = String(description);
    return this;
  }
  isWarningOnly(): boolean {
    return this.model.warningOnly;
  }
  setWarningOnly(warningOnly: boolean): this {
    this.host.assertFileEditable();
    this.model.warningOnly = Boolean(warningOnly);
    return this;
  }
  getProtectionType(): string {
    return this.model.type;
  }
  getEditors(): User[] {
    return this.model.editors.map((e) => new User(this.host, e));
  }
  addEditor(emailOrUser: unknown): this {
    this.host.assertFileEditable();
    const email = emailOf(this.host, emailOrUser, 'Protection.addEditor');
    if (!this.model.editors.includes(email)) this.model.editors.push(email);
    this.model.mirrorsSpreadsheet = false;
    return this;
  }
  addEditors(emails: unknown[]): this {
    for (const e of emails) this.addEditor(e);
    return this;
  }
  /** The owner always stays an editor. */
  removeEditor(emailOrUser: unknown): this {
    this.host.assertFileEditable();
    const email = emailOf(this.host, emailOrUser, 'Protection.removeEditor');
    if (email !== this.host.wb.owner) this.model.editors = this.model.editors.filter((e) => e !== email);
    this.model.mirrorsSpreadsheet = false;
    return this;
  }
  removeEditors(emailsOrUsers: unknown[]): this {
    for (const e of emailsOrUsers) this.removeEditor(e);
    return this;
  }
  canDomainEdit(): boolean {
    return Boolean(this.model.domainEdit);
  }
  setDomainEdit(editable: boolean): this {
    this.host.assertFileEditable();
    if (typeof editable !== 'boolean')
      throw this.host.exception(
        "The parameters don't match the method signature for Protection.setDomainEdit.",
      );
    this.model.domainEdit = editable;
    this.model.mirrorsSpreadsheet = false;
    return this;
  }
  /** False for anyone who may only view the file, whatever the protection says. */
  canEdit(): boolean {
    const actor = this.host.actingUser();
    const wb = this.host.wb;
    const access = wb === this.host.bound ? 'edit' : fileAccess(wb, actor);
    if (access !== 'owner' && access !== 'edit') return false;
    return protectionAllows(wb.owner, this.model, actor);
  }
  remove(): void {
    this.host.assertFileEditable();
    this.host.wb.protections = this.host.wb.protections.filter((p) => p !== this.model);
  }
  getRange(): EmuRange {
    const sheet = this.host.wb.sheetById(this.model.sheetId);
    if (!sheet) throw this.host.exception('The protected sheet no longer exists.');
    const rect = this.model.rect ?? { row: 1, col: 1, numRows: sheet.maxRows, numCols: sheet.maxCols };
    return makeRange(this.host, sheet, rect);
  }
  setRange(range: unknown): this {
    this.host.assertFileEditable();
    const ref = rangeRefOf(range);
    if (!ref || this.model.type !== 'RANGE')
      throw this.host.exception('Cannot set the range of a sheet protection.');
    this.model.sheetId = ref.sheetId;
    this.model.rect = { ...ref.rect };
    return this;
  }
  setUnprotectedRanges(ranges: unknown[]): this {
    this.host.assertFileEditable();
    if (this.model.type !== 'SHEET') {
      throw this.host.exception('Unprotected ranges can only be set on a sheet protection.');
    }
    this.model.unprotected = ranges.map((r) => {
      const ref = rangeRefOf(r);
      if (!ref || ref.sheetId !== this.model.sheetId) {
        throw this.host.exception('Unprotected ranges must be ranges of the protected sheet.');
      }
      return { ...ref.rect };
    });
    return this;
  }
  getUnprotectedRanges(): EmuRange[] {
    const sheet = this.host.wb.sheetById(this.model.sheetId);
    return sheet ? this.model.unprotected.map((rect) => makeRange(this.host, sheet, rect)) : [];
  }
}
