/**
 * The preview page: a spreadsheet window over the preview server. Every cell, caption, title and
 * message reaches the DOM through textContent, attributes or CSSOM: sheet text is user input.
 */
import type {
  ActionResult,
  Alert,
  Answer,
  AxisView,
  ChartView,
  Email,
  Grid,
  Menu,
  MenuItem,
  PreviewUser,
  Question,
  RunResult,
  SheetInfo,
  SpreadsheetInfo,
  ShimMessage,
  ShimReply,
  Surface,
  Toast,
} from './protocol';

const $ = <T extends HTMLElement>(id: string): T => {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing`);
  return found as T;
};

type Attrs = Record<string, string | number | boolean | undefined>;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  children: Array<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = String(value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) node.append(child);
  return node;
}

const state = {
  started: false,
  /** The open spreadsheet's id ('' until the list came: the server's first one). */
  spreadsheet: '',
  user: '',
  sheet: '',
  sheets: [] as SheetInfo[],
  grid: null as Grid | null,
  selected: { row: 0, col: 0 },
  sidebar: null as { surface: Surface; frame: HTMLIFrameElement } | null,
  dialogs: [] as Array<{
    surface: Surface;
    frame: HTMLIFrameElement;
    root: HTMLElement;
    returnFocus: Element | null;
  }>,
};

// ---- server

/** Every request names the open spreadsheet: the preview holds several (a district tracker and its schools). */
async function getJson<T>(url: string): Promise<T> {
  const at = `${url}${url.includes('?') ? '&' : '?'}ss=${encodeURIComponent(state.spreadsheet)}`;
  const res = await fetch(at, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function postJson<T>(url: string, body: object): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...body, ss: state.spreadsheet }),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

// ---- status, errors, toasts

function setStatus(message: string): void {
  $('status').textContent = message;
}

function showError(message: string): void {
  const bar = $('error-bar');
  bar.replaceChildren(
    el('span', { text: message }),
    (() => {
      const close = el('button', {
        type: 'button',
        class: 'icon-button',
        'aria-label': 'Dismiss error',
        text: '\u2715',
      });
      close.addEventListener('click', () => (bar.hidden = true));
      return close;
    })(),
  );
  bar.hidden = false;
}

function showToast(toast: Toast): void {
  const box = el('div', { class: 'toast' }, [
    ...(toast.title ? [el('strong', { text: toast.title })] : []),
    el('span', { text: toast.message }),
  ]);
  const close = el('button', {
    type: 'button',
    class: 'icon-button',
    'aria-label': 'Dismiss notification',
    text: '\u2715',
  });
  close.addEventListener('click', () => box.remove());
  box.append(close);
  $('toasts').append(box);
  const seconds = toast.timeoutSeconds ?? 5;
  if (seconds >= 0) setTimeout(() => box.remove(), Math.max(seconds, 1) * 1000);
}

// ---- modal overlays (alerts, dialogs)

function trapFocus(root: HTMLElement, event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const focusable = Array.from(
    root.querySelectorAll<HTMLElement>('button, input, iframe, [tabindex]:not([tabindex="-1"])'),
  ).filter((n) => !n.hidden);
  if (focusable.length === 0) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (event.shiftKey && document.activeElement === first) {
    last.focus();
    event.preventDefault();
  } else if (!event.shiftKey && document.activeElement === last) {
    first.focus();
    event.preventDefault();
  }
}

/** Alerts and questions, one at a time in the order executions showed them. */
const alertQueue: Array<{ alert: Alert | Question; answered: (answer: Answer) => void }> = [];
let alertOpen = false;

function showAlert(alert: Alert): void {
  alertQueue.push({ alert, answered: () => undefined });
  if (!alertOpen) nextAlert();
}

/** A question an execution waits on, shown as Sheets shows it; resolves with the button clicked. */
function ask(question: Question): Promise<Answer> {
  return new Promise((resolve) => {
    alertQueue.push({ alert: question, answered: resolve });
    if (!alertOpen) nextAlert();
  });
}

/** Each ButtonSet's buttons, left to right, as Sheets lays them out (the default last). */
const BUTTON_SETS: Record<string, Array<[string, string]>> = {
  OK: [['OK', 'OK']],
  OK_CANCEL: [
    ['CANCEL', 'Cancel'],
    ['OK', 'OK'],
  ],
  YES_NO: [
    ['NO', 'No'],
    ['YES', 'Yes'],
  ],
  YES_NO_CANCEL: [
    ['CANCEL', 'Cancel'],
    ['NO', 'No'],
    ['YES', 'Yes'],
  ],
};

function nextAlert(): void {
  const next = alertQueue.shift();
  if (!next) {
    alertOpen = false;
    return;
  }
  alertOpen = true;
  const { alert, answered } = next;
  const isPrompt = 'kind' in alert && alert.kind === 'prompt';
  const returnFocus = document.activeElement;
  const titleId = `alert-title-${Date.now()}`;
  const bodyId = `${titleId}-body`;
  const input = isPrompt
    ? el('input', { type: 'text', class: 'prompt-input', 'aria-labelledby': bodyId, autocomplete: 'off' })
    : null;
  const buttons = (BUTTON_SETS[alert.buttons ?? 'OK'] ?? BUTTON_SETS.OK).map(([name, label], i, all) =>
    el('button', {
      type: 'button',
      class: i === all.length - 1 ? 'primary' : 'secondary',
      'data-button': name,
      text: label,
    }),
  );
  const closeButton = el('button', {
    type: 'button',
    class: 'icon-button',
    'aria-label': 'Close',
    'data-button': 'CLOSE',
    text: '\u2715',
  });
  const box = el(
    'div',
    {
      class: 'modal alert',
      role: isPrompt ? 'dialog' : 'alertdialog',
      'aria-modal': 'true',
      'aria-labelledby': titleId,
      'aria-describedby': bodyId,
    },
    [
      el('div', { class: 'alert-head' }, [
        el('h2', { id: titleId, text: alert.title || 'Relationship Call Tracker' }),
        ...('kind' in alert ? [closeButton] : []),
      ]),
      el('p', { id: bodyId, class: 'alert-text', text: alert.prompt }),
      ...(input ? [input] : []),
      el('div', { class: 'modal-actions' }, buttons),
    ],
  );
  const backdrop = el('div', { class: 'backdrop' }, [box]);
  const close = (button: string): void => {
    backdrop.remove();
    if (returnFocus instanceof HTMLElement && document.contains(returnFocus)) returnFocus.focus();
    answered(input ? { button, text: input.value } : { button });
    nextAlert();
  };
  for (const b of [...buttons, closeButton])
    b.addEventListener('click', () => close(b.dataset.button ?? 'CLOSE'));
  input?.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') close(buttons[buttons.length - 1].dataset.button ?? 'OK');
  });
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close('kind' in alert ? 'CLOSE' : 'OK');
    trapFocus(box, e);
  });
  $('overlays').append(backdrop);
  (input ?? buttons[buttons.length - 1]).focus();
}

function surfaceFrame(surface: Surface): HTMLIFrameElement {
  // Sandboxed without allow-same-origin: like Apps Script's user-content origin, the add-on's
  // HTML cannot touch this page; google.script.run goes through postMessage.
  return el('iframe', {
    src: `/surface/${surface.id}`,
    title: surface.title || (surface.kind === 'sidebar' ? 'Sidebar' : 'Dialog'),
    sandbox: 'allow-scripts allow-forms allow-popups allow-modals allow-downloads',
    class: 'surface-frame',
    'data-surface': surface.id,
  });
}

function openDialog(surface: Surface): void {
  const returnFocus = document.activeElement;
  const titleId = `dialog-title-${surface.id}`;
  const frame = surfaceFrame(surface);
  frame.style.width = `${surface.width ?? 600}px`;
  frame.style.height = `${surface.height ?? 400}px`;
  const closeButton = el('button', {
    type: 'button',
    class: 'icon-button',
    'aria-label': 'Close dialog',
    text: '\u2715',
  });
  const box = el(
    'div',
    {
      class: 'modal dialog',
      role: 'dialog',
      'aria-modal': surface.modal === false ? 'false' : 'true',
      'aria-labelledby': titleId,
    },
    [
      el('div', { class: 'panel-head' }, [
        el('h2', { id: titleId, text: surface.title || 'Dialog' }),
        closeButton,
      ]),
      frame,
    ],
  );
  const root = el('div', { class: surface.modal === false ? 'modeless' : 'backdrop' }, [box]);
  const entry = { surface, frame, root, returnFocus };
  closeButton.addEventListener('click', () => closeDialog(entry));
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeDialog(entry);
    trapFocus(box, e);
  });
  state.dialogs.push(entry);
  $('overlays').append(root);
  closeButton.focus();
}

function closeDialog(entry: (typeof state.dialogs)[number]): void {
  entry.root.remove();
  state.dialogs = state.dialogs.filter((d) => d !== entry);
  if (entry.returnFocus instanceof HTMLElement && document.contains(entry.returnFocus))
    entry.returnFocus.focus();
}

function openSidebar(surface: Surface): void {
  const body = $('sidebar-body');
  const frame = surfaceFrame(surface);
  body.replaceChildren(frame);
  $('sidebar-title').textContent = surface.title || 'Sidebar';
  $('sidebar').hidden = false;
  state.sidebar = { surface, frame };
}

function closeSidebar(): void {
  $('sidebar').hidden = true;
  $('sidebar-body').replaceChildren();
  state.sidebar = null;
}

// ---- what an execution showed

function applyResult(result: ActionResult, what: string): void {
  if (result.ui.menus.length > 0) renderMenus(result.ui.menus);
  for (const surface of result.ui.surfaces) {
    if (surface.kind === 'sidebar') openSidebar(surface);
    else openDialog(surface);
  }
  for (const alert of result.ui.alerts) showAlert(alert);
  for (const toast of result.ui.toasts) showToast(toast);
  if (result.error) showError(`${what}: ${result.error}`);
  $('outbox-count').textContent = String(result.outboxCount);
  const x = result.execution;
  if (x)
    setStatus(
      `${x.fn} ran as ${x.user || '(blank email)'}: ${x.serviceCalls} service calls, ${x.ms} ms${result.error ? ', failed' : ''}.`,
    );
}

// ---- menus

function closeMenus(except?: HTMLElement): void {
  for (const button of Array.from(
    document.querySelectorAll<HTMLButtonElement>('.menu-button[aria-expanded="true"]'),
  )) {
    if (button === except) continue;
    button.setAttribute('aria-expanded', 'false');
    const list = document.getElementById(button.getAttribute('aria-controls') ?? '');
    if (list) list.hidden = true;
  }
}

function menuItems(menu: Menu, list: HTMLElement, button: HTMLButtonElement): void {
  for (const item of menu.items) {
    if ('separator' in item) {
      list.append(el('li', { class: 'separator', role: 'separator' }));
    } else if ('submenu' in item) {
      const sub = el('ul', { class: 'submenu', 'aria-label': item.submenu.name });
      menuItems(item.submenu, sub, button);
      list.append(
        el('li', { class: 'submenu-item' }, [
          el('span', { class: 'submenu-name', text: item.submenu.name }),
          sub,
        ]),
      );
    } else {
      const action = el('button', {
        type: 'button',
        class: 'menu-item',
        'data-function': item.functionName,
        text: item.caption,
      });
      action.addEventListener('click', () => {
        closeMenus();
        button.focus();
        void (SHEETS_ITEMS.get(item) ?? (() => runMenuItem(item.caption, item.functionName)))();
      });
      list.append(el('li', {}, [action]));
    }
  }
}

/** File → Make a copy: a new spreadsheet, the signed-in person's, with the same script (not an add-on item). */
const MAKE_COPY: MenuItem = { caption: 'Make a copy', functionName: '' };
/** Sheets' own menu items the preview acts out, beside the add-on's. */
const SHEETS_ITEMS = new Map<MenuItem, () => Promise<void>>([[MAKE_COPY, makeCopy]]);

async function makeCopy(): Promise<void> {
  setStatus('Making a copy…');
  try {
    const copy = await postJson<SpreadsheetInfo>('/api/copy', { user: state.user });
    // Sheets opens the copy in a new browser tab: here, the spreadsheet switcher moves to it.
    await openSpreadsheet(copy.id);
    setStatus(`Made "${copy.name}": yours, shared with nobody, with the same script.`);
  } catch (error) {
    showError(`Make a copy: ${String(error)}`);
  }
}

function renderMenus(menus: Menu[]): void {
  const bar = $('menubar');
  const latest = new Map<string, Menu>([['File', { name: 'File', items: [MAKE_COPY] }]]);
  for (const menu of menus) latest.set(menu.name, menu);
  const items: HTMLElement[] = [];
  let n = 0;
  for (const menu of latest.values()) {
    const id = `menu-${n++}`;
    const button = el('button', {
      type: 'button',
      class: 'menu-button',
      'aria-expanded': 'false',
      'aria-controls': id,
      text: menu.name,
    });
    const list = el('ul', { id, class: 'menu-list', hidden: true });
    menuItems(menu, list, button);
    button.addEventListener('click', () => {
      const open = button.getAttribute('aria-expanded') !== 'true';
      closeMenus(button);
      button.setAttribute('aria-expanded', String(open));
      list.hidden = !open;
      if (open) list.querySelector<HTMLButtonElement>('button')?.focus();
    });
    list.addEventListener('keydown', (e) => {
      const buttons = Array.from(list.querySelectorAll<HTMLButtonElement>('button'));
      const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
      if (e.key === 'Escape') {
        closeMenus();
        button.focus();
      } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const next = (at + (e.key === 'ArrowDown' ? 1 : -1) + buttons.length) % buttons.length;
        buttons[next]?.focus();
      }
    });
    items.push(el('div', { class: 'menu' }, [button, list]));
  }
  bar.replaceChildren(...items);
}

document.addEventListener('click', (e) => {
  if (!(e.target instanceof Node) || !$('menubar').contains(e.target)) closeMenus();
});

async function runMenuItem(caption: string, fn: string): Promise<void> {
  setStatus(`Running ${caption}…`);
  try {
    let result = await postJson<ActionResult>('/api/menu', { fn, user: state.user });
    applyResult(result, caption);
    // The execution waits for each answer, as in Sheets, and carries on once it has it.
    while (result.question) {
      setStatus(`${caption} is waiting for your answer.`);
      const answer = await ask(result.question);
      result = await postJson<ActionResult>('/api/answer', answer);
      applyResult(result, caption);
    }
  } catch (error) {
    showError(`${caption}: ${String(error)}`);
  }
  await refresh();
}

// ---- signed-in user

async function openAs(user: string): Promise<void> {
  state.user = user;
  closeSidebar();
  for (const dialog of [...state.dialogs]) closeDialog(dialog);
  const result = await postJson<ActionResult>('/api/open', { user });
  renderMenus(result.ui.menus); // a new window: only what this onOpen added
  applyResult({ ...result, ui: { ...result.ui, menus: [] } }, 'onOpen');
}

async function loadUsers(): Promise<void> {
  const users = await getJson<PreviewUser[]>('/api/users');
  const select = $<HTMLSelectElement>('user');
  const keep = state.user;
  select.replaceChildren(...users.map((u) => el('option', { value: u.email, text: u.label })));
  // First visit: the first person on Staff (the sample district lists its leader, the owner, first);
  // on another spreadsheet, the same person if they are on its Staff too.
  select.value = state.started && users.some((u) => u.email === keep) ? keep : (users[0]?.email ?? '');
}

// ---- the sheet

function columnLetters(n: number): string {
  let s = '';
  for (let c = n + 1; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function a1Of(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

function parseA1(ref: string): { row: number; col: number } | null {
  const m = /^\s*([A-Za-z]{1,3})(\d{1,7})\s*$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

function renderTabs(): void {
  const tabs = $('tabs');
  const buttons = state.sheets.map((s) => {
    const selected = s.name === state.sheet;
    const button = el('button', {
      type: 'button',
      role: 'tab',
      class: 'tab',
      id: `tab-${encodeURIComponent(s.name).replace(/%/g, '_')}`,
      'aria-selected': String(selected),
      'aria-controls': 'tabpanel',
      tabindex: selected ? 0 : -1,
      text: s.name,
    });
    button.addEventListener('click', () => void selectSheet(s.name));
    return button;
  });
  tabs.replaceChildren(...buttons);
  const current = buttons.find((b) => b.getAttribute('aria-selected') === 'true');
  if (current) $('tabpanel').setAttribute('aria-labelledby', current.id);
}

$('tabs').addEventListener('keydown', (e) => {
  if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
  e.preventDefault();
  const names = state.sheets.map((s) => s.name);
  const at = names.indexOf(state.sheet);
  const next =
    e.key === 'Home'
      ? 0
      : e.key === 'End'
        ? names.length - 1
        : (at + (e.key === 'ArrowRight' ? 1 : -1) + names.length) % names.length;
  void selectSheet(names[next]).then(() =>
    document.querySelector<HTMLButtonElement>('.tab[aria-selected="true"]')?.focus(),
  );
});

/** Sheets' default size of an embedded chart, in pixels. */
const CHART_WIDTH = 600;
const CHART_HEIGHT = 371;
const ROW_HEAD_WIDTH = 46;

function renderGrid(grid: Grid): void {
  // Like Sheets, empty columns and rows show past the data, as far as a chart floats over them.
  const anchors = grid.charts ?? [];
  const dataRows = grid.display.length;
  const dataCols = grid.display[0]?.length ?? 0;
  const cols = Math.max(dataCols, ...anchors.map((c) => c.anchor.col + 7));
  const rows = Math.max(dataRows, ...anchors.map((c) => c.anchor.row + 19));
  const textAt = (r: number, c: number): string => grid.display[r]?.[c] ?? '';
  const hidden = new Set(grid.hiddenColumns ?? []);
  // A hidden column takes no room, as in Sheets.
  const widthOf = (c: number): number =>
    hidden.has(c) ? 0 : Math.max(2, Math.min(grid.columnWidths[c] ?? 100, 1000));
  const key = (r: number, c: number): number => r * cols + c;
  const notes = new Map(grid.notes.map(([r, c, v]) => [key(r, c), v]));
  const backgrounds = new Map(grid.backgrounds.map(([r, c, v]) => [key(r, c), v]));
  const colors = new Map(grid.fontColors.map(([r, c, v]) => [key(r, c), v]));
  const aligns = new Map(grid.alignments.map(([r, c, v]) => [key(r, c), v]));
  const valigns = new Map(grid.verticalAlignments.map(([r, c, v]) => [key(r, c), v]));
  const bold = new Set(grid.bold.map(([r, c]) => key(r, c)));
  const struck = new Set(grid.struck.map(([r, c]) => key(r, c)));
  const wrapped = new Set(grid.wrapped.map(([r, c]) => key(r, c)));
  const frozenCols = Math.min(grid.frozenColumns ?? 0, cols);
  // Where each column starts: frozen columns stick at their place as the rest scrolls sideways.
  const lefts: number[] = [];
  let x = ROW_HEAD_WIDTH;
  for (let c = 0; c < cols; c++) {
    lefts.push(x);
    x += widthOf(c);
  }

  // Fixed layout at exactly the columns' widths, as Sheets draws them.
  const table = el('table', { class: 'sheet' });
  table.style.width = `${x}px`;
  const colgroup = el('colgroup', {}, [el('col', { class: 'row-head-col' })]);
  for (let c = 0; c < cols; c++) {
    const col = el('col');
    col.style.width = `${widthOf(c)}px`;
    if (hidden.has(c)) col.style.visibility = 'collapse';
    colgroup.append(col);
  }
  table.append(el('caption', { class: 'visually-hidden', text: `${grid.name} tab` }), colgroup);

  const cell = (r: number, c: number, tag: 'td' | 'th'): HTMLTableCellElement => {
    const k = key(r, c);
    const td = el(tag, { 'data-cell': a1Of(r, c) });
    if (tag === 'th') td.setAttribute('scope', 'col');
    const text = textAt(r, c);
    const align = aligns.get(k);
    // Text that does not fit runs on over the empty cells to its right, as in Sheets; else it is cut.
    let room = widthOf(c);
    if (text !== '' && !wrapped.has(k) && (!align || align.endsWith('left'))) {
      for (let n = c + 1; n < cols && textAt(r, n) === '' && !(c < frozenCols && n >= frozenCols); n++)
        room += widthOf(n);
    }
    if (room > widthOf(c)) {
      td.classList.add('spill');
      const span = el('span', { class: 'spill-text', text });
      span.style.maxWidth = `${room - 8}px`;
      td.append(span);
    } else {
      td.append(document.createTextNode(text)); // always the first child, even when empty
    }
    const note = notes.get(k);
    if (note !== undefined) {
      td.title = note;
      td.classList.add('has-note');
      td.append(el('span', { class: 'visually-hidden', text: ` (note: ${note})` }));
    }
    const bg = backgrounds.get(k);
    if (bg) td.style.backgroundColor = bg;
    const color = colors.get(k);
    if (color) td.style.color = color;
    if (align) td.style.textAlign = align.replace('general-', '');
    const valign = valigns.get(k);
    if (valign) td.style.verticalAlign = valign === 'middle' ? 'middle' : valign;
    if (bold.has(k)) td.classList.add('bold');
    if (struck.has(k)) td.classList.add('struck');
    if (wrapped.has(k)) td.classList.add('wrap');
    if (c < frozenCols) {
      td.classList.add('frozen-col');
      td.style.left = `${lefts[c]}px`;
    }
    if (r === state.selected.row && c === state.selected.col) td.classList.add('selected');
    return td;
  };

  const letters = el('tr', { class: 'letters' }, [el('td', { class: 'corner' })]);
  for (let c = 0; c < cols; c++) {
    const head = el('th', { scope: 'col', class: 'col-head', 'aria-hidden': 'true', text: columnLetters(c) });
    if (c < frozenCols) {
      head.classList.add('frozen-col');
      head.style.left = `${lefts[c]}px`;
    }
    letters.append(head);
  }
  const frozen = Math.min(grid.frozenRows, rows);
  const thead = el('thead', {}, [letters]);
  const tbody = el('tbody');
  for (let r = 0; r < rows; r++) {
    const header = r < frozen;
    const tr = el('tr', {}, [el('th', { scope: 'row', class: 'row-head', text: String(r + 1) })]);
    for (let c = 0; c < cols; c++) tr.append(cell(r, c, header ? 'th' : 'td'));
    (header ? thead : tbody).append(tr);
  }
  if (frozen > 0) thead.classList.add('frozen');
  if (frozenCols > 0) table.classList.add('has-frozen-cols');
  table.append(thead, tbody);
  // Charts float over the cells at their anchor, as in Sheets, and scroll with them.
  const layer = el('div', { class: 'sheet-layer' }, [table]);
  $('grid').replaceChildren(layer);
  for (const [i, chart] of anchors.entries()) {
    const at = table.querySelector<HTMLElement>(`[data-cell="${a1Of(chart.anchor.row, chart.anchor.col)}"]`);
    const figure = chartFigure(chart, i);
    figure.classList.add('floating');
    figure.style.left = `${lefts[chart.anchor.col] ?? x}px`;
    figure.style.top = `${at ? at.offsetTop : 0}px`;
    figure.style.width = `${CHART_WIDTH}px`;
    figure.style.minHeight = `${CHART_HEIGHT}px`;
    layer.append(figure);
  }
  showSelection();
  // For tests and tools: which tab is drawn, and a counter that changes with every redraw.
  const panel = $('tabpanel');
  panel.dataset.sheet = grid.name;
  panel.dataset.render = String(++renders);
}

function showSelection(): void {
  const grid = state.grid;
  const { row, col } = state.selected;
  $<HTMLInputElement>('cell-ref').value = a1Of(row, col);
  const formula = grid?.formulas.find(([r, c]) => r === row && c === col)?.[2];
  $<HTMLInputElement>('cell-input').value = formula ?? grid?.display[row]?.[col] ?? '';
  for (const old of Array.from(document.querySelectorAll('.sheet .selected')))
    old.classList.remove('selected');
  document.querySelector(`.sheet [data-cell="${a1Of(row, col)}"]`)?.classList.add('selected');
}

$('grid').addEventListener('click', (e) => {
  const target = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-cell]') : null;
  const at = target ? parseA1(target.dataset.cell ?? '') : null;
  if (!at) return;
  state.selected = at;
  showSelection();
});

$('cell-ref').addEventListener('keydown', (e) => {
  if (e.key !== 'Enter') return;
  const at = parseA1((e.target as HTMLInputElement).value);
  if (!at) return;
  state.selected = at;
  showSelection();
  $('cell-input').focus();
});

$('cell-input').addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' || !state.sheet) return;
  const value = (e.target as HTMLInputElement).value;
  const a1 = a1Of(state.selected.row, state.selected.col);
  void (async () => {
    try {
      const result = await postJson<ActionResult>('/api/edit', {
        sheet: state.sheet,
        a1,
        value,
        user: state.user,
      });
      applyResult(result, `Editing ${state.sheet}!${a1}`);
      if (!result.execution && !result.error) setStatus(`Typed into ${state.sheet}!${a1} (no onEdit ran).`);
    } catch (error) {
      showError(`Editing ${a1}: ${String(error)}`);
    }
    await refresh();
  })();
});

let renders = 0;
let loadsStarted = 0;
let loadsPending = 0;

/** Shows a tab. Loads can overlap (a click during a refresh): only the newest one is drawn. */
async function selectSheet(name: string): Promise<void> {
  if (name !== state.sheet) state.selected = { row: 0, col: 0 };
  state.sheet = name;
  renderTabs();
  const load = ++loadsStarted;
  const panel = $('tabpanel');
  loadsPending++;
  panel.setAttribute('aria-busy', 'true');
  try {
    const grid = await getJson<Grid>(`/api/sheet?name=${encodeURIComponent(name)}`);
    if (load !== loadsStarted) return;
    state.grid = grid;
    renderGrid(grid);
  } finally {
    if (--loadsPending === 0) panel.removeAttribute('aria-busy');
  }
}

// ---- charts (Summary's progress per school): drawn with HTML and CSS at their anchor, described by a data table

const SERIES_COLORS = ['#1a73e8', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6'];
const DRAWN_TYPES = new Set(['BAR', 'COLUMN']);

function formatNumber(value: number, axis: AxisView): string {
  return axis.percent
    ? value.toLocaleString('en-US', { style: 'percent', maximumFractionDigits: 0 })
    : value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

function chartFigure(chart: ChartView, index: number): HTMLElement {
  const titleId = `chart-title-${index}`;
  const figure = el('figure', { class: 'chart', 'aria-labelledby': titleId }, [
    el('h3', {
      id: titleId,
      class: 'chart-title',
      text: chart.title || `Untitled chart (${chart.type})`,
    }),
  ]);
  const axis = chart.type === 'COLUMN' ? chart.vAxis : chart.hAxis;
  const valueText = (series: ChartView['series'][number], i: number): string => {
    const v = series.values[i];
    // As Sheets: the axis format when it has one, otherwise the cell's own format.
    if (v !== null && axis.percent) return formatNumber(v, axis);
    return series.display[i] || (v === null ? 'no value' : formatNumber(v, axis));
  };
  const drawable = DRAWN_TYPES.has(chart.type) && !chart.error && chart.series.length > 0;
  if (drawable) figure.append(plot(chart, axis, valueText));
  else
    figure.append(
      el('p', {
        class: 'chart-placeholder',
        text:
          chart.error ??
          (DRAWN_TYPES.has(chart.type)
            ? 'This chart has no data series to draw.'
            : `${chart.type} charts are not drawn in the preview; its data is listed below.`),
      }),
    );
  if (!chart.error && chart.labels.length > 0) {
    const table = el('table', { class: drawable ? 'visually-hidden' : 'chart-data' }, [
      el('caption', {
        text: chart.title ? `Data of the chart "${chart.title}"` : `Data of the untitled ${chart.type} chart`,
      }),
      el('thead', {}, [
        el('tr', {}, [
          el('th', { scope: 'col', text: 'Label' }),
          ...chart.series.map((s) => el('th', { scope: 'col', text: s.name })),
        ]),
      ]),
      el(
        'tbody',
        {},
        chart.labels.map((label, i) =>
          el('tr', {}, [
            el('th', { scope: 'row', text: label }),
            ...chart.series.map((s) => el('td', { text: valueText(s, i) })),
          ]),
        ),
      ),
    ]);
    figure.append(table);
  }
  figure.append(
    el('p', {
      class: 'chart-anchor muted',
      text: `${chart.type} chart, anchored at cell ${a1Of(chart.anchor.row, chart.anchor.col)}`,
    }),
  );
  return figure;
}

/** Axis bounds and ticks: the chart's viewWindow when set, otherwise round steps around the data. */
function scaleOf(chart: ChartView, axis: AxisView): { lo: number; hi: number; ticks: number[] } {
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  let lo = axis.min ?? Math.min(0, ...values);
  let hi = axis.max ?? Math.max(0, ...values);
  if (hi <= lo) hi = lo + (axis.percent ? 1 : 10);
  let intervals = 4;
  if (axis.min === undefined || axis.max === undefined) {
    const raw = (hi - lo) / 4;
    const power = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
    if (axis.min === undefined) lo = Math.floor(lo / step) * step;
    if (axis.max === undefined) hi = Math.ceil(hi / step) * step;
    intervals = Math.max(1, Math.round((hi - lo) / step));
  }
  const ticks = Array.from({ length: intervals + 1 }, (_, i) => lo + ((hi - lo) * i) / intervals);
  return { lo, hi, ticks };
}

/** BAR: one row per label, bars to the right; COLUMN: one column per label, bars upwards. */
function plot(
  chart: ChartView,
  axis: AxisView,
  valueText: (series: ChartView['series'][number], i: number) => string,
): HTMLElement {
  const horizontal = chart.type === 'BAR';
  const { lo, hi, ticks } = scaleOf(chart, axis);
  const at = (v: number): number => ((Math.min(Math.max(v, lo), hi) - lo) / (hi - lo)) * 100;
  const zero = at(0);
  const [start, size, across, thickness] = horizontal
    ? (['left', 'width', 'top', 'height'] as const)
    : (['bottom', 'height', 'left', 'width'] as const);
  const n = chart.series.length;
  const box = el('div', { class: `plot ${horizontal ? 'plot-bar' : 'plot-column'}`, 'aria-hidden': 'true' });
  box.style.setProperty('--intervals', String(ticks.length - 1));
  box.style.setProperty('--categories', String(chart.labels.length));

  const tracks = chart.labels.map((label, i) => {
    const track = el('div', { class: 'plot-track' });
    const baseline = el('span', { class: 'plot-baseline' });
    baseline.style[start] = `${zero}%`;
    track.append(baseline);
    chart.series.forEach((series, s) => {
      const v = series.values[i];
      if (v === null) return;
      const bar = el('span', { class: 'plot-bar-rect' });
      bar.style[start] = `${Math.min(zero, at(v))}%`;
      bar.style[size] = `${Math.abs(at(v) - zero)}%`;
      bar.style[across] = `${15 + (70 * s) / n}%`;
      bar.style[thickness] = `${70 / n}%`;
      bar.style.backgroundColor = SERIES_COLORS[s % SERIES_COLORS.length];
      track.append(bar);
      if (n === 1 && horizontal) {
        // The value at the bar's end, inside it when the bar reaches far right.
        const text = el('span', { class: 'plot-value', text: valueText(series, i) });
        if (at(v) > 75) {
          text.classList.add('inside');
          text.style.right = `${100 - at(v)}%`;
        } else text.style.left = `${Math.max(zero, at(v))}%`;
        track.append(text);
      }
    });
    return { label: el('div', { class: 'plot-label', title: label, text: label }), track };
  });
  const tickRow = el(
    'div',
    { class: 'plot-ticks' },
    ticks.map((t) => {
      const tick = el('span', { text: formatNumber(t, axis) });
      tick.style[start] = `${at(t)}%`;
      return tick;
    }),
  );
  if (horizontal) {
    for (const { label, track } of tracks) box.append(label, track);
    box.append(el('div'), tickRow);
  } else {
    box.append(tickRow, ...tracks.map((t) => t.track), el('div'), ...tracks.map((t) => t.label));
  }
  const legendShown = n > 1 && chart.legend !== 'none';
  if (!legendShown) return box;
  const legend = el(
    'ul',
    { class: 'chart-legend', 'aria-hidden': 'true' },
    chart.series.map((series, s) => {
      const swatch = el('span', { class: 'swatch' });
      swatch.style.backgroundColor = SERIES_COLORS[s % SERIES_COLORS.length];
      return el('li', {}, [swatch, series.name]);
    }),
  );
  return el('div', {}, [box, legend]);
}

// ---- outbox

function renderOutbox(emails: Email[]): void {
  $('outbox-count').textContent = String(emails.length);
  const list = $('outbox-list');
  if (emails.length === 0) {
    list.replaceChildren(el('li', { class: 'muted', text: 'No email sent yet.' }));
    return;
  }
  list.replaceChildren(
    ...emails
      .slice()
      .reverse()
      .map((m) => {
        const details = el('details', {}, [
          el('summary', {}, [
            el('span', { class: 'subject', text: m.subject || '(no subject)' }),
            el('span', { class: 'muted', text: `To ${m.to}` }),
          ]),
          el('dl', {}, [
            el('dt', { text: 'To' }),
            el('dd', { text: m.to }),
            el('dt', { text: 'From' }),
            el('dd', { text: `${m.name ? `${m.name} ` : ''}(${m.sentBy || 'script'})` }),
            el('dt', { text: 'Sent' }),
            el('dd', { text: new Date(m.sentAt).toLocaleString() }),
            ...(m.cc ? [el('dt', { text: 'Cc' }), el('dd', { text: m.cc })] : []),
            ...(m.bcc ? [el('dt', { text: 'Bcc' }), el('dd', { text: m.bcc })] : []),
          ]),
        ]);
        if (m.htmlBody) {
          // No scripts, no same origin: the email's HTML can only be looked at.
          details.append(
            el('h3', { class: 'mail-part', text: 'As HTML' }),
            el('iframe', {
              class: 'mail-frame',
              sandbox: '',
              srcdoc: m.htmlBody,
              title: `Email: ${m.subject}`,
            }),
          );
        }
        // What a mail client without HTML shows: the same facts as plain text.
        details.append(
          ...(m.htmlBody ? [el('h3', { class: 'mail-part', text: 'As plain text' })] : []),
          el('pre', { class: 'mail-body', text: m.body ?? '' }),
        );
        return el('li', {}, [details]);
      }),
  );
}

$('outbox-toggle').addEventListener('click', () => {
  const panel = $('outbox');
  panel.hidden = !panel.hidden;
  $('outbox-toggle').setAttribute('aria-expanded', String(!panel.hidden));
  if (!panel.hidden) void getJson<Email[]>('/api/outbox').then(renderOutbox);
});
$('outbox-close').addEventListener('click', () => {
  $('outbox').hidden = true;
  $('outbox-toggle').setAttribute('aria-expanded', 'false');
  $('outbox-toggle').focus();
});
$('sidebar-close').addEventListener('click', closeSidebar);

// ---- refresh after anything ran

async function refresh(): Promise<void> {
  if (state.started) await loadUsers(); // Staff may have changed
  state.sheets = await getJson<SheetInfo[]>('/api/sheets');
  if (!state.sheets.some((s) => s.name === state.sheet)) state.sheet = state.sheets[0]?.name ?? '';
  const emails = await getJson<Email[]>('/api/outbox');
  renderOutbox(emails);
  if (state.sheet) await selectSheet(state.sheet);
  else renderTabs();
}

// ---- google.script.run from the add-on's frames

function surfaceOf(
  source: MessageEventSource | null,
): { surface: Surface; frame: HTMLIFrameElement } | undefined {
  if (!source) return undefined;
  if (state.sidebar && state.sidebar.frame.contentWindow === source) return state.sidebar;
  return state.dialogs.find((d) => d.frame.contentWindow === source);
}

window.addEventListener('message', (event: MessageEvent) => {
  const from = surfaceOf(event.source);
  const message = event.data as Partial<ShimMessage> | null;
  if (!from || !message || message.channel !== 'gas-shim') return;
  const reply = (r: Omit<ShimReply, 'channel' | 'type'>): void => {
    (event.source as Window).postMessage(
      { channel: 'gas-page', type: 'result', ...r } satisfies ShimReply,
      '*',
    );
  };
  switch (message.type) {
    case 'run': {
      const { id, fn, args } = message;
      if (typeof id !== 'number' || typeof fn !== 'string') return;
      void (async () => {
        try {
          const result = await postJson<RunResult>('/api/run', {
            fn,
            args: Array.isArray(args) ? args : [],
            user: state.user,
          });
          applyResult({ ...result, error: undefined }, fn);
          reply(
            result.ok
              ? { id, ok: true, value: result.value }
              : { id, ok: false, error: result.error ?? 'Unknown error' },
          );
        } catch (error) {
          reply({ id, ok: false, error: `The preview server did not answer: ${String(error)}` });
        }
        await refresh();
      })();
      return;
    }
    case 'close': {
      if (from === state.sidebar) closeSidebar();
      const dialog = state.dialogs.find((d) => d.frame === from.frame);
      if (dialog) closeDialog(dialog);
      return;
    }
    case 'setHeight':
      if (from !== state.sidebar && typeof message.px === 'number')
        from.frame.style.height = `${Math.max(50, message.px)}px`;
      return;
    case 'setWidth':
      if (from !== state.sidebar && typeof message.px === 'number')
        from.frame.style.width = `${Math.max(50, message.px)}px`;
      return;
  }
});

// ---- spreadsheets: a district tracker and the school trackers it reads

async function loadSpreadsheets(): Promise<void> {
  const list = await getJson<SpreadsheetInfo[]>('/api/spreadsheets');
  const select = $<HTMLSelectElement>('spreadsheet');
  select.replaceChildren(...list.map((s) => el('option', { value: s.id, text: s.name })));
  if (!list.some((s) => s.id === state.spreadsheet)) state.spreadsheet = list[0]?.id ?? '';
  select.value = state.spreadsheet;
  const open = list.find((s) => s.id === state.spreadsheet);
  $('doc-title').textContent = open?.name ?? '';
  $('doc-url').textContent = open?.url ?? '';
  document.title = `${open?.name ?? ''} - preview`;
}

/** Another spreadsheet, as opening it in another browser tab: its own menu, tabs, people and outbox. */
async function openSpreadsheet(id: string): Promise<void> {
  state.spreadsheet = id;
  state.sheet = '';
  await loadSpreadsheets();
  await loadUsers();
  await openAs($<HTMLSelectElement>('user').value);
  await refresh();
}

$<HTMLSelectElement>('spreadsheet').addEventListener('change', (e) => {
  void openSpreadsheet((e.target as HTMLSelectElement).value);
});

// ---- start

$<HTMLSelectElement>('user').addEventListener('change', (e) => {
  const user = (e.target as HTMLSelectElement).value;
  void openAs(user).then(refresh);
});

async function start(): Promise<void> {
  try {
    await loadSpreadsheets();
    await loadUsers();
    await openAs($<HTMLSelectElement>('user').value);
    await refresh();
    state.started = true;
    document.body.dataset.ready = 'true';
  } catch (error) {
    showError(`The preview could not load: ${String(error)}`);
  }
}

void start();
