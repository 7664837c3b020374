/* charter default theme: theme toggle, phone menu, full sidebar tree, page TOC, copy buttons. */
(function () {
  "use strict";
  var doc = document;
  var root = doc.documentElement;
  var STORE = "charter-theme";

  function systemDark() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function setupThemeToggle() {
    var buttons = doc.querySelectorAll(".theme-toggle");
    function current() {
      var t = root.dataset.theme;
      return t === "light" || t === "dark" ? t : systemDark() ? "dark" : "light";
    }
    function sync() {
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].setAttribute("aria-pressed", current() === "dark" ? "true" : "false");
      }
    }
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].addEventListener("click", function () {
        var next = current() === "dark" ? "light" : "dark";
        root.dataset.theme = next;
        try { localStorage.setItem(STORE, next); } catch (e) { /* private mode */ }
        sync();
      });
    }
    sync();
  }

  function setupMenu() {
    var button = doc.querySelector(".menu-toggle");
    var sidebar = doc.getElementById("sidebar");
    if (!button || !sidebar) return;
    function set(open) {
      doc.body.classList.toggle("sidebar-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      set(open);
      if (open) {
        var target = sidebar.querySelector('[aria-current="page"]') || sidebar.querySelector("a");
        if (target) target.focus();
      }
    });
    doc.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && doc.body.classList.contains("sidebar-open")) {
        set(false);
        button.focus();
      }
    });
    doc.addEventListener("click", function (e) {
      if (!doc.body.classList.contains("sidebar-open")) return;
      if (sidebar.contains(e.target) || button.contains(e.target)) return;
      set(false);
    });
    sidebar.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest("a")) set(false);
    });
  }

  /* Replaces the inline branch with the whole tree from window.charterNav:
     [{kind, title, url, depth}], kind chapter | part | separator. */
  function buildNav() {
    var items = window.charterNav;
    var sidebar = doc.getElementById("sidebar");
    if (!sidebar || !Array.isArray(items) || items.length === 0) return;
    /* Spec pages list the specs inline; the shared tree is the handbook's. */
    if (sidebar.querySelector("[data-nav-static]")) {
      var here = sidebar.querySelector("[aria-current=page]");
      if (here && here.scrollIntoView) here.scrollIntoView({ block: "center" });
      return;
    }
    var pageUrl = doc.body.getAttribute("data-page-url");
    var top = doc.createElement("ol");
    top.className = "nav-tree";
    var stack = [top]; /* stack[d] is the list holding items of depth d */
    var lastLi = [];
    var currentLink = null;
    items.forEach(function (item) {
      var depth = Math.max(0, item.depth | 0);
      while (stack.length - 1 < depth) {
        var parentLi = lastLi[stack.length - 1];
        var sub = doc.createElement("ol");
        if (parentLi) parentLi.appendChild(sub); else stack[stack.length - 1].appendChild(sub);
        stack.push(sub);
      }
      stack.length = Math.min(stack.length, depth + 1);
      lastLi.length = Math.min(lastLi.length, depth + 1);
      var list = stack[depth];
      var li = doc.createElement("li");
      if (item.kind === "separator") {
        li.className = "nav-separator";
        li.setAttribute("role", "separator");
        li.appendChild(doc.createElement("hr"));
      } else if (item.kind === "part") {
        li.className = "nav-part";
        li.textContent = item.title;
      } else if (item.url) {
        li.className = "nav-chapter";
        var a = doc.createElement("a");
        a.href = item.url;
        a.textContent = item.title;
        if (item.url === pageUrl) {
          a.setAttribute("aria-current", "page");
          currentLink = a;
        }
        li.appendChild(a);
      } else {
        li.className = "nav-chapter nav-draft";
        var span = doc.createElement("span");
        span.textContent = item.title;
        li.appendChild(span);
      }
      list.appendChild(li);
      lastLi[depth] = li;
    });
    var old = sidebar.querySelector(".nav-tree");
    if (old) sidebar.replaceChild(top, old); else sidebar.appendChild(top);
    if (currentLink && currentLink.scrollIntoView) {
      var r = currentLink.getBoundingClientRect();
      var s = sidebar.getBoundingClientRect();
      if (r.bottom > s.bottom || r.top < s.top) currentLink.scrollIntoView({ block: "center" });
    }
  }

  /* The page TOC is open on wide screens and collapsed on narrow ones;
     the link of the section in view is highlighted. */
  function setupToc() {
    var details = doc.querySelector(".page-toc-details");
    if (!details || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 1200px)");
    function apply() { details.open = wide.matches; }
    apply();
    if (wide.addEventListener) wide.addEventListener("change", apply);
    var links = details.querySelectorAll('a[href^="#"]');
    if (!("IntersectionObserver" in window) || links.length === 0) return;
    var byId = {};
    var targets = [];
    for (var i = 0; i < links.length; i++) {
      var id = decodeURIComponent(links[i].getAttribute("href").slice(1));
      var el = doc.getElementById(id);
      if (el) { byId[id] = links[i]; targets.push(el); }
    }
    var active = null;
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        var link = byId[entry.target.id];
        if (active) active.classList.remove("active");
        active = link;
        if (active) active.classList.add("active");
      });
    }, { rootMargin: "0px 0px -70% 0px" });
    targets.forEach(function (t) { observer.observe(t); });
  }

  // A "Copy" button on each code block; the labels come from the page,
  // in its language (a site's own base.html without them gets none).
  function setupCopyButtons() {
    var label = doc.body.getAttribute("data-copy-label");
    var done = doc.body.getAttribute("data-copied-label");
    if (!label) return;
    var blocks = doc.querySelectorAll(".content pre.code");
    for (var i = 0; i < blocks.length; i++) addCopyButton(blocks[i], label, done || label);
  }

  // A code block wider than the page scrolls sideways: it takes the
  // keyboard's focus, so that it can be scrolled without a mouse.
  function setupScrollableBlocks() {
    var blocks = doc.querySelectorAll("pre");
    function mark() {
      for (var i = 0; i < blocks.length; i++) {
        var pre = blocks[i];
        if (pre.scrollWidth > pre.clientWidth) {
          if (!pre.hasAttribute("tabindex")) {
            pre.setAttribute("tabindex", "0");
            pre.setAttribute("data-scroll-focus", "");
          }
        } else if (pre.hasAttribute("data-scroll-focus")) {
          pre.removeAttribute("tabindex");
          pre.removeAttribute("data-scroll-focus");
        }
      }
    }
    mark();
    var timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(mark, 150);
    });
  }

  function addCopyButton(pre, label, done) {
    // The button sits in a wrapper, not in the <pre>, so that it stays put
    // when a long line scrolls the block sideways.
    var wrap = doc.createElement("div");
    wrap.className = "code-block";
    pre.parentNode.insertBefore(wrap, pre);
    wrap.appendChild(pre);
    var button = doc.createElement("button");
    button.type = "button";
    button.className = "copy-code";
    button.setAttribute("data-copy-code", "");
    button.setAttribute("aria-live", "polite");
    button.textContent = label;
    var timer = null;
    button.addEventListener("click", function () {
      var code = pre.querySelector("code") || pre;
      copyText(code.textContent).then(function () {
        button.textContent = done;
        button.classList.add("copied");
        clearTimeout(timer);
        timer = setTimeout(function () {
          button.textContent = label;
          button.classList.remove("copied");
        }, 2000);
      }, function () { /* nothing copied: the label stays */ });
    });
    wrap.appendChild(button);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Plain http on another host has no clipboard API: a selection and the
    // older copy command.
    return new Promise(function (resolve, reject) {
      var area = doc.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      doc.body.appendChild(area);
      area.select();
      var copied = false;
      try { copied = doc.execCommand("copy"); } catch (e) { copied = false; }
      doc.body.removeChild(area);
      if (copied) resolve(); else reject();
    });
  }

  // ← and → turn the page (to rel=prev and rel=next), as in mdBook; the
  // other way round on a right-to-left page. Not while typing, nor with a
  // modifier held, nor while something that scrolls sideways has focus.
  function setupPageKeys() {
    doc.addEventListener("keydown", function (e) {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
      var focused = doc.activeElement;
      if (focused && focused !== doc.body && focused.tagName !== "A") return;
      var rtl = root.getAttribute("dir") === "rtl";
      var rel = (e.key === "ArrowRight") !== rtl ? "next" : "prev";
      var link = doc.querySelector(".prevnext a[rel=" + rel + "]");
      if (!link) return;
      e.preventDefault();
      window.location.href = link.href;
    });
  }

  // The 404 page: the handbook page whose address or title is closest to
  // the address asked for (a renamed chapter, a typed URL), from the shared
  // chapter tree. Compared by the letter pairs the two have in common.
  function words(text) {
    var path = text || "";
    try { path = decodeURIComponent(path); } catch (e) { /* a stray % stays as typed */ }
    var last = path.replace(/\/+$/, "").split("/").pop() || "";
    return last.toLowerCase().replace(/\.(html?|md)$/, "").replace(/^\d+[-_]/, "").replace(/[-_.]+/g, " ");
  }
  function pairs(text) {
    var out = {};
    for (var i = 0; i + 1 < text.length; i++) out[text.substr(i, 2)] = (out[text.substr(i, 2)] || 0) + 1;
    return out;
  }
  function likeness(a, b) {
    if (a.length < 2 || b.length < 2) return a === b ? 1 : 0;
    var pa = pairs(a), pb = pairs(b), shared = 0, total = 0;
    Object.keys(pa).forEach(function (k) { total += pa[k]; if (pb[k]) shared += Math.min(pa[k], pb[k]); });
    Object.keys(pb).forEach(function (k) { total += pb[k]; });
    return (2 * shared) / total;
  }
  function suggestNearPage() {
    var hint = doc.querySelector("[data-not-found-suggestion]");
    var items = window.charterNav;
    if (!hint || !Array.isArray(items)) return;
    var wanted = words(window.location.pathname);
    if (wanted.length < 2) return;
    var best = null, bestScore = 0.5;
    items.forEach(function (item) {
      if (!item.url) return;
      var score = Math.max(likeness(wanted, words(item.url)), likeness(wanted, (item.title || "").toLowerCase()));
      if (score > bestScore) { best = item; bestScore = score; }
    });
    if (!best) return;
    var link = hint.querySelector("a");
    link.href = best.url;
    link.textContent = best.title;
    hint.hidden = false;
  }

  function init() {
    setupPageKeys();
    suggestNearPage();
    setupThemeToggle();
    setupMenu();
    buildNav();
    setupToc();
    setupCopyButtons();
    setupScrollableBlocks();
  }

  if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", init);
  else init();
})();

