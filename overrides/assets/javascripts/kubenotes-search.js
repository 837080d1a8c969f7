/*
 * kubenotes search worker: replaces the lunr worker of mkdocs-material but speaks its message
 * protocol (SETUP -> READY, QUERY -> RESULT), so Material's search box, keyboard handling,
 * result list and page highlighting stay as they are.
 *
 * What differs from Material's worker:
 * - Index and query words go through the same function (`words`): lower case, Porter stem for
 *   Latin words, compounds (kube-proxy, terminationGracePeriodSeconds) kept whole as well as
 *   split. Material stemmed the index but not wildcard query terms, so "readiness" missed.
 * - Chinese queries are cut into the words jieba put into the index (\u200b-separated at build
 *   time) by a shortest segmentation over the index's own vocabulary; a compound term also
 *   matches its parts, at a lower weight.
 * - Ranking: title/heading hits outrank body hits; one result per page with its best section
 *   first; pages get a boost from the build (glossary and corrections lists rank lower).
 * - The index is not part of SETUP: the page sends SETUP with a stub, and this worker fetches the
 *   real index (URL in its own #index=) only when the search box gains focus (a message on the
 *   BroadcastChannel named in #channel=) or a query arrives. Readers who never search never
 *   download it.
 */
"use strict";

var SETUP = 0;
var READY = 1;
var QUERY = 2;
var RESULT = 3;

var HAN = /\p{Script=Han}/u;
// A word: letters/digits, joined by - _ . when followed by more letters/digits (kube-proxy,
// app.kubernetes.io, v1.34); Han runs are words of their own, cut further at \u200b.
var WORD = /[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)*/gu;
var TITLE_BOOST = 6;
var MAX_PAGES = 50;
var MAX_SECTIONS = 6;
var PAGE_BOOST = 1.5;
var K1 = 1.2;
var B = 0.75;

var stems = new Map();

function stem(word) {
  var known = stems.get(word);
  if (known !== undefined) return known;
  var result = word;
  if (word.length > 2 && /^[a-z]+$/.test(word) && typeof self.kubenotesStem === "function")
    result = self.kubenotesStem(word);
  stems.set(word, result);
  return result;
}

/* Split a Latin compound into its parts: kube-proxy, terminationGracePeriodSeconds, HTTPGet. */
function parts(word, offset) {
  var result = [];
  var re = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?[\p{Ll}\p{N}]+|[\p{Lu}\p{N}]+|[^-_.]+/gu;
  var match;
  while ((match = re.exec(word)) !== null)
    result.push({ text: match[0], start: offset + match.index, end: offset + re.lastIndex });
  return result;
}

/*
 * Visit the words of a plain-text string (no markup): fn(norm, start, end, kind, surface) with
 * kind LATIN (surface: the word as written, lower case), HAN or COMPOUND. A compound word
 * yields its parts and then the whole word (separators removed). Han runs are split at \u200b
 * only (the build put jieba's cuts there).
 */
var LATIN = 0;
var HAN_WORD = 1;
var COMPOUND = 2;

function visit(text, offset, fn) {
  var re = new RegExp(WORD.source, "gu"); // own lastIndex: visit() recurses for mixed runs
  var match;
  while ((match = re.exec(text)) !== null) {
    var word = match[0];
    var start = offset + match.index;
    if (HAN.test(word)) {
      // Mixed runs (Pod的) are split into Han and non-Han pieces; Han pieces stay whole.
      var piece = /\p{Script=Han}+|[^\p{Script=Han}]+/gu;
      var p;
      while ((p = piece.exec(word)) !== null) {
        if (HAN.test(p[0])) fn(p[0], start + p.index, start + piece.lastIndex, HAN_WORD);
        else visit(p[0], start + p.index, fn);
      }
      continue;
    }
    if (/^[a-z0-9]+$/.test(word)) {
      // Fast path: a plain lower-case word is its own only part.
      fn(stem(word), start, start + word.length, LATIN, word);
      continue;
    }
    var pieces = parts(word, start);
    for (var i = 0; i < pieces.length; i++) {
      var lower = pieces[i].text.toLowerCase();
      fn(stem(lower), pieces[i].start, pieces[i].end, LATIN, lower);
    }
    if (pieces.length > 1)
      fn(word.toLowerCase().replace(/[-_.]/g, ""), start, start + word.length, COMPOUND);
  }
}

