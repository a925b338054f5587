import { literalText } from '../../src/core/literal';

describe('literalText', () => {
  test.each([
    ['=HYPERLINK("http://evil.example","click")'],
    ['+1 555 0100'],
    ['-5'],
    ['@mention'],
    ["'quoted"],
    ['#N/A'],
    ['00123'],
    ['123'],
    ['1.5'],
    ['.5'],
    ['$12'],
    ['50%'],
    ['(555) 123-4567'],
    ['2026-01-01'],
    ['1/2/2026'],
    ['12:30'],
    ['Jan 5'],
    ['March 2026'],
    ['Sept. 3'],
    ['TRUE'],
    ['false'],
    [' =1+1'],
  ])('%s is written as literal text', (s) => {
    expect(literalText(s)).toBe(`'${s}`);
  });

  test.each([
    ['Ana Ruiz'],
    ['Lincoln Elementary'],
    ['kim@school.org'],
    ['Mayra Lopez'],
    ['Truett'],
    ['Juniper School'],
    [''],
  ])('%s needs no apostrophe', (s) => {
    expect(literalText(s)).toBe(s);
  });
});
