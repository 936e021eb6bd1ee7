// A small view of the panes fixed at the top of the window while they are
// scrolled out of sight during the tour or while changing settings, so a
// change is seen where it is made: each shown pane's network in small (a
// copy of its canvas, drawn right after it), its r and its rhythms. A tap
// on it scrolls back to the panes. Screen readers have the live summary
// instead, so it is hidden from them.
import { readout } from '../readouts.js';
import { BACKGROUND } from '../draw/palette.js';

const THUMB_W = 96,
  THUMB_H = 64;
const STATE = {
  inStep: (out) => `in step ${out.sync}`,
  lost: () => 'was in step',
  apart: () => 'not in step',
  confirming: (out) => out.sync,
};

export class MiniView {
  /** `panes` [Pane, Pane]; `panesBox` the panes' section; `watched` sections that call for it. */
  constructor(box, panes, panesBox, watched) {
    this.box = box;
    this.panes = panes;
    this.items = panes.map((_p, i) => {
      const item = document.createElement('div');
      item.className = `mini-pane mini-${i}`;
      const canvas = document.createElement('canvas');
      const dpr = window.devicePixelRatio || 1;
      canvas.width = THUMB_W * dpr;
      canvas.height = THUMB_H * dpr;
      const text = document.createElement('p');
      const lines = [0, 1, 2].map(() => text.appendChild(document.createElement('span')));
      item.append(canvas, text);
      box.append(item);
      return { item, canvas, ctx: canvas.getContext('2d'), lines };
    });
    this.panesVisible = true;
    this.watchedVisible = new Set();
    // The panes are in sight while half of a shown canvas is.
    const inSight = new Set();
    const sight = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (e.intersectionRatio >= 0.5) inSight.add(e.target);
          else inSight.delete(e.target);
        }
        this.panesVisible = inSight.size > 0;
        this.update();
      },
      { threshold: [0, 0.5, 1] },
    );
    for (const p of panes) sight.observe(p.el.canvas);
    const io = new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (e.isIntersecting) this.watchedVisible.add(e.target);
        else this.watchedVisible.delete(e.target);
      }
      this.update();
    });
    for (const el of watched) io.observe(el);
    box.addEventListener('click', () => panesBox.scrollIntoView({ block: 'start' }));
    this.touring = false;
    this.update();
  }

  get shown() {
    return !this.box.hidden;
  }

  /** Height the view covers at the top of the window when it shows. */
  height() {
    return parseFloat(getComputedStyle(this.box).getPropertyValue('--mini-h')) || 0;
  }

  setTouring(on) {
    this.touring = on;
    this.update();
  }

  update() {
    const show = !this.panesVisible && (this.touring || this.watchedVisible.size > 0);
    if (this.box.hidden === !show) return;
    this.box.hidden = !show;
    document.documentElement.classList.toggle('mini-shown', show);
  }

  /** Copies each shown pane's picture; call right after the panes drew (in the same task). */
  draw(visible) {
    if (!this.shown) return;
    this.panes.forEach((pane, i) => {
      const { item, canvas, ctx } = this.items[i];
      item.hidden = !visible.includes(pane);
      if (item.hidden) return;
      // A WebGL pane is its canvas with the WebGL layer over it.
      const layers = pane.renderer.canvases();
      const [src] = layers;
      if (!src.width || !src.height) return;
      const k = Math.min(canvas.width / src.width, canvas.height / src.height);
      const w = src.width * k,
        h = src.height * k;
      ctx.fillStyle = BACKGROUND;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      for (const layer of layers) ctx.drawImage(layer, (canvas.width - w) / 2, (canvas.height - h) / 2, w, h);
    });
  }

  /** The readouts beside each small network, a few times a second. */
  text(measures) {
    if (!this.shown) return;
    this.panes.forEach((pane, i) => {
      if (this.items[i].item.hidden || !pane.run) return;
      const m = measures[i];
      const out = readout(m, pane.run.coordinated);
      const texts = [
        pane.label,
        `r ${out.r} · ${m.bursts} ${m.bursts === 1 ? 'rhythm' : 'rhythms'}`,
        STATE[out.state](out),
      ];
      this.items[i].lines.forEach((el, k) => {
        if (el.textContent !== texts[k]) el.textContent = texts[k];
      });
    });
  }
}
