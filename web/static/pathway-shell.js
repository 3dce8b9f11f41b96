// The page around the WebAssembly app: start-up, storage (IDBFS), downloads and the test hook.
// The C++ side (web/main.cpp) calls window.pathwayShell.*; tests and users of the page use
// window.pathway.*.
(function () {
  'use strict';
  const statusEl = document.getElementById('status');
  const progressEl = document.getElementById('progress');
  const messageEl = document.getElementById('message');
  const canvas = document.getElementById('canvas');

  function showMessage(text, isError) {
    statusEl.classList.remove('hidden');
    progressEl.style.display = isError ? 'none' : '';
    messageEl.textContent = text;
    messageEl.style.color = isError ? '#c53030' : '';
  }

  // WebGL2 is required; say so plainly instead of showing a blank page.
  const probe = document.createElement('canvas').getContext('webgl2');
  if (!probe) {
    showMessage('Pathway needs WebGL2, which this browser does not offer. Try an up-to-date ' +
                'Chrome, Firefox, Safari or Edge.', true);
  }

  let syncing = false;
  let syncAgain = false;
  const hook = { ready: false, storageErrors: [] };

  function mod() { return window.Module; }

  const shell = {
    mountStorage() {
      const FS = mod().FS;
      try { FS.mkdir('/data'); } catch (e) { /* exists */ }
      FS.mount(mod().IDBFS, {}, '/data');
      // The first sync must finish before the app reads anything.
      FS.syncfs(true, (err) => {
        if (err) shell.storageError('Could not read your saved portfolio from this browser: ' + err);
        mod()._pathway_start();
      });
    },
    flush() {
      if (syncing) { syncAgain = true; return; }
      syncing = true;
      mod().FS.syncfs(false, (err) => {
        syncing = false;
        if (err) shell.storageError('Could not save to this browser\'s storage (' + err +
                                    '). Export your portfolio to keep a copy.');
        else hook.lastFlush = Date.now();
        if (syncAgain) { syncAgain = false; shell.flush(); }
      });
    },
    ready() {
      statusEl.classList.add('hidden');
      hook.ready = true;
      canvas.focus();
      window.dispatchEvent(new Event('pathway-ready'));
    },
    storageError(text) {
      hook.storageErrors.push(text);
      console.error('pathway:', text);
    },
    fatal(text) { showMessage(text, true); },
    download(name, mime, bytes) {
      const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    },
  };
  window.pathwayShell = shell;

  // The test hook and small public API.
  hook.snapshot = () => JSON.parse(mod().UTF8ToString(mod()._pathway_snapshot()));
  hook.screen = () => mod().UTF8ToString(mod()._pathway_screen());
  hook.widgets = () => JSON.parse(mod().UTF8ToString(mod()._pathway_widgets()));
  hook.fields = () => hook.widgets().filter((w) => w.text)
      .map(({ id, label, x, y, w, h }) => ({ id, label, x, y, w, h }));
  hook.flush = () => mod()._pathway_flush();
  hook.busy = () => mod()._pathway_busy() !== 0;
  // True once every change has reached IndexedDB.
  hook.saved = () => mod()._pathway_dirty() === 0 && !syncing && !syncAgain;
  window.pathway = hook;

  // Save when the page is hidden or closed (phones kill background tabs without warning).
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && hook.ready) mod()._pathway_flush();
  });
  window.addEventListener('pagehide', () => { if (hook.ready) mod()._pathway_flush(); });
  window.addEventListener('resize', () => { if (hook.ready) mod()._pathway_wake(); });

  window.Module = {
    canvas,
    print: (t) => console.log(t),
    printErr: (t) => console.warn(t),
    setStatus(text) {
      const m = /([^(]+)\((\d+(\.\d+)?)\/(\d+)\)/.exec(text || '');
      if (m) progressEl.value = (100 * parseInt(m[2], 10)) / parseInt(m[4], 10);
    },
    onAbort(what) { showMessage('Pathway stopped unexpectedly: ' + what, true); },
  };
})();
