import { describe, expect, it } from 'vitest';
import { catalogueDisplay } from './catalogue-display';
import { catalogues } from './catalogues';

describe('what the interface says about each catalogue', () => {
  it('has an edition and a provenance sentence in both languages for every catalogue', () => {
    for (const c of catalogues) {
      const d = catalogueDisplay[c.id];
      expect(d, c.id).toBeDefined();
      expect(d.editionZh.length, c.id).toBeGreaterThan(3);
      expect(d.editionEn.length, c.id).toBeGreaterThan(3);
      expect(d.provenanceZh, c.id).toMatch(/^[\u4e00-\u9fff（《].*[\u4e00-\u9fff）》]。$/);
      expect(d.provenanceEn, c.id).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('keeps working notes out of the interface text', () => {
    const internal =
      /scrape|third-party|probably|npm|github|\bsql\b|see sources|research notes|by hand|TODO/i;
    for (const [id, d] of Object.entries(catalogueDisplay))
      for (const [k, v] of Object.entries(d)) expect(v, `${id}.${k}`).not.toMatch(internal);
    // The Chinese texts carry no English sentences.
    for (const [id, d] of Object.entries(catalogueDisplay))
      expect(`${d.editionZh}${d.provenanceZh}`, id).not.toMatch(/[a-z]{4,}/);
  });
});
