import { detectUrgency } from '../../src/core/urgency';
import { DEFAULT_URGENT_PHRASES } from '../../src/core/settings';

describe('detectUrgency', () => {
  it('matches whole words in any case, accents ignored', () => {
    expect(detectUrgency(false, ['Family is in CRÍSIS this week'], ['crisis']).reason).toBe(
      'Matched: "crisis"',
    );
    expect(detectUrgency(false, ['They called the crisisline'], ['crisis']).urgent).toBe(false);
  });

  it('matches phrases across spacing and reports each once', () => {
    const u = detectUrgency(false, ['The bus  never came, again', 'bus never came'], DEFAULT_URGENT_PHRASES);
    expect(u).toEqual({ urgent: true, reason: 'Matched: "bus never came"' });
  });

  it('says the caller marked it, and what matched', () => {
    expect(detectUrgency(true, ['no food at home'], DEFAULT_URGENT_PHRASES).reason).toBe(
      'Marked by caller; Matched: "no food"',
    );
    expect(detectUrgency(true, [''], []).reason).toBe('Marked by caller');
  });

  it('is not urgent for an ordinary note', () => {
    expect(detectUrgency(false, ['Loves soccer and drawing'], DEFAULT_URGENT_PHRASES)).toEqual({
      urgent: false,
      reason: '',
    });
  });

  it('treats phrase characters literally', () => {
    expect(detectUrgency(false, ['self-harm mentioned'], ['self-harm']).urgent).toBe(true);
    expect(detectUrgency(false, ['selfXharm'], ['self-harm']).urgent).toBe(false);
  });
});
