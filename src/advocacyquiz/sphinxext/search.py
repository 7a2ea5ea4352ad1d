"""Arabic search: Snowball's Arabic stemmer on both sides of Sphinx's search, and a lighter index.

Sphinx has no Arabic stemmer, so «التلفزيون» and «بالتلفزيون» were different words to it. The
index (Python, `snowballstemmer`) and the search page (JavaScript, the same Snowball algorithm,
vendored in static/snowball-arabic.js) reduce every word to one key the same way:

1. drop diacritics and tatweel, and write every alef with hamza or madda as a bare alef;
2. drop a conjunction و/ف before a definite article («والتلفزيون»), which Snowball keeps;
3. stem the word, and also the word with the article added when it has none, and keep the
   shorter stem (Snowball strips more from a definite noun: «تلفزيون» → «تلفزي», but
   «التلفزيون» → «تلفز»);
4. normalise the stem as the engine compares answers (ى → ي, ة → ه: `normalise.normalise_text`).

The search page alone also reads a query word's final ه as ة («المدونه» for «المدونة») when the
word as typed is in no page: a correction of the query, never of the index (see JS_KEY).

tests/test_sphinxext.py holds the two implementations equal on every word of the course.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path
from typing import Any

import snowballstemmer
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.search import SearchLanguage

from ..normalise import normalise_text

STATIC = Path(__file__).parent / "static"
DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
HAMZA_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
ARTICLES = ("ال", "بال", "كال", "فال", "لل")
ARABIC = re.compile("[\u0600-\u06ff]")
WORD = re.compile(r"\w+")
SEARCHABLE_KEYS = frozenset({"text", "feedback", "explanation", "ending", "label"})


def search_key(word: str, stemmer: Any) -> str:
    """The one form under which a word is indexed and looked up (see the module's docstring)."""
    word = DIACRITICS.sub("", word).translate(HAMZA_ALEF).lower()
    if not ARABIC.search(word):
        return word
    if len(word) > 5 and word[0] in "وف" and word[1:].startswith(ARTICLES):
        word = word[1:]
    stems = [stemmer.stemWord(word)]
    if not word.startswith(ARTICLES):
        stems.append(stemmer.stemWord("ال" + word))
    return normalise_text(min(stems, key=len)) or word


def snowball_js() -> str:
    """Snowball's Arabic stemmer (ES module as published) as a classic script: file:// forbids modules."""
    module = (STATIC / "snowball-arabic.js").read_text(encoding="utf-8")
    body = module.replace("export function stemmer", "function stemmer").replace("export const ", "const ")
    return f"var aqSnowballArabic = (function () {{\n{body}\nreturn stemmer;\n}})();\n"


JS_KEY = """
/* advocacyquiz: the index's key for a word (sphinxext/search.py, search_key). */
var Stemmer = function () {
  var diacritics = /[\\u064b-\\u065f\\u0670\\u0640]/g;
  var articles = ["\\u0627\\u0644", "\\u0628\\u0627\\u0644", "\\u0643\\u0627\\u0644",
                  "\\u0641\\u0627\\u0644", "\\u0644\\u0644"];
  var definite = function (w) { return articles.some(function (a) { return w.startsWith(a); }); };
  var engine = function (w) {  /* normalise.normalise_text on a single word */
    w = w.normalize("NFKC").toLowerCase().replace(diacritics, "")
      .replace(/[\\u0623\\u0625\\u0622\\u0671]/g, "\\u0627")
      .replace(/\\u0649/g, "\\u064a").replace(/\\u0629/g, "\\u0647");
    return w.replace(/[\\p{P}\\p{Cf}]/gu, "");
  };
  var key = function (word) {
    var w = word.replace(diacritics, "").replace(/[\\u0623\\u0625\\u0622\\u0671]/g, "\\u0627").toLowerCase();
    if (!/[\\u0600-\\u06ff]/.test(w)) return w;
    if (w.length > 5 && "\\u0648\\u0641".indexOf(w[0]) >= 0 && definite(w.slice(1))) w = w.slice(1);
    var stems = [aqSnowballArabic(w)];
    if (!definite(w)) stems.push(aqSnowballArabic("\\u0627\\u0644" + w));
    var shortest = stems.reduce(function (a, b) { return b.length < a.length ? b : a; });
    return engine(shortest) || w;
  };
  var indexed = function (k) {
    var index = typeof Search !== "undefined" && Search._index;
    var has = function (terms) { return !!terms && Object.prototype.hasOwnProperty.call(terms, k); };
    return !index || has(index.terms) || has(index.titleterms);
  };
  /* A query word typed with a final heh for teh marbuta (al-mudawwanah), a common habit: when
     its own key is in no page, the key of the teh marbuta form, if that one is. Only the query is
     corrected, never the index: a final heh is often a pronoun or a root letter (al-wajh, ilayh),
     and reading it as teh marbuta there would join unrelated words. */
  this.stemWord = function (word) {
    var own = key(word), bare = word.replace(diacritics, "");
    if (indexed(own) || bare.slice(-1) !== "\\u0647") return own;
    var other = key(bare.slice(0, -1) + "\\u0629");
    return indexed(other) ? other : own;
  };
};
"""

JS_SPLITTER = """
/* Words as the index splits them: diacritics and tatweel dropped first, so «مُدَوَّنة» is one word. */
function splitQuery(query) {
  return query.replace(/[\\u064b-\\u065f\\u0670\\u0640]/g, "")
    .split(/[^\\p{L}\\p{N}_]+/u).filter(function (term) { return term; });
}
"""


class ArabicSearch(SearchLanguage):
    """Sphinx's search language for `ar`, with Snowball's Arabic stemmer."""

    lang = "ar"
    language_name = "Arabic"
    js_splitter_code = JS_SPLITTER

    def init(self, options: dict[str, Any]) -> None:
        self.stemmer = snowballstemmer.stemmer("arabic")
        self.js_stemmer_code = snowball_js() + JS_KEY

    def split(self, input: str) -> list[str]:
        return WORD.findall(DIACRITICS.sub("", input))

    def stem(self, word: str) -> str:
        return search_key(word, self.stemmer)


def searchable_text(html: str) -> str:
    """The words a learner reads in a rendered quiz or scenario, for the search index.

    The markup's text, and the strings its runtime shows later (feedback, explanations,
    scenario steps), which wait in its JSON data.
    """
    data = re.findall(r'<script type="application/json" class="aq-data">(.*?)</script>', html, re.S)
    markup = re.sub(r"<script.*?</script>|<[^>]+>", " ", html, flags=re.S)
    texts = [markup]
    for raw in data:
        texts.extend(_strings(json.loads(raw)))
    return " ".join(unescape(" ".join(texts)).split())


def _strings(value: Any, key: str = "") -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, k)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v, key)]
    return [value] if key in SEARCHABLE_KEYS and isinstance(value, str) else []


def index_text(html: str) -> nodes.Text:
    """A text child for a quiz node: indexed by Sphinx's search, never written (the node is raw HTML)."""
    return nodes.Text(searchable_text(html))


def write_utf8_index(app: Sphinx, exception: Exception | None) -> None:
    """Sphinx writes every non-ASCII index term as a \\u escape: twice the bytes for Arabic."""
    if exception or app.builder.format != "html":
        return
    index = Path(app.outdir) / "searchindex.js"
    if not index.is_file():
        return
    text = index.read_text(encoding="utf-8")
    prefix, suffix = "Search.setIndex(", ")"
    if text.startswith(prefix) and text.endswith(suffix):
        data = json.loads(text[len(prefix) : -len(suffix)])
        compact = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        index.write_text(prefix + compact + suffix, encoding="utf-8")


def setup_search(app: Sphinx) -> None:
    app.add_search_language(ArabicSearch)
    app.connect("build-finished", write_utf8_index)
