// Open a scenario file (the JSON that Export > Scenario and "Download
// scenario file" write, or a scenario alone): by the file picker or by
// dropping it on the tools. Its bytes go to the core, which reads them as
// UTF-8 (a file in another encoding is refused, as the CLI and the CSV
// import refuse it) and checks them like a link.
import { limits } from '../core.js';

/** Wires the picker and the drop zone in `root`; `open(bytes)` loads the file's bytes. */
export function bindFileOpener(root, open) {
  const input = root.querySelector('.open-file-input');
  const status = root.querySelector('.open-file-status');
  const read = async (file) => {
    if (file.size > limits().fileBytes) {
      status.textContent = `${file.name} is ${file.size.toLocaleString('en')} bytes, more than a scenario file may be (${limits().fileBytes.toLocaleString('en')}).`;
      return;
    }
    status.textContent = '';
    open(new Uint8Array(await file.arrayBuffer()));
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
