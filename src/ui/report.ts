/** The page of a report dialog ("Check call log"): a frame around a body built from escaped parts. */
export function reportPage(bodyHtml: string): string {
  return `<!DOCTYPE html><html lang="en"><head><base target="_top"><style>
body{font:14px/1.4 Arial,sans-serif;margin:0 4px;color:#202124}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #dadce0;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f1f3f4;position:sticky;top:0}.ok{color:#137333}.muted{color:#5f6368}
</style></head><body>${bodyHtml}</body></html>`;
}
