/**
 * Script properties, read once per execution: every flag and index the tracker keeps there comes
 * from one getProperties call (Apps Script starts each execution with fresh globals, so this
 * memo never outlives the execution that read it).
 */

let memo: Record<string, string> | null = null;
let service: GoogleAppsScript.Properties.Properties | null = null;

function store(): GoogleAppsScript.Properties.Properties {
  service ??= PropertiesService.getScriptProperties();
  return service;
}

/** One property as it is now, not as this execution first read it: for checks made under a lock. */
export function currentScriptProperty(key: string): string | null {
  return store().getProperty(key);
}

/** Every script property, as this execution first read them (and changed them since). */
export function scriptProperties(): Readonly<Record<string, string>> {
  memo ??= store().getProperties();
  return memo;
}

export function setScriptProperties(values: Record<string, string>): void {
  store().setProperties(values);
  memo = { ...scriptProperties(), ...values };
}

export function deleteScriptProperty(key: string): void {
  store().deleteProperty(key);
  if (memo) {
    const { [key]: _removed, ...rest } = memo;
    memo = rest;
  }
}
