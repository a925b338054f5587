/** Embedded charts: built, inserted, updated, removed and read back; never rendered. */
import { type Host, ServiceObject } from './host';
import type { ChartSpec } from './model';
import { makeRange, rangeRefOf } from './rangeRefs';
import type { EmuRange } from './spreadsheet';

export const ChartType = Object.freeze({
  AREA: 'AREA',
  BAR: 'BAR',
  BUBBLE: 'BUBBLE',
  CANDLESTICK: 'CANDLESTICK',
  COLUMN: 'COLUMN',
  COMBO: 'COMBO',
  GAUGE: 'GAUGE',
  GEO: 'GEO',
  HISTOGRAM: 'HISTOGRAM',
  LINE: 'LINE',
  ORG: 'ORG',
  PIE: 'PIE',
  RADAR: 'RADAR',
  SCATTER: 'SCATTER',
  SCORECARD: 'SCORECARD',
  SPARKLINE: 'SPARKLINE',
  STEPPED_AREA: 'STEPPED_AREA',
  TABLE: 'TABLE',
  TIMELINE: 'TIMELINE',
  TREEMAP: 'TREEMAP',
  WATERFALL: 'WATERFALL',
});

/** The Charts service: only its ChartType enum. */
export class Charts extends ServiceObject {
  readonly ChartType = ChartType;

  constructor(host: Host) {
    super(host, 'Charts');
  }
}

function chartRanges(host: Host, spec: ChartSpec): EmuRange[] {
  return spec.ranges.flatMap((ref) => {
    const sheet = host.wb.sheetById(ref.sheetId);
    return sheet ? [makeRange(host, sheet, ref.rect)] : [];
  });
}

export class EmbeddedChartBuilder extends ServiceObject {
  private readonly spec: ChartSpec;

  constructor(host: Host, spec: ChartSpec) {
    super(host, 'EmbeddedChartBuilder');
    this.spec = structuredClone(spec);
  }

  setChartType(type: string): this {
    if (!(String(type) in ChartType)) throw this.host.exception(`Unknown chart type ${String(type)}.`);
    this.spec.type = String(type);
    return this;
  }
  getChartType(): string {
    return this.spec.type;
  }
  addRange(range: unknown): this {
    const ref = rangeRefOf(range);
    if (!ref) {
      throw this.host.exception(
        "The parameters don't match the method signature for EmbeddedChartBuilder.addRange.",
      );
    }
    this.spec.ranges.push(structuredClone(ref));
    return this;
  }
  removeRange(range: unknown): this {
    const ref = rangeRefOf(range);
    this.spec.ranges = this.spec.ranges.filter((r) => JSON.stringify(r) !== JSON.stringify(ref));
    return this;
  }
  clearRanges(): this {
    this.spec.ranges = [];
    return this;
  }
  getRanges(): EmuRange[] {
    return chartRanges(this.host, this.spec);
  }
  setPosition(anchorRow: number, anchorColumn: number, offsetX: number, offsetY: number): this {
    this.spec.position = { row: anchorRow, col: anchorColumn, offsetX, offsetY };
    return this;
  }
  setOption(option: string, value: unknown): this {
    this.spec.options[String(option)] = structuredClone(value);
    return this;
  }
  build(): EmbeddedChart {
    if (!this.spec.type) throw this.host.exception('The chart type must be set before building the chart.');
    return new EmbeddedChart(this.host, this.spec);
  }
}

export class EmbeddedChart extends ServiceObject {
  readonly spec: ChartSpec;

  constructor(host: Host, spec: ChartSpec) {
    super(host, 'EmbeddedChart');
    this.spec = structuredClone(spec);
  }

  getChartId(): string {
    return this.spec.id;
  }
  getId(): string {
    return this.spec.id;
  }
  getRanges(): EmuRange[] {
    return chartRanges(this.host, this.spec);
  }
  getOptions(): ChartOptions {
    return new ChartOptions(this.host, this.spec.options);
  }
  getContainerInfo(): ContainerInfo {
    return new ContainerInfo(this.host, this.spec.position);
  }
  modify(): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder(this.host, this.spec);
  }
}

export class ChartOptions extends ServiceObject {
  constructor(
    host: Host,
    private readonly options: Record<string, unknown>,
  ) {
    super(host, 'ChartOptions');
  }

  get(option: string): unknown {
    return structuredClone(this.options[option] ?? null);
  }
}

export class ContainerInfo extends ServiceObject {
  constructor(
    host: Host,
    private readonly position: ChartSpec['position'],
  ) {
    super(host, 'ContainerInfo');
  }

  getAnchorRow(): number {
    return this.position.row;
  }
  getAnchorColumn(): number {
    return this.position.col;
  }
  getOffsetX(): number {
    return this.position.offsetX;
  }
  getOffsetY(): number {
    return this.position.offsetY;
  }
}