/* Visit the words of an HTML string: text between tags; \u200b and entities separate. */
function visitHtml(html, fn) {
  var re = /<[^>]*>|&#?\w+;|\u200b/g;
  var last = 0;
  var match;
  while ((match = re.exec(html)) !== null) {
    if (match.index > last) visit(html.slice(last, match.index), last, fn);
    last = re.lastIndex;
  }
  if (last < html.length) visit(html.slice(last), last, fn);
}

/* The words of a plain-text string as objects {norm, start, end, han, compound, surface}. */
function words(text) {
  var out = [];
  visit(text, 0, collect(out));
  return out;
}

/* The words of an HTML string as objects (see words). */
function htmlWords(html) {
  var out = [];
  visitHtml(html, collect(out));
  return out;
}

function collect(out) {
  return function (norm, start, end, kind, surface) {
    out.push({
      norm: norm,
      start: start,
      end: end,
      han: kind === HAN_WORD,
      compound: kind === COMPOUND,
      surface: surface,
    });
  };
}

function Index(data) {
  var docs = data.docs || [];
  this.docs = docs;
  this.postings = new Map(); // norm -> [doc ids]
  this.stats = []; // per doc: {title: Map, text: Map, tlen, xlen}
  this.tokens = new Map(); // doc id -> {title, text} word lists, made when first shown
  this.surfaces = new Map(); // word as written (lower case) -> count, for suggestions
  this.surfaceStem = new Map(); // word as written -> its stem, for half-typed words
  this.han = new Set(); // Han words of the index: the query segmentation vocabulary
  this.pages = new Map(); // page location -> doc id of the page entry
  var totalText = 0;
  for (var id = 0; id < docs.length; id++) {
    var doc = docs[id];
    var page = doc.location.split("#")[0];
    if (doc.location.indexOf("#") < 0) this.pages.set(page, id);
    var stat = { title: new Map(), text: new Map(), tlen: 0, xlen: 0 };
    var counts = null;
    var length = 0;
    var index = this;
    var count = function (norm, start, end, kind, surface) {
      counts.set(norm, (counts.get(norm) || 0) + 1);
      if (kind === COMPOUND) return; // an extra word: not counted in the field's length
      length++;
      if (kind === HAN_WORD) index.han.add(norm);
      else if (surface !== undefined) {
        index.surfaces.set(surface, (index.surfaces.get(surface) || 0) + 1);
        index.surfaceStem.set(surface, norm);
      }
    };
    counts = stat.title;
    length = 0;
    visitHtml(doc.title || "", count);
    stat.tlen = length;
    counts = stat.text;
    length = 0;
    visitHtml(doc.text || "", count);
    stat.xlen = length;
    totalText += stat.xlen;
    [stat.title, stat.text].forEach(function (counts) {
      counts.forEach(function (_, norm) {
        var posting = this.postings.get(norm);
        if (!posting) this.postings.set(norm, (posting = []));
        if (posting[posting.length - 1] !== id) posting.push(id);
      }, this);
    }, this);
    this.stats.push(stat);
  }
  this.avgText = docs.length ? totalText / docs.length || 1 : 1;
  this.vocabulary = Array.from(this.postings.keys()).sort();
  this.written = Array.from(this.surfaces.keys()).sort();
  this.maxHan = 1;
  this.han.forEach(function (word) {
    if (word.length > this.maxHan) this.maxHan = word.length;
  }, this);
}