// Registry: filter spec rows by number, shortname, name or editor, offline.
(function () {
  var input = document.querySelector("[data-registry-filter]");
  if (!input) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll(".registry-table tbody tr"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-registry-group]"));
  var empty = document.querySelector(".registry-empty");
  input.addEventListener("input", function () {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var match = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !match;
      if (match) shown++;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("tbody tr:not([hidden])");
    });
    if (empty) empty.hidden = shown > 0;
  });
})();

// Switchers keep the reader's place: the #fragment travels with the link.
(function () {
  // Switcher menus close on a click elsewhere and on Escape.
  function closeSwitchers(except) {
    document.querySelectorAll("nav[data-switcher] details[open]").forEach(function (d) {
      if (d !== except) d.removeAttribute("open");
    });
  }
  document.addEventListener("click", function (e) {
    closeSwitchers(e.target.closest && e.target.closest("nav[data-switcher] details"));
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") closeSwitchers(null);
  });
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("nav[data-switcher] a[href]");
    // A version without this page links to its home: no fragment there.
    if (!link || !location.hash || link.hash || link.hasAttribute("data-version-home")) return;
    link.hash = location.hash;
  });
})();

/* Search box: Pagefind's JS API over the index of this version
   (data-search-url), loaded on first use; our own results panel with
   keyboard navigation and status chips for specs. Words come from the
   page (data-search-* attributes and the chips' labels). */
