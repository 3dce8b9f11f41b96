// The page around the WebAssembly app: start-up, storage (IDBFS), the on-screen keyboard,
// files, clipboard, offline (service worker) and the test hook. The C++ side (web/main.cpp)
// calls window.pathwayShell.*; tests and users of the page use window.pathway.*.
//
// Workarounds (each cites the behaviour behind it):
// - SDL 2.26 never raises a phone's on-screen keyboard: a hidden textarea is focused inside the
//   tap (iOS opens the keyboard only from a user gesture) and its input is sent to ImGui.
// - Android keyboards send keydown "Unidentified" (229) and report edits only as input events:
//   the field keeps a one-space sentinel so Backspace on an "empty" field still fires one.
// - SDL prevents the default of Ctrl+key on the canvas, so no paste event would ever fire:
//   Ctrl/Cmd+V is kept from SDL and the browser's paste event inserts the text instead.
// - The app's main loop pauses while nothing needs drawing (web/main.cpp), and SDL's own DOM
//   handlers only queue events: every input event here resumes it (pathway_resume).
// - navigator.clipboard exists only in secure contexts (https, localhost): elsewhere a copy
//   goes through a selected textarea and document.execCommand('copy').
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const statusEl = $('status');
  const progressEl = $('progress');
  const messageEl = $('message');
  const canvas = $('canvas');
  const kbd = $('keyboard-input');
  const SENTINEL = ' ';

  function showMessage(text, isError) {
    statusEl.classList.remove('hidden');
    progressEl.style.display = isError ? 'none' : '';
    messageEl.textContent = text;
    messageEl.style.color = isError ? '#c53030' : '';
  }

  const hook = {
    ready: false, storageErrors: [], persisted: null, offlineReady: false, updateReady: false,
    firstFrameMs: null, lastImport: null, webgl2: true,
  };
  let fatalShown = false;

  function mod() { return window.Module; }
  function call(name, ret, types, args) { return mod().ccall(name, ret, types, args); }
  function wantsText() { return hook.ready && mod()._pathway_wants_text() !== 0; }
  function wake() { if (hook.ready) mod()._pathway_wake(); }
  function resume() { if (hook.ready) mod()._pathway_resume(); }

  // ---- one portfolio in several tabs (issue 12) -----------------------------------------------
  // Tabs (and the installed app beside a tab) share one IndexedDB. Each tab keeps the portfolio
  // in its own memory file system, so a plain syncfs(false) wrote whatever that tab last had
  // over what another tab had saved since. Now every write runs inside a Web Lock
  // (navigator.locks) and first takes in the stored portfolio when another tab changed it; the
  // C++ side then merges (pathway_save_now, pathway_refresh: core::Session's compare-and-merge);
  // after writing, the tab tells the others on a BroadcastChannel, and they take it in too.
  const tabSync = (() => {
    const LOCK = 'pathway-storage';
    const FILE = '/data/portfolio.json';
    const channel = 'BroadcastChannel' in window ? new BroadcastChannel('pathway-storage') : null;
    let stored = null;     // IndexedDB's timestamp of the portfolio as this tab last read or wrote it
    let queued = false;    // a run is waiting for the lock
    let running = false;
    let chain = Promise.resolve();

    const withLock = (fn) => (navigator.locks ? navigator.locks.request(LOCK, fn) : fn());
    const syncfs = (populate) => new Promise((resolve, reject) =>
      mod().FS.syncfs(populate, (err) => (err ? reject(err) : resolve())));
    const localStamp = () => { try { return mod().FS.stat(FILE).mtime.getTime(); } catch (e) { return null; } };
    // The portfolio's record in IDBFS's own database (named after the mount point; one record
    // per file: {timestamp, mode, contents}). Reading just this record, not syncfs(true), leaves
    // this tab's other files (its draft) as they are.
    function storedRecord() {
      return new Promise((resolve, reject) => {
        mod().IDBFS.getDB('/data', (err, db) => {
          if (err) { reject(err); return; }
          const req = db.transaction(['FILE_DATA'], 'readonly').objectStore('FILE_DATA').get(FILE);
          req.onsuccess = () => resolve(req.result || null);
          req.onerror = () => reject(req.error);
        });
      });
    }
    // Takes the stored portfolio into the memory file system when another tab changed it.
    async function takeIn() {
      const rec = await storedRecord();
      if (!rec || !rec.contents) return false;
      const t = rec.timestamp.getTime();
      if (t === stored) return false;
      const FS = mod().FS;
      FS.writeFile(FILE, rec.contents);
      FS.chmod(FILE, rec.mode);
      FS.utime(FILE, t, t);
      stored = t;
      return true;
    }
    async function once(fromOtherTab) {
      if (!hook.ready) return;
      const tookIn = await takeIn();
      if (tookIn) { hook.refreshes++; mod()._pathway_refresh(); }
      const wrote = fromOtherTab && !tookIn ? 0 : mod()._pathway_save_now();
      if (!fromOtherTab || wrote > 0) {
        await syncfs(false);
        stored = localStamp();
        hook.lastFlush = Date.now();
      }
      if (wrote > 0 && channel) channel.postMessage({ type: 'saved', at: stored });
    }
    function schedule(fromOtherTab) {
      if (!fromOtherTab) { if (queued) return; queued = true; }
      chain = chain.then(() => withLock(async () => {
        if (!fromOtherTab) queued = false;
        running = true;
        try { await once(fromOtherTab); } finally { running = false; }
      })).catch((err) => {
        shell.storageError('Could not save to this browser\'s storage (' + errorText(err) +
          '). Your latest changes are only in this page: export a copy.');
      }).finally(resume);
    }
    if (channel) channel.onmessage = (ev) => { if (ev.data && ev.data.type === 'saved') schedule(true); };
    return {
      run: () => schedule(false),
      idle: () => !queued && !running,
      noteStored: () => { stored = localStamp(); },
    };
  })();

  // ---- banners -------------------------------------------------------------------------
  function showStorageBanner(text) {
    $('storage-text').textContent = text;
    $('storage-banner').hidden = false;
  }
  $('storage-export').addEventListener('click', () => hook.exportJson());
  $('storage-close').addEventListener('click', () => { $('storage-banner').hidden = true; });

  let noticeActions = null;
  function showNotice(text, okLabel, cancelLabel, onOk) {
    $('notice-text').textContent = text;
    $('notice-ok').textContent = okLabel;
    $('notice-cancel').textContent = cancelLabel || '';
    $('notice-cancel').hidden = !cancelLabel;
    noticeActions = onOk;
    $('notice-banner').hidden = false;
  }
  function hideNotice() { $('notice-banner').hidden = true; noticeActions = null; }
  $('notice-ok').addEventListener('click', () => { const f = noticeActions; hideNotice(); if (f) f(); });
  $('notice-cancel').addEventListener('click', hideNotice);

  // ---- storage -------------------------------------------------------------------------
  const shell = {
    mountStorage() {
      const FS = mod().FS;
      try { FS.mkdir('/data'); } catch (e) { /* exists */ }
      // Ask the browser not to evict the portfolio under storage pressure (best effort).
      if (navigator.storage && navigator.storage.persist) {
        navigator.storage.persisted()
          .then((p) => p || navigator.storage.persist())
          .then((granted) => { hook.persisted = granted; })
          .catch(() => { hook.persisted = false; });
      }
      let mounted = false;
      try {
        if (typeof indexedDB === 'undefined' || !indexedDB) throw new Error('IndexedDB is not available');
        FS.mount(mod().IDBFS, {}, '/data');
        mounted = true;
      } catch (e) {
        shell.storageError('This browser will not let Pathway keep data (' + e.message + '; private ' +
          'browsing or blocked storage?). Changes last only until this page closes: export a copy.');
      }
      if (!mounted) { mod()._pathway_start(); return; }
      // The first sync must finish before the app reads anything.
      FS.syncfs(true, (err) => {
        if (!err) tabSync.noteStored();
        if (err) {
          hook.storageBroken = true;
          shell.storageError('Pathway could not open this browser\'s storage (' + errorText(err) +
            '; private browsing or blocked storage?). Changes last only until this page closes: ' +
            'export a copy.');
        }
        mod()._pathway_start();
      });
    },
    // Every write to IndexedDB goes through tabSync (below): one tab at a time, after taking in
    // what another tab stored, so a tab never writes an older portfolio over a newer one.
    flush() { tabSync.run(); },
    ready() {
      statusEl.classList.add('hidden');
      hook.ready = true;
      canvas.focus({ preventScroll: true });
      fitViewport();
      window.dispatchEvent(new Event('pathway-ready'));
      registerServiceWorker();
    },
    firstFrame() { hook.firstFrameMs = performance.now(); },
    // Host::requestWordList: the confidentiality check's word list is not part of the first
    // load; it is fetched the first time the check runs (the service worker keeps it offline).
    async fetchWords() {
      let bytes = null, error = '';
      try {
        const res = await fetch('words/british-english.txt');
        if (!res.ok) throw new Error('HTTP ' + res.status);
        bytes = new Uint8Array(await res.arrayBuffer());
      } catch (e) {
        error = (e && e.message) || String(e);
      }
      hook.wordsFetched = (hook.wordsFetched || 0) + 1;
      hook.wordsError = error;
      const m = mod();
      const ptr = bytes ? m._malloc(Math.max(1, bytes.length)) : 0;
      try {
        if (bytes) m.HEAPU8.set(bytes, ptr);
        m.ccall('pathway_words', null, ['number', 'number', 'string'], [ptr, bytes ? bytes.length : 0, error]);
      } finally {
        if (ptr) m._free(ptr);
      }
    },
    storageError(text) {
      hook.storageErrors.push(text);
      console.error('pathway:', text);
      showStorageBanner(text); // never silent: the user can still export what is in memory
    },
    fatal(text) { fatalShown = true; showMessage(text, true); },
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
    // Host::requestFile: a hidden file input, its choice handed to the App with its purpose.
    pickFile(purpose, accept) {
      const input = $('pick-file');
      input.accept = accept;
      input.value = '';
      input.dataset.purpose = purpose;
      input.click();
    },
    // Host::requestFiles: several files, or a whole folder (a cohort of portfolios).
    pickFiles(purpose, accept, folder) {
      const input = $('pick-files');
      input.accept = folder ? '' : accept;
      input.webkitdirectory = !!folder;
      input.value = '';
      input.dataset.purpose = purpose;
      input.click();
    },
    textInput(wants) {
      // ImGui stopped editing: hide the keyboard (after a moment: switching fields passes
      // through a frame with no active field).
      if (!wants) setTimeout(() => { if (!wantsText()) closeKeyboard(); }, 150);
    },
    caret(x, y, h) {
      // Keep the hidden field over the text cursor (iOS scrolls to a focused field it thinks
      // is hidden; IME candidate windows open at it).
      if (document.activeElement !== kbd) return;
      const r = canvas.getBoundingClientRect();
      Object.assign(kbd.style, { left: (r.left + x) + 'px', top: (r.top + y) + 'px', height: Math.max(1, h) + 'px' });
    },
    copyText(text) {
      hook.lastCopied = text;
      if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
        navigator.clipboard.writeText(text).catch(() => copyWithSelection(text));
      } else {
        copyWithSelection(text);
      }
    },
  };
  window.pathwayShell = shell;

  function copyWithSelection(text) {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    Object.assign(area.style, { position: 'fixed', left: '-9999px', top: '0', opacity: '0' });
    const focused = document.activeElement;
    document.body.appendChild(area);
    area.select();
    try { document.execCommand('copy'); } catch (e) { /* nothing more to try */ }
    area.remove();
    if (focused && focused.focus) focused.focus({ preventScroll: true });
  }

  function errorText(err) {
    if (!err) return 'unknown error';
    if (typeof err === 'number') return 'error ' + err;
    return err.name || err.message || String(err);
  }

  // ---- on-screen keyboard: the hidden field ---------------------------------------------
  function resetField() {
    kbd.value = SENTINEL;
    kbd.setSelectionRange(SENTINEL.length, SENTINEL.length);
  }
  function sendText(text) { if (text) call('pathway_text', null, ['string'], [text]); }
  function sendKey(name, mods, repeat) {
    return call('pathway_key', 'number', ['string', 'number', 'number'], [name, mods || 0, repeat || 1]) !== 0;
  }
  let keyboardCheck = 0;
  function openKeyboard(field) {
    const r = canvas.getBoundingClientRect();
    Object.assign(kbd.style, {
      left: (r.left + field.x) + 'px', top: (r.top + field.y) + 'px',
      width: Math.max(1, field.w) + 'px', height: Math.max(1, field.h) + 'px',
    });
    // Already focused (the user hid the keyboard): focus again so it shows again.
    if (document.activeElement === kbd) kbd.blur();
    resetField();
    kbd.focus({ preventScroll: true });
    clearTimeout(keyboardCheck);
    // The tap reaches ImGui a few frames later; if no field became active, let go.
    keyboardCheck = setTimeout(() => { if (!wantsText()) closeKeyboard(); }, 1500);
  }
  function closeKeyboard() {
    if (document.activeElement !== kbd) return;
    kbd.blur();
    canvas.focus({ preventScroll: true });
  }
  function fieldAt(clientX, clientY) {
    if (!hook.ready) return null;
    const r = canvas.getBoundingClientRect();
    const x = clientX - r.left;
    const y = clientY - r.top;
    return hook.fields().find((f) => x >= f.x && x < f.x + f.w && y >= f.y && y < f.y + f.h) || null;
  }

  // When each touch happened, for web/main.cpp (fingerEventMs): one entry per changed touch,
  // as SDL makes one finger event per changed touch; taken in order, stale ones skipped.
  const touchTimes = [];
  window.pathwayTouchTime = (kind, id) => {
    while (touchTimes.length) {
      const e = touchTimes.shift();
      if (e.kind === kind && e.id === id) return e.ms;
    }
    return -1;
  };
  for (const [type, kind] of [['touchstart', 0], ['touchmove', 1], ['touchend', 2], ['touchcancel', 2]]) {
    canvas.addEventListener(type, (e) => {
      for (const t of e.changedTouches) touchTimes.push({ kind, id: t.identifier, ms: e.timeStamp });
      if (touchTimes.length > 512) touchTimes.splice(0, touchTimes.length - 512);
    }, { capture: true, passive: true });
  }

  // Event times, not handler times: a slow frame between the two must not turn a tap into a
  // long press.
  let touchStart = null;
  canvas.addEventListener('touchstart', (e) => {
    const t = e.changedTouches[0];
    touchStart = e.touches.length === 1 ? { x: t.clientX, y: t.clientY, ms: e.timeStamp, id: t.identifier } : null;
  }, { passive: true });
  canvas.addEventListener('touchend', (e) => {
    const t = e.changedTouches[0];
    const s = touchStart;
    touchStart = null;
    if (!s || t.identifier !== s.id) return;
    // Same rules as ui::TouchInput: a drag scrolls and a long press right-clicks.
    if (Math.hypot(t.clientX - s.x, t.clientY - s.y) >= 10 || e.timeStamp - s.ms >= 500) return;
    const field = fieldAt(t.clientX, t.clientY);
    if (field) openKeyboard(field); // synchronously inside the touch handler, or iOS refuses
  });
  canvas.addEventListener('touchcancel', () => { touchStart = null; });

  const FORWARDED = new Set(['Backspace', 'Delete', 'Enter', 'Tab', 'Escape', 'ArrowLeft', 'ArrowRight',
    'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);
  function modsOf(e) { return (e.ctrlKey ? 1 : 0) | (e.shiftKey ? 2 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0); }
  kbd.addEventListener('keydown', (e) => {
    e.stopPropagation();
    if (e.isComposing || e.keyCode === 229) return; // the input events carry it
    const shortcut = (e.ctrlKey || e.metaKey) && e.key.length === 1 && e.key.toLowerCase() !== 'v';
    if ((FORWARDED.has(e.key) || shortcut) && sendKey(e.key, modsOf(e), 1)) e.preventDefault();
  });
  kbd.addEventListener('keyup', (e) => e.stopPropagation());
  kbd.addEventListener('keypress', (e) => e.stopPropagation());

  let composing = false;
  let composed = ''; // what ImGui shows of the composition so far
  function showComposition(text) {
    if (text.startsWith(composed)) {
      sendText(text.slice(composed.length));
    } else {
      if (composed) sendKey('Backspace', 0, Array.from(composed).length);
      sendText(text);
    }
    composed = text;
  }
  kbd.addEventListener('compositionstart', () => { composing = true; composed = ''; });
  kbd.addEventListener('compositionupdate', (e) => showComposition(e.data || ''));
  kbd.addEventListener('compositionend', (e) => {
    showComposition(e.data || '');
    composing = false;
    composed = '';
    resetField();
  });
  kbd.addEventListener('input', (e) => {
    if (composing || e.isComposing) return;
    const type = e.inputType || '';
    if (type === 'insertCompositionText' || type === 'insertFromComposition') { resetField(); return; }
    if (type.startsWith('delete')) {
      sendKey(type === 'deleteContentForward' || type === 'deleteWordForward' ? 'Delete' : 'Backspace',
        type.includes('Word') ? 1 : 0, 1);
    } else if (type === 'insertLineBreak' || type === 'insertParagraph') {
      sendKey('Enter', 0, 1);
    } else {
      let text = type === 'insertText' && e.data != null ? e.data : kbd.value;
      if (text === kbd.value && text.startsWith(SENTINEL)) text = text.slice(SENTINEL.length);
      sendText(text);
    }
    resetField();
  });
  kbd.addEventListener('blur', () => { composing = false; composed = ''; });

  // ---- clipboard -----------------------------------------------------------------------
  let pastes = 0;
  window.addEventListener('keydown', (e) => {
    if (e.target === canvas && (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'v') {
      e.stopPropagation(); // SDL would prevent the default and no paste event would fire
      // A paste event on a canvas (not editable) may carry no data: read the clipboard then.
      const before = pastes;
      setTimeout(() => {
        if (pastes !== before || !wantsText() || !navigator.clipboard || !navigator.clipboard.readText) return;
        navigator.clipboard.readText().then((text) => {
          call('pathway_set_clipboard', null, ['string'], [text]);
          call('pathway_paste', null, ['string'], [text]);
        }).catch(() => {});
      }, 0);
    }
  }, true);
  document.addEventListener('paste', (e) => {
    const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (!text || !hook.ready) return; // (headless Chromium's paste on a canvas carries no data)
    ++pastes;
    call('pathway_set_clipboard', null, ['string'], [text]);
    if (wantsText()) {
      e.preventDefault();
      call('pathway_paste', null, ['string'], [text]);
    }
  });

  // ---- idle: the main loop pauses when nothing needs drawing; any input resumes it ----------
  // Capture on window sees every event before SDL's handlers queue it (even non-bubbling ones).
  for (const type of ['pointerdown', 'pointermove', 'pointerup', 'pointercancel', 'mousedown',
    'mousemove', 'mouseup', 'mouseout', 'wheel', 'touchstart', 'touchmove', 'touchend', 'touchcancel',
    'keydown', 'keyup', 'focus', 'blur', 'resize', 'orientationchange']) {
    window.addEventListener(type, resume, { capture: true, passive: true });
  }
  document.addEventListener('visibilitychange', wake);

  // ---- visible area: keyboard, rotation, resizing ----------------------------------------
  function fitViewport() {
    const vv = window.visualViewport;
    if (vv) {
      canvas.style.top = vv.offsetTop + 'px';
      canvas.style.height = vv.height + 'px';
    }
    if (hook.ready) mod()._pathway_viewport_changed();
  }
  if (window.visualViewport) {
    window.visualViewport.addEventListener('resize', fitViewport);
    window.visualViewport.addEventListener('scroll', fitViewport);
  }
  window.addEventListener('resize', fitViewport);
  window.addEventListener('orientationchange', fitViewport);

  // ---- files -----------------------------------------------------------------------------
  function withBytes(fn, bytes) {
    const m = mod();
    const ptr = m._malloc(Math.max(1, bytes.length));
    try {
      m.HEAPU8.set(bytes, ptr);
      return JSON.parse(m.UTF8ToString(m['_' + fn](ptr, bytes.length)));
    } finally {
      m._free(ptr);
    }
  }
  function todayStamp() {
    const d = new Date();
    const p = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate());
  }
  hook.exportJson = () => {
    const name = 'pathway-portfolio-' + todayStamp() + '.json';
    shell.download(name, 'application/json', mod().UTF8ToString(mod()._pathway_snapshot()));
    return name;
  };
  hook.importFile = () => $('import-file').click();
  // Hands bytes to the App as if the user had picked them for `purpose` (tests use it too).
  hook.receiveFile = (purpose, bytes, name) => {
    const m = mod();
    const ptr = m._malloc(Math.max(1, bytes.length));
    try {
      m.HEAPU8.set(bytes, ptr);
      m.ccall('pathway_receive_file', null, ['string', 'string', 'number', 'number'],
              [purpose, name, ptr, bytes.length]);
    } finally {
      m._free(ptr);
    }
  };
  $('pick-file').addEventListener('change', async (e) => {
    const input = e.target;
    const file = input.files && input.files[0];
    if (!file) return;
    hook.receiveFile(input.dataset.purpose || '', new Uint8Array(await file.arrayBuffer()), file.name);
    input.value = '';
  });
  // Every chosen file in name order, then "<purpose>.done" (tests call receiveFiles directly).
  hook.receiveFiles = async (purpose, files) => {
    const sorted = Array.from(files).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const file of sorted)
      hook.receiveFile(purpose, new Uint8Array(await file.arrayBuffer()), file.name);
    hook.receiveFile(purpose + '.done', new Uint8Array(0), '');
  };
  $('pick-files').addEventListener('change', async (e) => {
    const input = e.target;
    if (!input.files || !input.files.length) return;
    await hook.receiveFiles(input.dataset.purpose || '', input.files);
    input.value = '';
  });
  // Checks the bytes, asks before replacing, and reports the outcome (hook.lastImport).
  hook.importBytes = (bytes, name) => {
    const check = withBytes('pathway_import_check', bytes);
    if (!check.ok) {
      hook.lastImport = { ok: false, error: check.error };
      showNotice('Could not import ' + name + ': ' + check.error + ' Nothing was changed.', 'OK');
      return;
    }
    showNotice('Replace the portfolio in this browser (' + check.currentEntries + ' entr' +
      (check.currentEntries === 1 ? 'y' : 'ies') + ') with ' + name + ' (' + check.name + ', ' +
      check.entries + ' entr' + (check.entries === 1 ? 'y' : 'ies') + ')? Export a copy first if ' +
      'you may want the current one back.', 'Replace', 'Cancel', () => {
      const r = withBytes('pathway_import_apply', bytes);
      hook.lastImport = r;
      if (!r.ok) showNotice('Could not import ' + name + ': ' + r.error + ' Nothing was changed.', 'OK');
    });
  };
  $('import-file').addEventListener('change', async (e) => {
    const file = e.target.files && e.target.files[0];
    e.target.value = '';
    if (!file) return;
    hook.importBytes(new Uint8Array(await file.arrayBuffer()), file.name);
  });

  // ---- offline and updates -----------------------------------------------------------------
  let updateRequested = false;
  function registerServiceWorker() {
    if (!('serviceWorker' in navigator)) return;
    navigator.serviceWorker.register('sw.js').then((reg) => {
      hook.checkForUpdate = () => reg.update();
      const offer = (worker) => {
        if (!worker || !navigator.serviceWorker.controller) return; // first install: nothing to replace
        hook.updateReady = true;
        $('update-banner').hidden = false;
        $('update-reload').onclick = () => {
          updateRequested = true;
          hook.flush();
          const start = Date.now();
          const go = () => (hook.saved() || Date.now() - start > 2000
            ? worker.postMessage({ type: 'skip-waiting' }) : setTimeout(go, 50));
          go();
        };
      };
      offer(reg.waiting);
      reg.addEventListener('updatefound', () => {
        const worker = reg.installing;
        if (worker) worker.addEventListener('statechange', () => { if (worker.state === 'installed') offer(worker); });
      });
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') reg.update().catch(() => {});
      });
    }).catch((e) => { hook.serviceWorkerError = String(e); });
    navigator.serviceWorker.ready.then(() => { hook.offlineReady = true; });
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (updateRequested) { updateRequested = false; location.reload(); }
    });
  }
  $('update-later').addEventListener('click', () => { $('update-banner').hidden = true; });

  // ---- the test hook and small public API ---------------------------------------------------
  hook.snapshot = () => JSON.parse(mod().UTF8ToString(mod()._pathway_snapshot()));
  hook.screen = () => mod().UTF8ToString(mod()._pathway_screen());
  hook.widgets = () => JSON.parse(mod().UTF8ToString(mod()._pathway_widgets()));
  hook.fields = () => hook.widgets().filter((w) => w.text)
    .map(({ id, label, x, y, w, h }) => ({ id, label, x, y, w, h }));
  hook.flush = () => mod()._pathway_flush();
  hook.busy = () => mod()._pathway_busy() !== 0;
  hook.frames = () => mod()._pathway_frames();
  // Main-loop ticks (drawn or not) and whether the loop is paused: idle costs nothing.
  hook.loopIterations = () => mod()._pathway_loop_iterations();
  hook.paused = () => mod()._pathway_paused() !== 0;
  // ImGui's pointer: {valid, x, y, hoveredId, hoveredWindow} (no hover after a finger lifts).
  hook.pointer = () => JSON.parse(mod().UTF8ToString(mod()._pathway_pointer()));
  // The text cursor of the field being edited: {visible, x, y, h} in CSS px.
  hook.caret = () => JSON.parse(mod().UTF8ToString(mod()._pathway_caret()));
  hook.wantsText = wantsText;
  hook.keyboardInput = kbd;
  // True once every change has reached IndexedDB.
  hook.saved = () => mod()._pathway_dirty() === 0 && tabSync.idle();
  hook.storedRevision = () => mod()._pathway_stored_revision();
  hook.deleteEntry = (id) => call('pathway_test_delete_entry', 'number', ['string'], [id]) !== 0;
  hook.draft = () => JSON.parse(mod().UTF8ToString(mod()._pathway_test_draft()));
  hook.refreshes = 0; // how many times another tab's save was taken in (tests)
  // Test and screenshot helpers.
  hook.addTestEntries = (n) => mod()._pathway_test_add_entries(n);
  hook.newEntry = (kind) => call('pathway_test_new_entry', 'number', ['string'], [kind]) !== 0;
  window.pathway = hook;

  // Save when the page is hidden or closed (phones kill background tabs without warning).
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden' && hook.ready) mod()._pathway_flush();
  });
  window.addEventListener('pagehide', () => { if (hook.ready) mod()._pathway_flush(); });

  // ---- start -----------------------------------------------------------------------------
  // WebGL2 is required; say so plainly instead of showing a blank page (and load nothing).
  const probe = document.createElement('canvas').getContext('webgl2');
  if (!probe) {
    hook.webgl2 = false;
    showMessage('Pathway needs WebGL2, which this browser does not offer (or has turned off). ' +
                'Try an up-to-date Chrome, Firefox, Safari or Edge, with hardware acceleration on.', true);
    return;
  }
  window.Module = {
    canvas,
    print: (t) => console.log(t),
    printErr: (t) => console.warn(t),
    setStatus(text) {
      const m = /([^(]+)\((\d+(\.\d+)?)\/(\d+)\)/.exec(text || '');
      if (m) progressEl.value = (100 * parseInt(m[2], 10)) / parseInt(m[4], 10);
    },
    onAbort(what) { if (!fatalShown) showMessage('Pathway stopped unexpectedly: ' + what, true); },
  };
  const script = document.createElement('script');
  script.src = 'pathway.js';
  script.async = true;
  script.onerror = () => showMessage('Pathway could not load (offline before its first visit?). ' +
                                     'Connect once and reload.', true);
  document.body.appendChild(script);
})();
