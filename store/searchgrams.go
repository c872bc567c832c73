package store

import (
	"strconv"
	"strings"
	"unicode"
)

// Neither SQLite's FTS5 nor PostgreSQL's text search segments Chinese, and a
// trigram index cannot find a two-character word such as 教育. So the store writes
// the tokens itself, the same for both databases: each run of Chinese characters
// as its overlapping two-character pieces followed by its last character alone
// (教育局 → 教育 育局 局), each run of other letters and digits as one lowercase
// word. A query is turned into phrases of the same tokens, so that it finds
// exactly the texts that contain it: 育局 is the phrase 育局, 教育局 the phrase
// 教育 育局, 局 the prefix 局* (every piece starting with 局, and 局 at a run's end).

// token is one index token of a query; prefix says it matches any token it begins.
type token struct {
	text   string
	prefix bool
}

// run is a stretch of one class of characters: Chinese (han) or other letters and digits.
type run struct {
	text []rune
	han  bool
}

// maxWordRunes bounds a word of letters and digits: PostgreSQL refuses lexemes
// over 2 KB, and text read from a PDF can hold a long unbroken string. A longer
// word is indexed and searched by its beginning.
const maxWordRunes = 60

// runs splits s into runs, folding full-width ASCII to half-width and ASCII
// letters to lower case; everything else (punctuation, spaces) separates runs.
func runs(s string) []run {
	var out []run
	var cur []rune
	curHan := false
	flush := func() {
		if len(cur) > 0 {
			if !curHan && len(cur) > maxWordRunes {
				cur = cur[:maxWordRunes]
			}
			out = append(out, run{cur, curHan})
			cur = nil
		}
	}
	for _, r := range s {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		}
		r = unicode.ToLower(r)
		han := unicode.Is(unicode.Han, r)
		if !han && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush()
			continue
		}
		if len(cur) > 0 && han != curHan {
			flush()
		}
		cur, curHan = append(cur, r), han
	}
	flush()
	return out
}

// grams returns the index tokens of s in order.
func grams(s string) []string {
	var out []string
	for _, r := range runs(s) {
		if !r.han {
			out = append(out, string(r.text))
			continue
		}
		for i := 0; i+1 < len(r.text); i++ {
			out = append(out, string(r.text[i:i+2]))
		}
		out = append(out, string(r.text[len(r.text)-1]))
	}
	return out
}

// queryPhrases turns a query into phrases, one per word (words are separated by
// spaces), each a sequence of tokens that must follow one another. A run of
// Chinese characters in the middle of a word ends with its last character as the
// index does; at the end of a word it does not, since the text may go on (the
// query 预算 in 预算表). The last token of a word is a prefix when it is a single
// Chinese character or a word of letters and digits.
func queryPhrases(q string) [][]token {
	var out [][]token
	for _, word := range strings.Fields(q) {
		rs := runs(word)
		var phrase []token
		for i, r := range rs {
			last := i == len(rs)-1
			switch {
			case !r.han:
				phrase = append(phrase, token{string(r.text), last})
			case len(r.text) == 1:
				phrase = append(phrase, token{string(r.text), last})
			default:
				for j := 0; j+1 < len(r.text); j++ {
					phrase = append(phrase, token{string(r.text[j : j+2]), false})
				}
				if !last {
					phrase = append(phrase, token{string(r.text[len(r.text)-1]), false})
				}
			}
		}
		if len(phrase) > 0 {
			out = append(out, phrase)
		}
	}
	return out
}

// matchFTS5 writes phrases as an FTS5 query: "教育" + "育局" AND "局"*. Tokens hold
// only letters and digits, so quoting them needs no escapes.
func matchFTS5(phrases [][]token) string {
	var b strings.Builder
	for i, p := range phrases {
		if i > 0 {
			b.WriteString(" AND ")
		}
		for j, t := range p {
			if j > 0 {
				b.WriteString(" + ")
			}
			b.WriteString(`"` + t.text + `"`)
			if t.prefix {
				b.WriteString("*")
			}
		}
	}
	return b.String()
}

// matchTSQuery writes phrases as a PostgreSQL tsquery: '教育' <-> '育局' & '局':*.
func matchTSQuery(phrases [][]token) string {
	var b strings.Builder
	for i, p := range phrases {
		if i > 0 {
			b.WriteString(" & ")
		}
		b.WriteString("(")
		for j, t := range p {
			if j > 0 {
				b.WriteString(" <-> ")
			}
			b.WriteString(tsLexeme(t.text))
			if t.prefix {
				b.WriteString(":*")
			}
		}
		b.WriteString(")")
	}
	return b.String()
}

// tsLexeme quotes a token for tsvector and tsquery input.
func tsLexeme(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// maxTSPosition is the largest position a tsvector keeps; later ones are clamped
// to it, which would break phrases, so text is indexed in pieces shorter than that.
const maxTSPosition = 16383

// tsVector writes the tokens of a title (weight A) and a body (the default weight
// D) as tsvector input, one position apart within each, with a gap between them
// so that no phrase runs from the title into the body.
func tsVector(title, body []string) string {
	var b strings.Builder
	pos := 0
	write := func(toks []string, weight string) {
		for _, t := range toks {
			pos++
			if pos > maxTSPosition {
				return
			}
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(tsLexeme(t) + ":" + strconv.Itoa(pos) + weight)
		}
	}
	write(title, "A")
	pos++
	write(body, "")
	return b.String()
}
