/** ScriptApp: installable triggers (kept in a list tests can fire) and its enums. */
import { type Host, NEEDS, ServiceObject } from './host';
import type { TriggerModel } from './model';
import { EmuSpreadsheet } from './spreadsheet';

export const AuthMode = Object.freeze({
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
});
export const EventType = Object.freeze({
  CLOCK: 'CLOCK',
  ON_OPEN: 'ON_OPEN',
  ON_EDIT: 'ON_EDIT',
  ON_FORM_SUBMIT: 'ON_FORM_SUBMIT',
  ON_CHANGE: 'ON_CHANGE',
  ON_EVENT_UPDATED: 'ON_EVENT_UPDATED',
});
export const TriggerSource = Object.freeze({
  SPREADSHEETS: 'SPREADSHEETS',
  CLOCK: 'CLOCK',
  FORMS: 'FORMS',
  DOCUMENTS: 'DOCUMENTS',
  CALENDAR: 'CALENDAR',
});
export const WeekDay = Object.freeze({
  MONDAY: 'MONDAY',
  TUESDAY: 'TUESDAY',
  WEDNESDAY: 'WEDNESDAY',
  THURSDAY: 'THURSDAY',
  FRIDAY: 'FRIDAY',
  SATURDAY: 'SATURDAY',
  SUNDAY: 'SUNDAY',
});

export const MAX_TRIGGERS = 20;

function addTrigger(host: Host, t: Omit<TriggerModel, 'uniqueId' | 'createdBy'>): Trigger {
  const createdBy = host.actingUser();
  if (host.wb.triggers.filter((x) => x.createdBy === createdBy).length >= MAX_TRIGGERS) {
    throw host.exception(
      'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
  }
  const model: TriggerModel = { ...t, uniqueId: String(1000000 + host.wb.nextId++), createdBy };
  host.wb.triggers.push(model);
  return new Trigger(host, model);
}

export class ScriptApp extends ServiceObject {
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;

  constructor(host: Host) {
    super(host, 'ScriptApp');
  }

  newTrigger(functionName: string): TriggerBuilder {
    this.host.require('ScriptApp.newTrigger', NEEDS.triggers);
    return new TriggerBuilder(this.host, String(functionName));
  }
  /** The current user's triggers of this script. */
  getProjectTriggers(): Trigger[] {
    this.host.require('ScriptApp.getProjectTriggers', NEEDS.triggers);
    const user = this.host.actingUser();
    return this.host.wb.triggers.filter((t) => t.createdBy === user).map((t) => new Trigger(this.host, t));
  }
  getUserTriggers(spreadsheet: EmuSpreadsheet): Trigger[] {
    this.host.require('ScriptApp.getUserTriggers', NEEDS.triggers);
    if (!(spreadsheet instanceof EmuSpreadsheet)) {
      throw this.host.notImplemented('ScriptApp.getUserTriggers for anything but the spreadsheet');
    }
    const user = this.host.actingUser();
    return this.host.wb.triggers
      .filter((t) => t.createdBy === user && t.triggerSourceId === this.host.wb.id)
      .map((t) => new Trigger(this.host, t));
  }
  deleteTrigger(trigger: Trigger): void {
    this.host.require('ScriptApp.deleteTrigger', NEEDS.triggers);
    if (!(trigger instanceof Trigger)) {
      throw this.host.exception(
        "The parameters don't match the method signature for ScriptApp.deleteTrigger.",
      );
    }
    this.host.wb.triggers = this.host.wb.triggers.filter((t) => t.uniqueId !== trigger.model.uniqueId);
  }
}

export class TriggerBuilder extends ServiceObject {
  constructor(
    host: Host,
    private readonly handler: string,
  ) {
    super(host, 'TriggerBuilder');
  }

  timeBased(): ClockTriggerBuilder {
    return new ClockTriggerBuilder(this.host, this.handler);
  }
  forSpreadsheet(spreadsheet: EmuSpreadsheet | string): SpreadsheetTriggerBuilder {
    const id = spreadsheet instanceof EmuSpreadsheet ? spreadsheet.getId() : String(spreadsheet);
    if (id !== this.host.wb.id) throw this.host.notImplemented('triggers for another spreadsheet');
    return new SpreadsheetTriggerBuilder(this.host, this.handler);
  }
}

interface Schedule {
  every?: { unit: 'minutes' | 'hours' | 'days' | 'weeks'; n: number };
  weekDay?: string;
  hour?: number;
  minute?: number;
  timeZone?: string;
  at?: number;
}

export class ClockTriggerBuilder extends ServiceObject {
  private readonly schedule: Schedule = {};

  constructor(
    host: Host,
    private readonly handler: string,
  ) {
    super(host, 'ClockTriggerBuilder');
  }

  private _every(unit: 'minutes' | 'hours' | 'days' | 'weeks', n: number, allowed?: number[]): this {
    if (allowed && !allowed.includes(n)) {
      throw this.host.exception(
        `The value passed to every${unit[0].toUpperCase()}${unit.slice(1)}() must be one of ${allowed.join(', ')}.`,
      );
    }
    this.schedule.every = { unit, n };
    return this;
  }
  everyMinutes(n: number): this {
    return this._every('minutes', n, [1, 5, 10, 15, 30]);
  }
  everyHours(n: number): this {
    return this._every('hours', n, [1, 2, 4, 6, 8, 12]);
  }
  everyDays(n: number): this {
    return this._every('days', n);
  }
  everyWeeks(n: number): this {
    return this._every('weeks', n);
  }
  onWeekDay(day: string): this {
    if (!(String(day) in WeekDay)) {
      throw this.host.exception(
        "The parameters don't match the method signature for ClockTriggerBuilder.onWeekDay.",
      );
    }
    this.schedule.weekDay = String(day);
    return this;
  }
  atHour(hour: number): this {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23)
      throw this.host.exception('Hour must be between 0 and 23.');
    this.schedule.hour = hour;
    return this;
  }
  nearMinute(minute: number): this {
    if (!Number.isInteger(minute) || minute < 0 || minute > 59) {
      throw this.host.exception('Minute must be between 0 and 59.');
    }
    this.schedule.minute = minute;
    return this;
  }
  inTimezone(timezone: string): this {
    this.schedule.timeZone = String(timezone);
    return this;
  }
  after(durationMilliseconds: number): this {
    this.schedule.at = this.host.now() + durationMilliseconds;
    return this;
  }
  at(date: Date): this {
    this.schedule.at = date.getTime();
    return this;
  }
  create(): Trigger {
    const s = this.schedule;
    const unit = s.every?.unit;
    if (!s.every && s.at === undefined) throw this.host.exception('The trigger has no schedule.');
    if (s.weekDay && unit !== 'weeks') throw this.host.exception('onWeekDay() requires everyWeeks().');
    if (s.hour !== undefined && unit !== 'days' && unit !== 'weeks') {
      throw this.host.exception('atHour() requires everyDays() or everyWeeks().');
    }
    const parts = [
      s.every ? `every ${s.every.n} ${s.every.unit}` : `once at ${new Date(s.at ?? 0).toISOString()}`,
      s.weekDay ? `on ${s.weekDay}` : '',
      s.hour !== undefined ? `at hour ${s.hour}` : '',
      s.minute !== undefined ? `near minute ${s.minute}` : '',
      `(${s.timeZone ?? this.host.scriptTimeZone})`,
    ];
    return addTrigger(this.host, {
      handlerFunction: this.handler,
      eventType: 'CLOCK',
      triggerSource: 'CLOCK',
      triggerSourceId: null,
      schedule: parts.filter(Boolean).join(' '),
    });
  }
}

