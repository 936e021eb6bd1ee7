// A visible, dismissible message about what the page did with a link, a
// file or a message: what was wrong and which field, or which values were
// clamped. Text from a URL or file is only ever set as textContent.

export class Notice {
  constructor(box) {
    this.box = box;
    this.textEl = box.querySelector('.notice-text');
    this.list = box.querySelector('.notice-list');
    box.querySelector('.notice-close').addEventListener('click', () => this.hide());
  }

  /** `kind` 'error' | 'note'; `lines` are details (e.g. the codec's notes). */
  show(text, lines = [], kind = 'note') {
    this.textEl.textContent = text;
    this.list.replaceChildren(
      ...lines.map((line) => {
        const li = document.createElement('li');
        li.textContent = line;
        return li;
      }),
    );
    this.box.classList.toggle('notice-error', kind === 'error');
    this.box.hidden = false;
  }

  hide() {
    this.box.hidden = true;
  }

  /** What is shown, for the read-only test hook. */
  text() {
    if (this.box.hidden) return '';
    return [this.textEl.textContent, ...[...this.list.children].map((li) => li.textContent)].join(' ');
  }
}
