/* The site's search worker, in place of Material's: it answers the same messages (SETUP, READY,
   QUERY, RESULT) from the chunked index the factsite plugin writes under search/ (factsite/search.py),
   fetching only the files a query needs and keeping each it has fetched. The offline edition,
   opened from disk, cannot fetch: its index comes whole with the setup message instead.

   Every record is plain text: it is escaped here, where it becomes the HTML Material shows. */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
const EXPANSIONS = 3;    // a query word also stands for the most common words it begins, this many
const PREFIX_SHARE = 0.6;  // what a word a query word begins counts, against the word itself
const RESULTS = 20;      // records a query returns
const MAX_TERM = 40;     // as factsite/search.py cuts words
const WORD = /[\p{L}\p{N}]+/gu;

let manifest = null;
let words = new Set();
const files = new Map();

function load(name) {
  if (manifest.files)
    return Promise.resolve(manifest.files[name]);
  if (!files.has(name))
    files.set(name, fetch(new URL(`../../../search/${name}`, self.location.href)).then(response => {
      if (!response.ok) throw new Error(`${name}: ${response.status}`);
      return response.json();
    }).catch(error => {
      files.delete(name);  // a failed fetch is tried again by the next query, not remembered
      throw error;
    }));
  return files.get(name);
}

// The first characters of a word, counted as Python counts them: by code point, not UTF-16 unit.
function first(word, count) {
  return Array.from(word).slice(0, count).join("");
}

function terms(text) {
  return (text.toLowerCase().match(WORD) || []).map(word => first(word, MAX_TERM));
}

function key(term) {
  return [...new TextEncoder().encode(first(term, 2))]
    .map(byte => byte.toString(16).padStart(2, "0")).join("");
}

// Each query word's records and weights: its own, and those of the commonest words it begins.
async function matches(query) {
  const wanted = key(query);
  if (!words.has(wanted)) return new Map();
  const listed = await load(`w/${wanted}.json`);
  const exact = listed.filter(([term]) => term === query);
  const longer = query.length > 1
    ? listed.filter(([term]) => term !== query && term.startsWith(query))
      .sort((a, b) => b[1] - a[1]).slice(0, EXPANSIONS)
    : [];
  const found = new Map();
  for (const [term, , shard] of [...exact, ...longer]) {
    const share = term === query ? 1 : PREFIX_SHARE;
    const postings = (await load(`p/${shard}.json`))[term] || [];
    for (const [record, weight] of postings) {
      const score = weight * share;
      if (!found.has(record) || found.get(record) < score) found.set(record, score);
    }
  }
  return found;
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

// The text, escaped, with every word a query word begins marked.
function highlight(text, query) {
  let html = "", last = 0;
  for (const match of text.matchAll(WORD)) {
    const word = match[0].toLowerCase();
    html += escapeHTML(text.slice(last, match.index));
    const piece = escapeHTML(match[0]);
    html += query.some(term => word.startsWith(term)) ? `<mark>${piece}</mark>` : piece;
    last = match.index + match[0].length;
  }
  return html + escapeHTML(text.slice(last));
}

async function search(value) {
  const query = [...new Set(terms(value))];
  if (!query.length) return { items: [] };
  const perTerm = await Promise.all(query.map(matches));
  const scores = new Map();
  perTerm.forEach((found, index) => {
    for (const [record, weight] of found) {
      const entry = scores.get(record) || { record, score: 0, terms: new Array(query.length).fill(false) };
      entry.score += weight;
      entry.terms[index] = true;
      scores.set(record, entry);
    }
  });
  const covered = entry => entry.terms.filter(Boolean).length;
  const best = [...scores.values()]
    .sort((a, b) => covered(b) - covered(a) || b.score - a.score || a.record - b.record)
    .slice(0, RESULTS);
  const chunks = await Promise.all(best.map(({ record }) => load(`r/${Math.floor(record / manifest.chunk)}.json`)));
  // Grouped by page, as Material shows them: the page first, each record under it.
  const groups = new Map();
  best.forEach((entry, index) => {
    const [location, page, pageTitle, title, text] = chunks[index][entry.record % manifest.chunk];
    const matched = Object.fromEntries(query.map((term, i) => [term, entry.terms[i]]));
    const doc = {
      location, title: highlight(title, query), text: highlight(text, query),
      score: entry.score / 100, terms: matched
    };
    if (!groups.has(page))
      groups.set(page, { page: { location: page, title: escapeHTML(pageTitle), text: "", score: 0, terms: matched }, docs: [] });
    const group = groups.get(page);
    if (location === page) group.page = doc;
    else group.docs.push(doc);
  });
  return { items: [...groups.values()].map(({ page, docs }) => [...docs, page]) };
}

addEventListener("message", async event => {
  const message = event.data;
  if (message.type === SETUP) {
    manifest = message.data.config.factsite;
    words = new Set(manifest.words);
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    let data;
    try {
      data = await search(message.data);
    } catch (error) {
      console.warn(`Search failed: ${error}`);
      data = { items: [] };
    }
    postMessage({ type: RESULT, data });
  }
});