export class SpreadsheetTriggerBuilder extends ServiceObject {
  private eventType: TriggerModel['eventType'] | null = null;

  constructor(
    host: Host,
    private readonly handler: string,
  ) {
    super(host, 'SpreadsheetTriggerBuilder');
  }

  onOpen(): this {
    this.eventType = 'ON_OPEN';
    return this;
  }
  onEdit(): this {
    this.eventType = 'ON_EDIT';
    return this;
  }
  onChange(): this {
    this.eventType = 'ON_CHANGE';
    return this;
  }
  onFormSubmit(): this {
    this.eventType = 'ON_FORM_SUBMIT';
    return this;
  }
  create(): Trigger {
    if (!this.eventType) throw this.host.exception('The trigger has no event type.');
    return addTrigger(this.host, {
      handlerFunction: this.handler,
      eventType: this.eventType,
      triggerSource: 'SPREADSHEETS',
      triggerSourceId: this.host.wb.id,
      schedule: this.eventType,
    });
  }
}

export class Trigger extends ServiceObject {
  constructor(
    host: Host,
    readonly model: TriggerModel,
  ) {
    super(host, 'Trigger');
  }

  getHandlerFunction(): string {
    return this.model.handlerFunction;
  }
  getUniqueId(): string {
    return this.model.uniqueId;
  }
  getEventType(): string {
    return this.model.eventType;
  }
  getTriggerSource(): string {
    return this.model.triggerSource;
  }
  getTriggerSourceId(): string | null {
    return this.model.triggerSourceId;
  }
}
