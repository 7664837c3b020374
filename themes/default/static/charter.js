/* charter default theme: theme toggle, phone menu, full sidebar tree, page TOC. */
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

  function init() {
    setupThemeToggle();
    setupMenu();
    buildNav();
    setupToc();
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
