import { joinedParts, partsOf } from '../../src/sheets/properties';

describe('text longer than a properties value holds', () => {
  it('is kept in numbered parts of at most 8,000 characters and read back whole', () => {
    const text = 'x'.repeat(20_001);
    const entries = partsOf('state.meta', text);
    expect(Object.keys(entries)).toEqual(['state.meta', 'state.meta.1', 'state.meta.2']);
    expect(Object.values(entries).every((v) => v.length <= 8_002)).toBe(true);
    expect(joinedParts(entries, 'state.meta')).toBe(text);
    expect(joinedParts(partsOf('k', ''), 'k')).toBe('');
  });

  it('a part missing reads as nothing, and so does a value written before parts', () => {
    const entries = partsOf('k', 'y'.repeat(9_000));
    delete entries['k.1'];
    expect(joinedParts(entries, 'k')).toBeNull();
    expect(joinedParts({ k: '{"stamp":"old"}' }, 'k')).toBeNull();
  });
});
