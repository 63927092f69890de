// The search page's results. The form works without this script: it sends `q` (and `kind`) to this
// page, and this script runs that query through the pagefind index that `gongkai build` wrote into
// /pagefind/, then lists the pages found as plain links. Without JavaScript the page says so and
// points to the site map instead. The only script of the site, loaded by the search page alone.
(function () {
  'use strict';
  var BATCH = 20;
  var region = document.getElementById('search-results');
  var status = document.getElementById('search-status');
  if (!region || !status) return;
  var params = new URLSearchParams(window.location.search);
  var query = (params.get('q') || '').trim();
  var kind = (params.get('kind') || '').trim();
  var input = document.getElementById('search-q');
  var select = document.getElementById('search-kind');
  if (input) input.value = query;
  if (select && kind) select.value = kind;
  if (!query) return;

  // A message from the page's `data-*` strings, with {query} and {count} filled in.
  function message(name, count) {
    return (region.dataset[name] || '').replace('{query}', query).replace('{count}', String(count));
  }

  // pagefind marks the matched words with <mark> in an excerpt that is otherwise escaped text;
  // it is rebuilt here from text nodes, so nothing in it is ever parsed as HTML.
  function excerpt(text) {
    var paragraph = document.createElement('p');
    paragraph.className = 'search-excerpt';
    var marked = false;
    text.split(/(<mark>|<\/mark>)/).forEach(function (part) {
      if (part === '<mark>' || part === '</mark>') {
        marked = part === '<mark>';
        return;
      }
      var plain = part.replace(/&lt;/g, '<').replace(/&gt;/g, '>');
      var node = marked ? document.createElement('mark') : document.createTextNode(plain);
      if (marked) node.textContent = plain;
      if (plain) paragraph.appendChild(node);
    });
    return paragraph;
  }

  function item(data) {
    var li = document.createElement('li');
    li.className = 'search-result';
    var heading = document.createElement('h2');
    heading.className = 'search-result-title';
    var link = document.createElement('a');
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    if (data.meta && data.meta.kind) {
      var badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = data.meta.kind;
      heading.appendChild(document.createTextNode(' '));
      heading.appendChild(badge);
    }
    li.appendChild(heading);
    li.appendChild(excerpt(data.excerpt || ''));
    return li;
  }

  function show(results) {
    var list = document.createElement('ol');
    list.className = 'search-list';
    list.setAttribute('aria-labelledby', 'search-status');
    region.appendChild(list);
    var more = document.createElement('button');
    more.type = 'button';
    more.className = 'search-more';
    more.textContent = region.dataset.more || '';
    var shown = 0;
    function next() {
      more.disabled = true;
      var batch = results.slice(shown, shown + BATCH);
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
        var items = pages.map(item);
        items.forEach(function (li) { list.appendChild(li); });
        shown += batch.length;
        more.disabled = false;
        if (shown >= results.length) more.remove();
        return items;
      });
    }
    more.addEventListener('click', function () {
      // Keyboard and screen-reader users continue at the first new result.
      next().then(function (items) { if (items[0]) items[0].querySelector('a').focus(); });
    });
    // The button comes after the first batch, so it never stands alone above an empty list.
    return next().then(function () {
      if (shown < results.length) region.appendChild(more);
    });
  }

  status.textContent = message('searching', 0);
  import(region.dataset.bundle + 'pagefind.js')
    .then(function (pagefind) {
      var options = { baseUrl: region.dataset.base, excerptLength: 40 };
      // A large site's index comes in parts: each is searched, and the results ranked together.
      var parts = (region.dataset.parts || '').split(' ').filter(Boolean);
      return pagefind
        .options(options)
        .then(function () {
          return Promise.all(parts.map(function (part) { return pagefind.mergeIndex(part, options); }));
        })
        .then(function () {
          return pagefind.search(query, kind ? { filters: { kind: kind } } : {});
        });
    })
    .then(function (search) {
      var results = (search && search.results) || [];
      if (!results.length) {
        status.textContent = message('none', 0);
        return null;
      }
      return show(results).then(function () {
        // Announced once the first results are on the page, not before.
        status.textContent = message(results.length === 1 ? 'foundOne' : 'found', results.length);
      });
    })
    .catch(function () {
      status.textContent = message('failed', 0);
    });
})();
