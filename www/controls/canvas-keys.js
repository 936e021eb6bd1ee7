// The network canvas by keyboard: focus it (Tab), step through the firms
// with the arrow keys (to the nearest firm in that direction on the
// drawing), Enter inspects the firm, Escape lets it go. The firm stepped to
// is drawn as the selected one; a polite line says which firm it is, and an
// open inspector on this pane follows it.

const DIRECTIONS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };

/**
 * The firm nearest to `from` in direction (dx, dy) of the layout `positions`
 * (x0, y0, x1, y1, ...): within 45 degrees of it if any, else anywhere on
 * that side; `from` itself when there is none.
 */
export function nextFirm(positions, n, from, [dx, dy]) {
  const x0 = positions[2 * from],
    y0 = positions[2 * from + 1];
  let best = from,
    bestCost = Infinity;
  for (let i = 0; i < n; i++) {
    if (i === from) continue;
    const ex = positions[2 * i] - x0,
      ey = positions[2 * i + 1] - y0;
    const along = ex * dx + ey * dy;
    if (along <= 0) continue;
    const across = Math.abs(ex * dy - ey * dx);
    // Off the 45 degree cone counts for much more than along it.
    const cost = Math.hypot(ex, ey) + (across > along ? 10 : 0) + across;
    if (cost < bestCost) {
      best = i;
      bestCost = cost;
    }
  }
  return best;
}

/**
 * `pane` has el.canvas, run, selected, label; `inspect(firm)` opens the
 * inspector (-1 closes it); `inspecting()` says whether it shows this pane;
 * `inspectable`: whether there is an inspector at all (not in an embed).
 */
export function bindCanvasKeys(pane, { inspect, inspecting, announce, inspectable = true }) {
  const canvas = pane.el.canvas;
  canvas.tabIndex = 0;
  let cursor = -1;
  const describe = (i) => {
    const run = pane.run;
    const role = run.isCoordinator[i] ? (run.coordinated ? ', coordinator' : ', would-be coordinator') : '';
    const enter = inspectable ? ' Enter inspects it.' : '';
    return `${pane.label}: firm ${pane.names?.[i] ?? i}${role}, ${run.partnersOf(i).length} partners.${enter}`;
  };
  const moveTo = (i) => {
    cursor = i;
    if (inspecting()) inspect(i);
    else pane.selected = i;
    pane.renderer.dirty = true;
    announce(describe(i));
  };
  canvas.addEventListener('focus', () => {
    // Only a keyboard focus puts a firm under the cursor; a click picks its own.
    if (!pane.run || !canvas.matches(':focus-visible')) return;
    const start = pane.selected >= 0 ? pane.selected : cursor >= 0 && cursor < pane.run.n ? cursor : 0;
    moveTo(start);
  });
  canvas.addEventListener('blur', () => {
    if (!inspecting() && pane.selected === cursor) {
      pane.selected = -1;
      pane.renderer.dirty = true;
    }
  });
  canvas.addEventListener('keydown', (e) => {
    if (!pane.run || e.ctrlKey || e.metaKey || e.altKey) return;
    const dir = DIRECTIONS[e.key];
    if (dir) {
      e.preventDefault();
      const from = cursor >= 0 && cursor < pane.run.n ? cursor : Math.max(0, pane.selected);
      moveTo(nextFirm(pane.run.positions, pane.run.n, from, dir));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (cursor >= 0) inspect(cursor);
    } else if (e.key === 'Escape' && inspecting()) {
      e.preventDefault();
      inspect(-1);
      pane.selected = cursor;
      pane.renderer.dirty = true;
    }
  });
  return {
    reset() {
      cursor = -1;
    },
  };
}
