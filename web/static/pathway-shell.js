// The page around the WebAssembly app: start-up, storage (IDBFS), the on-screen keyboard,
// files, clipboard, offline (service worker) and the test hook. The C++ side (web/main.cpp)
// calls window.pathwayShell.*; tests and users of the page use window.pathway.*.
//
// Workarounds (each cites the behaviour behind it):
// - SDL 2.26 never raises a phone's on-screen keyboard and drops composed or inserted text
//   (IME, dictation, autocorrect): while a field is edited a real <textarea>/<input> lies over it
//   and the browser edits the text; a tap focuses it inside the touch handler (iOS opens the
//   keyboard only from a user gesture).
// - Android keyboards send keydown "Unidentified" (229) and report edits only as input events:
//   the whole text is sent on every input event, never keys.
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
      loadFieldFont();
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
    // The field ImGui edits (web/main.cpp publishEditing), whenever it or its place changes.
    editing(json) {
      const info = JSON.parse(json);
      if (!info.id) {
        // ImGui stopped editing (a click elsewhere, a save): the page's field goes too, unless
        // a tap has just opened it and ImGui has not seen the tap yet.
        if (field && !field.awaitingApp) {
          const hadFocus = document.activeElement === field.el;
          endEdit(0);
          if (hadFocus) canvas.focus({ preventScroll: true });
        }
        return;
      }
      if (field && field.awaitingApp && field.id !== info.id) return; // the tap is on its way
      if (!field || field.id !== info.id) openField(info);
      field.awaitingApp = false;
      place(info);
      if (!field.caretPlaced && !field.typed && info.caret != null) {
        // Start where ImGui put the caret (where the click or tap was).
        const a = Math.min(info.anchor, info.caret);
        const b = Math.max(info.anchor, info.caret);
        field.el.setSelectionRange(a, b, info.caret < info.anchor ? 'backward' : 'forward');
      }
      field.caretPlaced = true;
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

  // ---- text fields: the browser's own field over the one being edited ------------------------
  // While ImGui edits a text field, a real <textarea> (multi-line) or <input> lies exactly over
  // it with the same font, size, colours, padding and wrap width; ImGui draws only the frame.
  // The browser edits the text (spell check, autocorrect, dictation, swipe, composition,
  // selection handles, paste) and every input event sends the whole text to the app.
  const KIND_ATTRS = {
    prose: { spellcheck: 'true', autocorrect: 'on', autocapitalize: 'sentences', inputmode: 'text', enterkeyhint: 'enter' },
    line: { spellcheck: 'true', autocorrect: 'on', autocapitalize: 'sentences', inputmode: 'text', enterkeyhint: 'done' },
    name: { spellcheck: 'false', autocorrect: 'off', autocapitalize: 'words', inputmode: 'text', enterkeyhint: 'done', autocomplete: 'name' },
    search: { spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off', inputmode: 'search', enterkeyhint: 'search' },
    date: { spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off', inputmode: 'text', enterkeyhint: 'done' },
    number: { spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off', inputmode: 'decimal', enterkeyhint: 'done' },
    code: { spellcheck: 'false', autocorrect: 'off', autocapitalize: 'characters', inputmode: 'text', enterkeyhint: 'done' },
    secret: { spellcheck: 'false', autocorrect: 'off', autocapitalize: 'off', inputmode: 'text', enterkeyhint: 'done', autocomplete: 'off' },
  };
  const encoder = new TextEncoder();
  const utf8Offset = (text, index) => encoder.encode(text.slice(0, index)).length;
  let field = null; // { el, id, multiline, caretPlaced, typed, info }
  let fieldCheck = 0;

  // The app's Inter (from the page data) for the overlay, so both draw the same glyphs.
  const FONT_FAMILY = '"Pathway Inter", system-ui, -apple-system, "Segoe UI", sans-serif';
  let fontReady = false;
  function loadFieldFont() {
    try {
      const bytes = mod().FS.readFile('/fonts/Inter-Regular.otf');
      const face = new FontFace('Pathway Inter', bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
      face.load().then((f) => { document.fonts.add(f); fontReady = true; if (field && field.info) place(field.info); })
        .catch(() => {});
    } catch (e) { /* the system font stands in */ }
  }
  // ImGui scales Inter so that ascent + descent fill its size; CSS sizes the em. Measuring one
  // sample both ways gives the CSS size that draws exactly ImGui's glyph widths.
  const measureCtx = document.createElement('canvas').getContext('2d');
  const cssSizes = new Map();
  function cssFontSize(font) {
    const key = font.px + '|' + font.sampleWidth + '|' + fontReady;
    if (cssSizes.has(key)) return cssSizes.get(key);
    measureCtx.font = '100px ' + FONT_FAMILY;
    if ('fontKerning' in measureCtx) measureCtx.fontKerning = 'none';
    const w = measureCtx.measureText(font.sample).width;
    const size = w > 0 ? (100 * font.sampleWidth) / w : font.px;
    cssSizes.set(key, size);
    return size;
  }

  function sendInput() {
    if (!field || !hook.ready) return;
    const el = field.el;
    field.typed = true;
    const a = el.selectionDirection === 'backward' ? el.selectionEnd : el.selectionStart;
    const c = el.selectionDirection === 'backward' ? el.selectionStart : el.selectionEnd;
    const need = field.multiline && el.scrollHeight > el.clientHeight + 1 ? el.scrollHeight : 0;
    call('pathway_overlay_input', null, ['string', 'string', 'number', 'number', 'number'],
      [field.id, el.value, utf8Offset(el.value, a), utf8Offset(el.value, c), need]);
  }
  function sendSelection() {
    if (!field || !hook.ready) return;
    const el = field.el;
    call('pathway_overlay_select', null, ['string', 'number', 'number'],
      [field.id, utf8Offset(el.value, el.selectionStart), utf8Offset(el.value, el.selectionEnd)]);
  }
  function endEdit(how) {
    if (!field) return;
    const f = field;
    field = null;
    clearInterval(fieldCheck);
    f.el.remove();
    if (hook.ready) call('pathway_overlay_end', null, ['string', 'number'], [f.id, how]);
    mirrorFields();
  }
  // Places the page's field over the app's (and clips it to the part of the panel showing it).
  function place(info) {
    if (!field) return;
    field.info = info;
    const el = field.el;
    const r = canvas.getBoundingClientRect();
    const [cx, cy, cw, ch] = info.clip;
    const s = el.style;
    s.left = (r.left + info.x) + 'px';
    s.top = (r.top + info.y) + 'px';
    s.width = info.w + 'px';
    s.height = info.h + 'px';
    s.clipPath = ch > 0 && cw > 0
      ? `inset(${cy - info.y}px ${info.x + info.w - (cx + cw)}px ${info.y + info.h - (cy + ch)}px ${cx - info.x}px)`
      : 'inset(50%)';
    s.fontSize = cssFontSize(info.font) + 'px';
    s.lineHeight = info.font.px + 'px';
    s.padding = `${Math.max(0, info.padY - info.border)}px ${Math.max(0, info.padX - info.border)}px`;
    s.borderWidth = info.border + 'px';
    s.borderRadius = info.rounding + 'px';
    s.color = info.color;
    s.caretColor = info.color;
    s.background = info.background;
    s.borderColor = info.borderColor;
    s.setProperty('--selection', info.selection);
  }
  // A finger dragged over the page's field scrolls the panel under it, as anywhere else in the
  // app: the field is as tall as its text and never scrolls itself, so without this a phone's
  // form could not be scrolled while a long reflection covered the screen. Once the finger has
  // moved 10 px within the long-press time its touches go on to the canvas (ui::TouchInput
  // scrolls); taps and long presses stay the field's own (caret, selection, the system menu).
  function forwardTouch(type, id, x, y) {
    const t = new Touch({ identifier: id, target: canvas, clientX: x, clientY: y, pageX: x, pageY: y, screenX: x, screenY: y });
    const now = type === 'touchend' ? [] : [t];
    canvas.dispatchEvent(new TouchEvent(type, { touches: now, targetTouches: now, changedTouches: [t], bubbles: true, cancelable: true }));
  }
  function forwardDrags(el) {
    let drag = null;
    el.addEventListener('touchstart', (e) => {
      const t = e.changedTouches[0];
      drag = e.touches.length === 1 ? { id: t.identifier, x: t.clientX, y: t.clientY, ms: e.timeStamp, on: false } : null;
    }, { passive: true });
    el.addEventListener('touchmove', (e) => {
      const t = drag && [...e.changedTouches].find((c) => c.identifier === drag.id);
      if (!t) return;
      if (!drag.on) {
        if (e.timeStamp - drag.ms >= 500) { drag = null; return; } // a long press: selecting
        if (Math.hypot(t.clientX - drag.x, t.clientY - drag.y) < 10) return;
        drag.on = true;
        forwardTouch('touchstart', drag.id, drag.x, drag.y);
      }
      e.preventDefault();
      forwardTouch('touchmove', drag.id, t.clientX, t.clientY);
    }, { passive: false });
    const end = (e) => {
      const t = drag && [...e.changedTouches].find((c) => c.identifier === drag.id);
      if (t && drag.on) forwardTouch('touchend', drag.id, t.clientX, t.clientY);
      if (t) drag = null;
    };
    el.addEventListener('touchend', end);
    el.addEventListener('touchcancel', end);
  }
  // Opens the page's field over `info` (a field from hook.fields() or what the app reported).
  function openField(info) {
    if (field && field.id === info.id) return field.el;
    if (field) endEdit(0);
    const el = document.createElement(info.multiline ? 'textarea' : 'input');
    el.className = 'text-field';
    el.id = 'text-field';
    if (!info.multiline) el.type = info.kind === 'secret' ? 'password' : 'text'; // a passphrase
    el.setAttribute('aria-label', info.label || '');
    el.setAttribute('lang', 'en-GB');
    el.setAttribute('autocomplete', 'off');
    for (const [k, v] of Object.entries(KIND_ATTRS[info.kind] || KIND_ATTRS.line)) el.setAttribute(k, v);
    el.value = mod().UTF8ToString(call('pathway_field_value', 'number', ['string'], [info.id]));
    field = { el, id: info.id, multiline: !!info.multiline, caretPlaced: false, typed: false, info: null };
    el.addEventListener('input', sendInput);
    for (const type of ['select', 'keyup', 'pointerup']) el.addEventListener(type, sendSelection);
    el.addEventListener('keydown', onFieldKey);
    el.addEventListener('blur', () => { if (field && field.el === el) endEdit(0); });
    el.addEventListener('wheel', (e) => { // the panel under the field scrolls, not the page
      e.preventDefault();
      // Steps as SDL 2.26 counts them (100 px or 3 lines a step), and wheel down scrolls down.
      const per = e.deltaMode === 1 ? 3 : e.deltaMode === 2 ? 1 / 80 : 100;
      const r = canvas.getBoundingClientRect();
      call('pathway_wheel', null, ['number', 'number', 'number', 'number'],
        [e.clientX - r.left, e.clientY - r.top, -e.deltaX / per, -e.deltaY / per]);
    }, { passive: false });
    forwardDrags(el);
    document.body.appendChild(el);
    if (info.font) place(info);
    else Object.assign(el.style, { left: info.x + 'px', top: info.y + 'px', width: info.w + 'px', height: info.h + 'px' });
    el.focus({ preventScroll: true });
    call('pathway_overlay_begin', null, ['string'], [info.id]);
    mirrorFields();
    return el;
  }
  const SHORTCUTS = new Set(['s', 'n']); // the app's own (Ctrl+S saves from inside a field)
  function onFieldKey(e) {
    const el = e.currentTarget;
    if (e.isComposing || e.keyCode === 229) return;
    if (e.key === 'Tab') {
      // ImGui moves the focus, as a Tab on the canvas does: to the next (or previous) control,
      // scrolled into view; the page's field follows the field ImGui then edits (editing()),
      // or goes when the focus lands on a button.
      e.preventDefault();
      sendInput();
      call('pathway_key', 'number', ['string', 'number', 'number'], ['Tab', modsOf(e), 1]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      endEdit(1);
      canvas.focus({ preventScroll: true });
    } else if (e.key === 'Enter' && el.tagName === 'INPUT') {
      e.preventDefault();
      endEdit(4);
      canvas.focus({ preventScroll: true });
    } else if ((e.ctrlKey || e.metaKey) && SHORTCUTS.has(e.key.toLowerCase())) {
      e.preventDefault();
      sendInput();
      call('pathway_key', 'number', ['string', 'number', 'number'], [e.key, modsOf(e), 1]);
    }
  }
  function modsOf(e) { return (e.ctrlKey ? 1 : 0) | (e.shiftKey ? 2 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0); }

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
    const f = fieldAt(t.clientX, t.clientY);
    if (!f) return;
    // Focused synchronously inside the touch handler, or iOS shows no keyboard. The field's
    // full rectangle and looks follow from the app within a frame or two.
    if (field && field.id === f.id) return;
    openField({ ...f, x: f.fx, y: f.fy, w: f.fw, h: f.fh });
    field.awaitingApp = true;
    // The tap reaches ImGui a few frames later; if no field became active by then, let go.
    // Counted in frames, not time: a slow phone draws them late but draws them all.
    const opened = field;
    const firstFrame = hook.frames();
    clearInterval(fieldCheck);
    fieldCheck = setInterval(() => {
      if (field !== opened || !field.awaitingApp) { clearInterval(fieldCheck); return; }
      if (wantsText() || (hook.frames() - firstFrame < 12 && !hook.paused())) return;
      clearInterval(fieldCheck);
      endEdit(0);
    }, 100);
  });
  canvas.addEventListener('touchcancel', () => { touchStart = null; });

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
    if (field && field.info) place(field.info);
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

  // ---- the screen for assistive technology (issue 13) ----------------------------------------
  // web/main.cpp publishes the screen's semantics when they change (ui::semanticsJson): every
  // widget becomes a real element over it in #a11y (a button a <button>, a heading an <h2>, a
  // field an <input>...), invisible but in the accessibility tree, so a screen reader's cursor,
  // swipes and activation, Tab and voice control reach it. Elements are kept by key and only
  // what changed is touched. Activating one presses the same ImGui item; focusing one moves
  // ImGui's focus (its highlight is the visible focus ring) and scrolls it into view; Tab goes to
  // ImGui, which moves to the next control in its order (scrolling it into view) and the
  // page's focus follows it.
  const mirror = $('a11y');
  const liveEl = $('a11y-live');
  const mirrored = new Map(); // key -> { el, sig }
  let mirrorFocusKey = '';
  let lastLive = '';
  const ROLE_TAGS = { button: 'button', link: 'a', tab: 'button', textbox: 'input', checkbox: 'input',
    combobox: 'button', option: 'button', heading: 'h2', text: 'p', status: 'p', img: 'div', progressbar: 'div' };
  function tagFor(n) {
    const [, role, , , , , , , , level, , , multiline] = n;
    if (role === 'heading') return 'h' + Math.min(Math.max(level || 2, 1), 3);
    if (role === 'textbox' && multiline) return 'textarea';
    return ROLE_TAGS[role] || 'p';
  }
  function setAttr(el, name, value) {
    if (value == null || value === false) { if (el.hasAttribute(name)) el.removeAttribute(name); }
    else if (el.getAttribute(name) !== String(value)) el.setAttribute(name, String(value));
  }
  function describe(el, key, text) {
    let d = el._description;
    if (!text) { if (d) { d.remove(); el._description = null; setAttr(el, 'aria-describedby', null); } return; }
    if (!d) {
      d = document.createElement('span');
      d.id = 'ax-d-' + (++describe.n);
      d.hidden = true;
      mirror.appendChild(d);
      el._description = d;
    }
    if (d.textContent !== text) d.textContent = text;
    setAttr(el, 'aria-describedby', d.id);
  }
  describe.n = 0;
  function makeElement(key, n) {
    const el = document.createElement(tagFor(n));
    const role = n[1];
    el.dataset.key = key;
    if (role === 'link') el.href = '#' + key;
    if (role === 'button' || role === 'tab' || role === 'combobox' || role === 'option') el.type = 'button';
    if (role === 'checkbox') el.type = 'checkbox';
    if (role === 'textbox' && !n[12]) el.type = n[13] ? 'password' : 'text';
    if (role === 'textbox') { el.setAttribute('lang', 'en-GB'); el.setAttribute('autocomplete', 'off'); }
    if (role === 'status') el.setAttribute('role', 'status');
    if (role === 'img') el.setAttribute('role', 'img');
    if (role === 'progressbar') el.setAttribute('role', 'progressbar');
    if (role === 'combobox') el.setAttribute('aria-haspopup', 'listbox');
    if (role === 'link' || role === 'button' || role === 'tab' || role === 'combobox' || role === 'option' || role === 'checkbox') {
      el.addEventListener('click', (e) => {
        e.preventDefault(); // the app's state drives a checkbox's and a link's, not the page's
        if (hook.ready) call('pathway_a11y_activate', 'number', ['string'], [el.dataset.key]);
      });
    }
    if (role === 'textbox') {
      el.addEventListener('input', () => {
        if (hook.ready) call('pathway_overlay_input', null, ['string', 'string', 'number', 'number', 'number'],
          [el.dataset.id, el.value, 0, 0, 0]);
      });
    }
    return el;
  }
  // Where the element lies (scrolling moves every row, every frame: only this is touched then).
  function placeElement(el, n) {
    const s = el.style;
    const px = (v) => v + 'px';
    if (s.left !== px(n[4])) s.left = px(n[4]);
    if (s.top !== px(n[5])) s.top = px(n[5]);
    if (s.width !== px(n[6])) s.width = px(n[6]);
    if (s.height !== px(n[7])) s.height = px(n[7]);
  }
  // What the element says: role, name, description, states, value.
  function contentSignature(n) {
    let sig = n[1] + '\u0001' + n[2] + '\u0001' + n[3];
    for (let i = 8; i < n.length; ++i) sig += '\u0001' + n[i];
    return sig;
  }
  function updateElement(el, n) {
    const [key, role, name, description, , , , , states, , value, max] = n;
    const labelled = role === 'textbox' || role === 'checkbox' || role === 'img' || role === 'progressbar';
    if (labelled) setAttr(el, 'aria-label', name || null);
    else if (el.textContent !== name) el.textContent = name;
    describe(el, key, description);
    const disabled = (states & 4) !== 0;
    setAttr(el, 'aria-disabled', disabled ? 'true' : null);
    if (role === 'checkbox') el.checked = (states & 1) !== 0;
    if (role === 'tab' || role === 'option') setAttr(el, 'aria-pressed', (states & 2) !== 0 ? 'true' : 'false');
    if (role === 'combobox') setAttr(el, 'aria-expanded', (states & 8) !== 0 ? 'true' : 'false');
    if (role === 'link') setAttr(el, 'aria-current', (states & 32) !== 0 ? 'page' : null);
    if (role === 'textbox') {
      setAttr(el, 'aria-invalid', (states & 16) !== 0 ? 'true' : null);
      el.dataset.id = key.replace(/#\d+$/, '');
      mirrorField(el);
    }
    if (role === 'progressbar') { setAttr(el, 'aria-valuenow', value); setAttr(el, 'aria-valuemax', max); setAttr(el, 'aria-valuemin', 0); }
  }
  // The field being edited is the page's own field over it (openField), so its mirror steps
  // aside: one textbox with that name, and the mirror's holds the text when it is not edited.
  function mirrorField(el) {
    const editingThis = !!field && field.id === el.dataset.id;
    setAttr(el, 'aria-hidden', editingThis ? 'true' : null);
    el.tabIndex = editingThis ? -1 : 0;
    // A passphrase is never copied into the page (its mirror stays empty).
    if (!editingThis && document.activeElement !== el && hook.ready && el.type !== 'password') {
      const v = mod().UTF8ToString(call('pathway_field_value', 'number', ['string'], [el.dataset.id]));
      if (el.value !== v) el.value = v;
    }
  }
  function mirrorFields() {
    for (const el of mirror.querySelectorAll('input[data-id], textarea[data-id]')) mirrorField(el);
  }
  let mirrorQuiet = false; // our own focus() calls are not requests from the page
  function focusMirror(key) {
    const m = mirrored.get(key);
    if (!m || document.activeElement === m.el) return;
    mirrorQuiet = true;
    m.el.focus({ preventScroll: true });
    mirrorQuiet = false;
  }
  const semanticsState = { json: '', nodes: [] };
  function applySemantics(json) {
    const info = JSON.parse(json);
    semanticsState.nodes = info.nodes;
    if (info.title && document.title !== info.title) document.title = info.title;
    if (info.live !== lastLive) {
      lastLive = info.live;
      liveEl.textContent = info.live; // read out by screen readers ("Saved", an error)
    }
    const keep = new Set();
    // Moving an element in the DOM takes the focus from it (Chromium blurs on removal): the
    // element focused now gets it back after the diff (the order changes when, say, ImGui
    // brings the bottom bar's window to the front as one of its links takes the focus).
    const hadFocus = mirror.contains(document.activeElement) ? document.activeElement : null;
    let before = mirror.firstElementChild;
    for (const n of info.nodes) {
      const key = n[0];
      keep.add(key);
      const sig = contentSignature(n) + (field ? field.id : '');
      const place = n[4] + ',' + n[5] + ',' + n[6] + ',' + n[7];
      let m = mirrored.get(key);
      const tag = tagFor(n).toUpperCase();
      if (m && m.el.tagName !== tag) {
        if (document.activeElement !== m.el) { m.el.remove(); if (m.el._description) m.el._description.remove(); mirrored.delete(key); m = null; }
      }
      if (!m) { m = { el: makeElement(key, n), sig: '', place: '' }; mirrored.set(key, m); }
      if (m.place !== place) { placeElement(m.el, n); m.place = place; }
      if (m.sig !== sig) { updateElement(m.el, n); m.sig = sig; }
      // In the UI's order (only moved when out of place).
      while (before && before.hidden) before = before.nextElementSibling;
      if (m.el !== before) mirror.insertBefore(m.el, before);
      else before = before.nextElementSibling;
    }
    for (const [key, m] of mirrored) {
      if (keep.has(key)) continue;
      if (m.el._description) m.el._description.remove();
      m.el.remove();
      mirrored.delete(key);
    }
    if (hadFocus && hadFocus.isConnected && document.activeElement !== hadFocus) {
      mirrorQuiet = true;
      hadFocus.focus({ preventScroll: true });
      mirrorQuiet = false;
    }
    if (info.focus && info.focus !== mirrorFocusKey) {
      // ImGui's focus moved (Tab): the page's follows it, unless the user is in a field of the page.
      const a = document.activeElement;
      if (!a || a === document.body || a === canvas || mirror.contains(a)) focusMirror(info.focus);
    }
    mirrorFocusKey = info.focus;
  }
  mirror.addEventListener('focusin', (e) => {
    const key = e.target.dataset && e.target.dataset.key;
    if (!key || mirrorQuiet || !hook.ready) return;
    mirrorFocusKey = key;
    call('pathway_a11y_focus', 'number', ['string'], [key]);
  });
  // Keys on a mirror element go to ImGui as they would on the canvas: Tab (ImGui moves the
  // focus in its order, scrolling, and ours follows it above), arrows, Escape and the app's
  // shortcuts. Enter and Space stay the element's own (a click: pathway_a11y_activate), and a
  // mirror field keeps its typing.
  const MIRROR_KEYS = new Set(['Tab', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Escape', 'PageUp', 'PageDown']);
  mirror.addEventListener('keydown', (e) => {
    if (!hook.ready || e.isComposing) return;
    const inField = e.target.tagName === 'INPUT' && e.target.type !== 'checkbox' || e.target.tagName === 'TEXTAREA';
    const shortcut = (e.ctrlKey || e.metaKey) && /^[a-z]$/i.test(e.key) && !inField;
    if (!MIRROR_KEYS.has(e.key) && !shortcut) return;
    if (inField && e.key !== 'Tab' && e.key !== 'Escape') return;
    e.preventDefault();
    call('pathway_key', 'number', ['string', 'number', 'number'], [e.key, modsOf(e), 1]);
  });
  shell.semantics = applySemantics;
  hook.semantics = () => semanticsState.nodes;

  // ---- the test hook and small public API ---------------------------------------------------
  hook.snapshot = () => JSON.parse(mod().UTF8ToString(mod()._pathway_snapshot()));
  hook.screen = () => mod().UTF8ToString(mod()._pathway_screen());
  hook.widgets = () => JSON.parse(mod().UTF8ToString(mod()._pathway_widgets()));
  hook.clipped = () => JSON.parse(mod().UTF8ToString(mod()._pathway_clipped()));
  hook.fields = () => hook.widgets().filter((w) => w.text)
    .map(({ id, label, x, y, w, h, kind, multiline, fx, fy, fw, fh }) => ({ id, label, x, y, w, h, kind, multiline, fx, fy, fw, fh }));
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
  // The text a field held when it was last drawn (the draft's, for the editor's fields).
  hook.fieldValue = (id) => mod().UTF8ToString(call('pathway_field_value', 'number', ['string'], [id]));
  // Mean CPU milliseconds per frame over `n` frames drawn at once (benchmarks, not tests).
  hook.benchFrames = (n) => mod()._pathway_bench_frames(n);
  hook.benchSemantics = (n, x, y) => JSON.parse(mod().UTF8ToString(mod()._pathway_bench_semantics(n, x, y)));
  // The page's own field over the one being edited (null when none).
  hook.textField = () => (field ? field.el : null);
  hook.editingId = () => (field ? field.id : null);
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