Index.prototype.idf = function (norm) {
  var n = (this.postings.get(norm) || []).length;
  return Math.log(1 + (this.docs.length - n + 0.5) / (n + 0.5));
};

/* Sorted `list`'s entries that start with `prefix`. */
function startingWith(list, prefix) {
  var lo = 0;
  var hi = list.length;
  while (lo < hi) {
    var mid = (lo + hi) >> 1;
    if (list[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  var found = [];
  for (var i = lo; i < list.length && list[i].startsWith(prefix); i++) found.push(list[i]);
  return found;
}

/*
 * Index words (stems) of words that start with `prefix`, as written or stemmed, without `own`
 * (the typed word's own stem), most frequent first, at most 30: "readin" finds "readi" through
 * "readiness".
 */
Index.prototype.expand = function (prefix, own) {
  var found = new Set(startingWith(this.vocabulary, prefix));
  startingWith(this.written, prefix).forEach(function (word) {
    found.add(this.surfaceStem.get(word));
  }, this);
  found.delete(own);
  var postings = this.postings;
  return Array.from(found)
    .sort(function (a, b) {
      return postings.get(b).length - postings.get(a).length;
    })
    .slice(0, 30);
};

/*
 * Cut a Han run into index words: fewest pieces, then fewest single characters; `skip` is a word
 * not to use (to find the parts of a compound). Characters the index never saw stay single.
 */
Index.prototype.segment = function (run, skip) {
  var n = run.length;
  var best = new Array(n + 1);
  best[0] = { cost: 0, singles: 0, cuts: [] };
  for (var i = 0; i < n; i++) {
    if (!best[i]) continue;
    for (var j = i + 1; j <= Math.min(n, i + this.maxHan); j++) {
      var piece = run.slice(i, j);
      if (j - i > 1 && (!this.han.has(piece) || piece === skip)) continue;
      var single = j - i === 1 ? 1 : 0;
      var next = { cost: best[i].cost + 1, singles: best[i].singles + single };
      var old = best[j];
      if (!old || next.cost < old.cost || (next.cost === old.cost && next.singles < old.singles))
        best[j] = { cost: next.cost, singles: next.singles, cuts: best[i].cuts.concat([piece]) };
    }
  }
  return best[n].cuts;
};

/* The query as terms: [{label, norm, han, last, alternatives}], plus compound bonus words. */
Index.prototype.parse = function (query) {
  var index = this;
  var typing = !/\s$/.test(query);
  var segmented = query.replace(/\p{Script=Han}+/gu, function (run, offset) {
    // A run still being typed (宽限 for 宽限期) stays whole when index words begin with it.
    var tail = typing && offset + run.length === query.length;
    if (tail && run.length > 1 && !index.han.has(run) && index.expand(run, run).length)
      return "\u200b" + run + "\u200b";
    return "\u200b" + index.segment(run).join("\u200b") + "\u200b";
  });
  var tokens = htmlWords(segmented.replace(/[<&]/g, " "));
  var terms = [];
  var compounds = [];
  var seen = new Set();
  for (var i = 0; i < tokens.length; i++) {
    var token = tokens[i];
    if (token.compound) {
      compounds.push(token.norm);
      continue;
    }
    if (seen.has(token.norm)) continue;
    seen.add(token.norm);
    var label = segmented.slice(token.start, token.end).toLowerCase();
    var term = { label: label, norm: token.norm, han: !!token.han, alternatives: [] };
    term.alternatives.push({ words: [token.norm], weight: 1 });
    if (token.han && token.norm.length > 1 && this.han.has(token.norm)) {
      var pieces = this.segment(token.norm, token.norm);
      if (pieces.length > 1 && pieces.every(function (p) { return p.length > 1; }))
        term.alternatives.push({ words: pieces, weight: 0.4 });
    }
    term.last = token.end === segmented.replace(/[\s\u200b]+$/, "").length;
    terms.push(term);
  }
  // The word being typed (last, no trailing space) also matches index words it begins.
  for (var t = 0; t < terms.length; t++) {
    if (!typing || !terms[t].last) continue;
    var expansions = this.expand(terms[t].han ? terms[t].norm : terms[t].label, terms[t].norm);
    // Only where the word as typed is absent, and never worth more than the word itself.
    var cap = this.postings.has(terms[t].norm) ? this.idf(terms[t].norm) : Infinity;
    if (expansions.length)
      terms[t].alternatives.push({ words: [], any: expansions, weight: 0.7, cap: cap });
  }
  return { terms: terms, compounds: compounds };
};

Index.prototype.wordScore = function (id, norm, cap) {
  var stat = this.stats[id];
  var title = stat.title.get(norm) || 0;
  var text = stat.text.get(norm) || 0;
  if (!title && !text) return 0;
  var sat = function (tf, len, avg) {
    return (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * len) / avg));
  };
  var score = sat(text, stat.xlen, this.avgText) + TITLE_BOOST * sat(title, stat.tlen, 4);
  return Math.min(this.idf(norm), cap === undefined ? Infinity : cap) * score;
};

/* Score of one term in one doc, and the index words that matched (for highlighting). */
Index.prototype.termScore = function (id, term) {
  var best = 0;
  var matched = [];
  for (var a = 0; a < term.alternatives.length; a++) {
    var alt = term.alternatives[a];
    if (alt.any && best > 0) break; // prefix matches only where the word itself is absent
    var score = 0;
    var words = [];
    if (alt.any) {
      for (var e = 0; e < alt.any.length; e++) {
        var s = this.wordScore(id, alt.any[e], alt.cap);
        if (s > score) score = s;
        if (s > 0) words.push(alt.any[e]);
      }
    } else {
      for (var w = 0; w < alt.words.length; w++) {
        var ws = this.wordScore(id, alt.words[w]);
        if (!ws) {
          score = 0;
          break;
        }
        score += ws;
        words.push(alt.words[w]);
      }
      if (alt.words.length > 1) score /= alt.words.length;
    }
    score *= alt.weight;
    if (score > 0) matched = matched.concat(words);
    if (score > best) best = score;
  }
  return { score: best, words: matched };
};

/* Mark the matched words of an HTML string; `blocks` keeps only blocks with a match (max 2). */
function mark(html, tokens, matched, blocks) {
  var spans = tokens.filter(function (token) {
    return matched.has(token.norm);
  });
  spans.sort(function (a, b) {
    return a.start - b.start || b.end - a.end;
  });
  var merged = [];
  for (var i = 0; i < spans.length; i++) {
    var last = merged[merged.length - 1];
    if (last && spans[i].start < last.end) {
      if (spans[i].end > last.end) last.end = spans[i].end;
    } else merged.push({ start: spans[i].start, end: spans[i].end });
  }
  var out = html;
  for (var j = merged.length - 1; j >= 0; j--)
    out =
      out.slice(0, merged[j].start) +
      "<mark>" +
      out.slice(merged[j].start, merged[j].end) +
      "</mark>" +
      out.slice(merged[j].end);
  if (!blocks) return out;
  var chunks = topLevel(out);
  var hits = chunks.filter(function (chunk) {
    return chunk.indexOf("<mark>") >= 0;
  });
  return (hits.length ? hits : chunks).slice(0, hits.length ? 2 : 1).join("");
}

/* The top-level blocks of an HTML fragment (elements and text runs between them). */
function topLevel(html) {
  var chunks = [];
  var depth = 0;
  var start = 0;
  var re = /<(\/?)([a-zA-Z0-9]+)[^>]*?(\/?)>/g;
  var match;
  var voids = /^(br|hr|img|input|wbr|col|area|source|meta|link)$/i;
  while ((match = re.exec(html)) !== null) {
    if (match[2].toLowerCase() === "mark") continue;
    if (match[1]) {
      depth--;
      if (depth === 0) {
        chunks.push(html.slice(start, re.lastIndex));
        start = re.lastIndex;
      }
    } else if (!match[3] && !voids.test(match[2])) {
      if (depth === 0 && match.index > start) {
        var text = html.slice(start, match.index);
        if (text.trim()) chunks.push(text);
        start = match.index;
      }
      depth++;
    }
  }
  if (start < html.length && html.slice(start).trim()) chunks.push(html.slice(start));
  return chunks.length ? chunks : [html];
}

Index.prototype.search = function (query) {
  var parsed = this.parse(query);
  var terms = parsed.terms;
  if (!terms.length) return { items: [] };
  var candidates = new Set();
  var add = function (norm) {
    (this.postings.get(norm) || []).forEach(function (id) {
      candidates.add(id);
    });
  }.bind(this);
  terms.forEach(function (term) {
    term.alternatives.forEach(function (alt) {
      (alt.any || alt.words).forEach(add);
    });
  });
  var hits = [];
  var index = this;
  candidates.forEach(function (id) {
    var total = 0;
    var found = 0;
    var matched = new Set();
    var labels = {};
    for (var t = 0; t < terms.length; t++) {
      var result = index.termScore(id, terms[t]);
      if (result.score > 0) {
        found++;
        total += result.score;
        result.words.forEach(function (w) {
          matched.add(w);
        });
      }
      labels[terms[t].label] = result.score > 0;
    }
    if (!found) return;
    for (var c = 0; c < parsed.compounds.length; c++) {
      var bonus = index.wordScore(id, parsed.compounds[c]);
      if (bonus) {
        total += 2 * bonus;
        matched.add(parsed.compounds[c]);
      }
    }
    var doc = index.docs[id];
    var coverage = found / terms.length;
    var score = total * coverage * coverage * coverage;
    if (doc.location.indexOf("#") < 0) score *= PAGE_BOOST;
    if (typeof doc.boost === "number") score *= doc.boost;
    hits.push({ id: id, score: score, matched: matched, labels: labels, found: found });
  });
  // Group by page: the page's best entry decides its rank; a page that matches every term in
  // some entry outranks pages that only match some.
  var groups = new Map();
  hits.sort(function (a, b) {
    return b.score - a.score;
  });
  hits.forEach(function (hit) {
    var page = index.docs[hit.id].location.split("#")[0];
    var group = groups.get(page);
    if (!group) groups.set(page, (group = { page: page, score: hit.score, hits: [] }));
    group.hits.push(hit);
  });
  var ordered = Array.from(groups.values()).slice(0, MAX_PAGES);
  var items = ordered.map(function (group) {
    // The best sections of the page (Material folds all but the best under "N more").
    var list = group.hits.slice(0, MAX_SECTIONS).map(function (hit) {
      return index.item(hit.id, hit.score, hit.matched, hit.labels, terms);
    });
    var pageId = index.pages.get(group.page);
    var hasPage = group.hits.some(function (hit) {
      return hit.id === pageId;
    });
    if (!hasPage && pageId !== undefined) {
      // The page heading Material shows above the sections: it links with the same ?h= words.
      var entry = index.item(pageId, 0, new Set(), {}, []);
      Object.keys(list[0].terms).forEach(function (word) {
        if (list[0].terms[word]) entry.terms[word] = true;
      });
      list.push(entry);
    }
    return list;
  });
  return { items: items, suggest: this.suggest(query) };
};

/* The word lists of a doc's title and text with their offsets, for marking (cached). */
Index.prototype.tokensOf = function (id) {
  var tokens = this.tokens.get(id);
  if (!tokens) {
    var doc = this.docs[id];
    tokens = { title: htmlWords(doc.title || ""), text: htmlWords(doc.text || "") };
    this.tokens.set(id, tokens);
  }
  return tokens;
};

/* One result entry in Material's shape, with matched words marked. */
Index.prototype.item = function (id, score, matched, labels, terms) {
  var doc = this.docs[id];
  var result = {
    location: doc.location,
    title: mark(doc.title || "", this.tokensOf(id).title, matched, false),
    text: mark(doc.text || "", this.tokensOf(id).text, matched, true),
    score: score,
    terms: {},
  };
  if (doc.tags) result.tags = doc.tags.slice();
  // terms: the words to highlight on the target page (?h=) are the words as they appear in the
  // page (pod for "pods", 抢占 not 抢); terms that found nothing are listed as missing.
  var surfaces = new Set();
  var tokens = this.tokensOf(id);
  [
    [doc.title || "", tokens.title],
    [doc.text || "", tokens.text],
  ].forEach(function (field) {
    field[1].forEach(function (token) {
      if (matched.has(token.norm) && surfaces.size < 12)
        surfaces.add(field[0].slice(token.start, token.end).toLowerCase());
    });
  });
  surfaces.forEach(function (surface) {
    result.terms[surface] = true;
  });
  terms.forEach(function (term) {
    if (!labels[term.label]) result.terms[term.label] = false;
  });
  return result;
};

/* Material completes the last typed word with the last suggestion that starts with it. */
Index.prototype.suggest = function (query) {
  var match = /([A-Za-z][\w-]*)$/.exec(query);
  if (!match) return [];
  var typed = match[1];
  var lower = typed.toLowerCase();
  if (this.surfaces.has(lower)) return []; // a whole word already
  var best = null;
  var count = 0;
  startingWith(this.written, lower).forEach(function (word) {
    var n = this.surfaces.get(word);
    if (n > count) {
      best = word;
      count = n;
    }
  }, this);
  return best ? [typed + best.slice(typed.length)] : [];
};

/* ---- worker side ---------------------------------------------------------------------- */

var state = { index: null, loading: null, options: {}, url: null };

function load() {
  if (!state.loading) {
    state.loading = fetch(state.url)
      .then(function (response) {
        if (!response.ok) throw new Error("search index: HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        state.index = new Index(data);
        return state.index;
      })
      .catch(function (error) {
        state.loading = null; // offline for a moment: the next query tries again
        throw error;
      });
  }
  return state.loading;
}

function handle(message) {
  switch (message.type) {
    case SETUP:
      state.options = (message.data && message.data.options) || {};
      if (message.data && message.data.docs && message.data.docs.length) {
        state.index = new Index(message.data);
        state.loading = Promise.resolve(state.index);
      }
      postMessage({ type: READY });
      return;
    case QUERY:
      var query = String(message.data || "");
      if (!query.trim()) {
        queue = queue.then(function () {
          postMessage({ type: RESULT, data: { items: [] } });
        });
        return;
      }
      queue = queue
        .then(load)
        .then(function (index) {
          var result = index.search(query);
          if (!state.options.suggest) delete result.suggest;
          postMessage({ type: RESULT, data: result });
        })
        .catch(function (error) {
          console.warn("kubenotes search:", error);
          postMessage({ type: RESULT, data: { items: [] } });
        });
      return;
  }
}

var queue = Promise.resolve();

if (typeof WorkerGlobalScope !== "undefined" && self instanceof WorkerGlobalScope) {
  var params = new URLSearchParams(self.location.hash.slice(1));
  state.url = params.get("index");
  importScripts(params.get("stemmer") || "kubenotes-search-stemmer.js");
  if (params.get("channel") && typeof BroadcastChannel !== "undefined") {
    var channel = new BroadcastChannel(params.get("channel"));
    channel.onmessage = function (event) {
      if (event.data === "load") load().catch(function () {});
    };
    channel.postMessage("hello");
  }
  addEventListener("message", function (event) {
    handle(event.data);
  });
}

if (typeof module !== "undefined")
  module.exports = { Index: Index, words: words, htmlWords: htmlWords, mark: mark, topLevel: topLevel };
