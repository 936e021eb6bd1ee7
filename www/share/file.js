// Open a scenario file (the JSON that Export > Scenario and "Download
// scenario file" write, or a scenario alone): by the file picker or by
// dropping it on the tools. It is read and checked like a link.
import { limits } from '../core.js';

/** Wires the picker and the drop zone in `root`; `open(text)` loads the file's text. */
export function bindFileOpener(root, open) {
  const input = root.querySelector('.open-file-input');
  const status = root.querySelector('.open-file-status');
  const read = async (file) => {
    if (file.size > limits().fileBytes) {
      status.textContent = `${file.name} is ${file.size.toLocaleString('en')} bytes, more than a scenario file may be (${limits().fileBytes.toLocaleString('en')}).`;
      return;
    }
    status.textContent = '';
    open(await file.text());
  };
  root.querySelector('.open-file').addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    if (input.files[0]) read(input.files[0]);
    input.value = '';
  });
  root.addEventListener('dragover', (e) => {
    if (!e.defaultPrevented && [...e.dataTransfer.types].includes('Files')) {
      e.preventDefault();
      root.classList.add('drop');
    }
  });
  root.addEventListener('dragleave', () => root.classList.remove('drop'));
  root.addEventListener('drop', (e) => {
    root.classList.remove('drop');
    // The import boxes take their own drops (CSV); the rest of the tools take a scenario file.
    if (e.defaultPrevented || !e.dataTransfer.files[0]) return;
    e.preventDefault();
    read(e.dataTransfer.files[0]);
  });
}
