import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../schemas/run-result.ts';
import { CSS } from './html-styles.ts';

describe('the HTML report styles', () => {
  it('load nothing from outside the file', () => {
    expect(CSS).not.toMatch(/url\(|@import|@font-face/i);
  });

  it('give every outcome a colour in the light and the dark scheme', () => {
    const [light, dark] = CSS.split('@media (prefers-color-scheme:dark)');
    for (const o of OUTCOMES) {
      expect(light, o).toContain(`--${o}:#`);
      expect(dark, o).toContain(`--${o}:#`);
      expect(CSS, o).toContain(`.o-${o}{--o:var(--${o})}`);
    }
  });

  it('mark pressed filter buttons visibly and keep hidden rows hidden', () => {
    expect(CSS).toContain('.filters button[aria-pressed=true]{');
    expect(CSS).toContain('[hidden]{display:none!important}');
  });
});