(function () {
  "use strict";
  var doc = document;
  var box = doc.querySelector("[data-search]");
  if (!box) return;
  var input = box.querySelector("[data-search-input]");
  var panel = box.querySelector("[data-search-panel]");
  var list = box.querySelector("[data-search-results]");
  var message = box.querySelector("[data-search-message]");
  var chipBox = box.querySelector("[data-search-chips]");
  var chips = Array.prototype.slice.call(box.querySelectorAll("[data-search-chip]"));
  var MAX = 10;
  var pagefind = null; /* a promise of the module, once loading started */
  var active = -1; /* index of the highlighted result */
  var seq = 0; /* the latest search; older answers are dropped */
  var timer = null;
  var labels = {};
  chips.forEach(function (chip) {
    var badge = chip.querySelector("[data-status]");
    labels[chip.getAttribute("data-search-chip")] = badge ? badge.textContent : chip.textContent;
  });

  function text(key, name, value) {
    var s = box.getAttribute("data-search-" + key) || "";
    return name ? s.split("{" + name + "}").join(value) : s;
  }

  function load() {
    if (!pagefind) {
      var bundle = new URL(box.getAttribute("data-search-url"), location.href);
      /* Results carry the pages' full URLs (with base path and version). */
      var options = { baseUrl: "/", excerptLength: 22 };
      pagefind = import(bundle.href).then(function (pf) {
        return pf.options(options).then(function () {
          return mergeShards(pf, bundle, options);
        }).then(function () {
          return pf.filters();
        }).then(function (filters) {
          var statuses = (filters && filters.status) || {};
          var any = false;
          chips.forEach(function (chip) {
            var has = (statuses[chip.getAttribute("data-search-chip")] || 0) > 0;
            chip.hidden = !has;
            any = any || has;
          });
          if (chipBox) chipBox.hidden = !any;
          return pf;
        });
      });
      pagefind.catch(function () { /* reported where it is awaited */ });
    }
    return pagefind;
  }

  /* A large site's index comes in shards (charter-shards.json lists, per
     language, those beyond the first); this page's language's are merged. */
  function mergeShards(pf, bundle, options) {
    return fetch(new URL("charter-shards.json", bundle).href).then(function (response) {
      return response.ok ? response.json() : {};
    }).catch(function () {
      return {}; /* no list: the first shard alone still answers */
    }).then(function (shards) {
      var mine = shards[doc.documentElement.lang] || [];
      return Promise.all(mine.map(function (path) {
        return pf.mergeIndex(new URL(path, bundle).pathname, options);
      }));
    });
  }

  function open(show) {
    panel.hidden = !show;
    input.setAttribute("aria-expanded", show ? "true" : "false");
    box.classList.toggle("search-open", show);
  }

  function selected() {
    return chips.filter(function (c) { return c.getAttribute("aria-pressed") === "true"; })
      .map(function (c) { return c.getAttribute("data-search-chip"); });
  }

  function setActive(i) {
    var options = list.querySelectorAll("[role=option]");
    if (options.length === 0) { active = -1; input.removeAttribute("aria-activedescendant"); return; }
    active = (i + options.length) % options.length;
    for (var k = 0; k < options.length; k++) {
      options[k].setAttribute("aria-selected", k === active ? "true" : "false");
    }
    input.setAttribute("aria-activedescendant", options[active].id);
    if (options[active].scrollIntoView) options[active].scrollIntoView({ block: "nearest" });
  }

  /* Pagefind's excerpt is HTML with <mark>; keep the marks, take the rest as text. */
  function excerpt(html) {
    var out = doc.createElement("span");
    out.className = "search-excerpt";
    var parsed = new DOMParser().parseFromString("<body>" + (html || ""), "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeType === 1 && node.nodeName === "MARK") {
        var mark = doc.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(doc.createTextNode(node.textContent));
      }
    });
    return out;
  }

  function render(results, term) {
    list.textContent = "";
    results.forEach(function (data, i) {
      // The link is the option itself: an option may hold no control.
      var li = doc.createElement("li");
      li.setAttribute("role", "none");
      var a = doc.createElement("a");
      a.id = "search-result-" + i;
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.href = data.url;
      a.tabIndex = -1;
      var head = doc.createElement("span");
      head.className = "search-result-head";
      var meta = data.meta || {};
      if (meta.shortname) {
        var short = doc.createElement("span");
        short.className = "search-shortname";
        short.dir = "ltr"; /* 42/C4 reads left to right in RTL pages too */
        short.textContent = meta.shortname;
        head.appendChild(short);
      }
      var title = doc.createElement("span");
      title.className = "search-title";
      title.textContent = meta.title || data.url;
      head.appendChild(title);
      var status = data.filters && data.filters.status && data.filters.status[0];
      if (status) {
        var badge = doc.createElement("span");
        badge.setAttribute("data-status", status);
        badge.textContent = labels[status] || status;
        head.appendChild(badge);
      }
      a.appendChild(head);
      a.appendChild(excerpt(data.excerpt));
      li.appendChild(a);
      li.addEventListener("mousemove", function () { if (active !== i) setActive(i); });
      list.appendChild(li);
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (results.length) setActive(0);
    message.textContent = results.length
      ? text("count", "count", String(results.total))
      : text("none", "term", term);
  }

  function run() {
    var term = input.value.trim();
    var statuses = selected();
    if (!term && statuses.length === 0) {
      list.textContent = "";
      message.textContent = "";
      active = -1;
      open(chips.length > 0 && doc.activeElement === input && !(chipBox && chipBox.hidden));
      return;
    }
    var mine = ++seq;
    open(true);
    message.textContent = text("loading");
    load().then(function (pf) {
      var opts = statuses.length ? { filters: { status: { any: statuses } } } : {};
      return pf.search(term || null, opts);
    }).then(function (search) {
      if (mine !== seq || !search) return null;
      var top = search.results.slice(0, MAX);
      return Promise.all(top.map(function (r) { return r.data(); })).then(function (data) {
        if (mine !== seq) return;
        data.total = search.results.length;
        render(data, term);
      });
    }).catch(function (e) {
      if (mine !== seq) return;
      list.textContent = "";
      message.textContent = text("error");
      if (window.console) console.warn("charter search:", e);
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  }

  input.addEventListener("input", schedule);
  input.addEventListener("focus", function () {
    load().then(function () {
      if (doc.activeElement === input && !input.value.trim() && selected().length === 0) run();
    }, function () {});
    if (input.value.trim() || selected().length) open(true);
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (panel.hidden) open(true);
      setActive(active + (e.key === "ArrowDown" ? 1 : -1));
      e.preventDefault();
    } else if (e.key === "Enter") {
      var options = list.querySelectorAll("[role=option]");
      var target = options[active >= 0 ? active : 0];
      if (target) {
        e.preventDefault();
        window.location.href = target.href;
      }
    } else if (e.key === "Escape") {
      e.preventDefault();
      if (!panel.hidden) open(false);
      else { input.value = ""; input.blur(); }
    }
  });
  chips.forEach(function (chip) {
    chip.addEventListener("click", function () {
      var on = chip.getAttribute("aria-pressed") !== "true";
      chip.setAttribute("aria-pressed", on ? "true" : "false");
      input.focus();
      run();
    });
  });
  /* Clicks inside the panel keep it open; anywhere else closes it. */
  doc.addEventListener("mousedown", function (e) {
    if (!box.contains(e.target)) open(false);
  });
  box.addEventListener("focusout", function (e) {
    if (e.relatedTarget && !box.contains(e.relatedTarget)) open(false);
  });
  /* "/" focuses the box, unless the reader is typing somewhere. */
  doc.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    var tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
})();
