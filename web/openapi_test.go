package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"yusuan/check"
	"yusuan/money"
	"yusuan/reader"
	"yusuan/store"
)

// TestOpenAPI calls every path of the published OpenAPI document against a portal
// with data and checks each answer against the schema the document gives for its
// status: that the API does what it says, and says what it does. Every field of
// every answer must be documented, and every documented field must turn up in some
// answer, so that the document can neither lag behind the API nor describe fields
// no test has seen.
func TestOpenAPI(t *testing.T) {
	spec := loadSpec(t)
	var paths []string
	for path := range spec.paths() {
		paths = append(paths, path)
	}
	sort.Strings(paths)
	if spec.root["openapi"] != "3.1.0" || len(paths) < 10 {
		t.Fatalf("openapi %v with %d paths", spec.root["openapi"], len(paths))
	}
	read := false
	eachBackend(t, func(t *testing.T, p *portal) {
		// Real ids replace the document's examples, which name no particular database.
		ids := map[string][]string{
			"/api/departments/{id}":       {id(p.depts["longgang"])},
			"/api/departments/{id}/final": {id(p.depts["putuoFinal"])},
			"/api/documents/{id}":         {id(p.docs["longgang"])},
			"department":                  {id(p.depts["longgang"])},
			"document":                    {id(p.docs["longgang"])},
			"d":                           {id(p.depts["longgang"]), id(p.depts["putuoDept"])},
		}
		for _, path := range paths {
			target := exampleTarget(t, spec, path, ids)
			spec.check(t, p, path, target, http.StatusOK)
			if strings.Contains(path, "{id}") {
				spec.check(t, p, path, strings.ReplaceAll(path, "{id}", "999999"), http.StatusNotFound)
			}
			for _, bad := range badTargets(t, spec, path, target) {
				spec.check(t, p, path, bad, http.StatusBadRequest)
			}
		}
		// Answers the examples do not give: a 决算 and a 单位预算 as documents,
		// text hits with their snippets, a department compared with its units.
		secret, err := p.st.Document(context.Background(), p.docs["secret"])
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ path, target string }{
			{"/api/documents/{id}", "/api/documents/" + id(p.docs["putuoFinal"])},
			{"/api/documents/{id}", "/api/documents/" + id(p.docs["putuoUnit"])},
			{"/api/documents/{id}/findings", "/api/documents/" + id(p.docs["putuoFinal"]) + "/findings"},
			{"/api/departments/{id}", "/api/departments/" + id(p.depts["putuoFinal"])},
			{"/api/search", "/api/search?kind=text&q=" + url.QueryEscape("政务")},
			{"/api/compare/departments", "/api/compare/departments?d=" + id(p.depts["secret"]) + "&year=" + fmt.Sprint(secret.Year)},
		} {
			spec.check(t, p, c.path, c.target, http.StatusOK)
		}
		// Documents read from published files, with what only they carry.
		imported := importRead(t, p)
		for _, d := range imported {
			doc, dept := "/api/documents/"+id(d.DocumentID), "/api/departments/"+id(d.DepartmentID)
			spec.check(t, p, "/api/documents/{id}", doc, http.StatusOK)
			spec.check(t, p, "/api/documents/{id}/findings", doc+"/findings", http.StatusOK)
			spec.check(t, p, "/api/departments/{id}", dept, http.StatusOK)
			spec.check(t, p, "/api/cells", "/api/cells?limit=200&document="+id(d.DocumentID), http.StatusOK)
			if d.Kind == store.FinalAccounts {
				spec.check(t, p, "/api/departments/{id}/final/{year}", dept+"/final/"+fmt.Sprint(d.Year), http.StatusOK)
			}
		}
		read = read || imported != nil
		// The API's own error for a path it does not have, and for a bad parameter.
		code, _, body := p.get(t, "/api/cells?limit=1000")
		if code != 400 || !strings.Contains(body, `"code":"invalid"`) {
			t.Errorf("bad limit: %d %s", code, body)
		}
	})
	if t.Failed() {
		return
	}
	if !read {
		t.Skip("the shared corpus is not next to the repository: the fields of read documents go unchecked")
	}
	for _, field := range spec.unseen() {
		t.Errorf("no answer carried the documented field %s", field)
	}
}

// readCorpus are published files read as yusuan import reads them: two 决算
// with their outturn as read, and a budget published as two files, its text and
// its tables (one of which cannot be read reliably), from the shared corpus.
var readCorpus = sync.OnceValues(func() ([]store.ImportDoc, error) {
	var out []store.ImportDoc
	for _, names := range [][]string{
		{"juesuan/putuo-caizhengju-2024-dept-final-accounts.txt"},
		{"juesuan/foshan-guidaojiaotong-2019-dept-final-accounts.txt"},
		{"other/beijing-sifaju-2026-dept-budget-text.txt", "other/beijing-sifaju-2026-dept-budget-tables.txt"},
	} {
		imp := store.ImportDoc{Region: "读取区", Published: true}
		for i, name := range names {
			path := "../../shared/corpus/" + name
			data, err := os.ReadFile(path)
			if err != nil {
				return nil, err
			}
			doc, err := reader.ReadFile(path)
			if err != nil {
				return nil, err
			}
			if imp.Disclosure == nil {
				imp.Disclosure = doc
			} else {
				imp.Disclosure = reader.Combine(imp.Disclosure, doc)
			}
			base := filepath.Base(path)
			imp.Source = strings.TrimPrefix(imp.Source+"、"+base, "、")
			imp.SourceURL = "https://example.gov.cn/" + base
			imp.Originals = append(imp.Originals, store.Original{OriginalInfo: store.OriginalInfo{Seq: i + 1, Name: base, Size: int64(len(data))}, Data: data})
		}
		if doc := imp.Disclosure; doc.Kind == store.FinalAccounts {
			doc.Outturn = check.ReadOutturn(doc, check.Options{})
		}
		imp.Check = check.Run(imp.Disclosure, check.Options{})
		out = append(out, imp)
	}
	// No file of the corpus prints a cell beyond its table's columns, an
	// 调整预算数 or a note after its tables, and every 决算 gives all four 三公
	// items: one of each is set, and one item taken away, so that their
	// description is checked too.
	budget := out[2].Disclosure
	for _, t := range budget.Tables {
		if t != nil && len(t.Rows) > 0 {
			t.Rows[0].Surplus = []string{"1.00"}
			break
		}
	}
	budget.Notes = append(budget.Notes, "本表金额合计数因四舍五入可能存在尾差。")
	adjusted := money.Amount(100)
	final := out[0].Disclosure.Outturn
	final.Functional[0].Adjusted = &adjusted
	final.SanGong = final.SanGong[1:]
	return out, nil
})

// importRead imports the corpus files of readCorpus into p's store, or returns
// nil when the corpus is not next to the repository.
func importRead(t *testing.T, p *portal) []store.Imported {
	t.Helper()
	docs, err := readCorpus()
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.st.Import(context.Background(), store.ImportSet{Documents: docs})
	if err != nil {
		t.Fatal(err)
	}
	return res.Documents
}

// exampleTarget is the URL that calls path with ids for the parameters they name
// and the document's examples for the others.
func exampleTarget(t *testing.T, spec *apiSpec, path string, ids map[string][]string) string {
	t.Helper()
	var op struct {
		Parameters []struct {
			Name     string          `json:"name"`
			In       string          `json:"in"`
			Required bool            `json:"required"`
			Example  json.RawMessage `json:"example"`
		} `json:"parameters"`
	}
	raw, _ := json.Marshal(spec.paths()[path]["get"])
	if err := json.Unmarshal(raw, &op); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	target, q := path, url.Values{}
	for _, prm := range op.Parameters {
		vals := ids[prm.Name]
		if prm.In == "path" && prm.Name == "id" {
			// The longest prefix names the path's own kind of id.
			longest := ""
			for prefix, v := range ids {
				if strings.HasPrefix(path, prefix) && len(prefix) > len(longest) {
					vals, longest = v, prefix
				}
			}
		}
		if vals == nil && len(prm.Example) > 0 {
			vals = exampleValues(prm.Example)
		}
		switch {
		case prm.In == "path":
			target = strings.ReplaceAll(target, "{"+prm.Name+"}", vals[0])
		case prm.Required && vals == nil:
			t.Errorf("%s: required parameter %s has no example", path, prm.Name)
		case vals != nil:
			q[prm.Name] = vals
		}
	}
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	return target
}

// badTargets are target, a good call of path, with one query parameter at a time
// set outside what the document allows of it: below its minimum, above its
// maximum or length, or out of its enum.
func badTargets(t *testing.T, spec *apiSpec, path, target string) []string {
	t.Helper()
	base, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	get, _ := spec.paths()[path]["get"].(map[string]any)
	params, _ := get["parameters"].([]any)
	var out []string
	for _, prm := range params {
		prm := prm.(map[string]any)
		schema, _ := prm["schema"].(map[string]any)
		if items, ok := schema["items"].(map[string]any); ok {
			schema = items
		}
		if prm["in"] != "query" || schema == nil {
			continue
		}
		var bad []string
		if v, ok := schema["minimum"].(float64); ok {
			bad = append(bad, fmt.Sprint(int64(v)-1))
		}
		if v, ok := schema["maximum"].(float64); ok {
			bad = append(bad, fmt.Sprint(int64(v)+1))
		}
		if v, ok := schema["maxLength"].(float64); ok {
			bad = append(bad, strings.Repeat("x", int(v)+1))
		}
		if _, ok := schema["enum"]; ok {
			bad = append(bad, "无此值")
		}
		for _, b := range bad {
			q := base.Query()
			q.Set(prm["name"].(string), b)
			out = append(out, base.Path+"?"+q.Encode())
		}
	}
	return out
}

func exampleValues(raw json.RawMessage) []string {
	var list []any
	if json.Unmarshal(raw, &list) == nil {
		var out []string
		for _, v := range list {
			out = append(out, fmt.Sprint(v))
		}
		return out
	}
	var v any
	json.Unmarshal(raw, &v)
	if f, ok := v.(float64); ok {
		return []string{fmt.Sprint(int64(f))}
	}
	return []string{fmt.Sprint(v)}
}

// apiSpec is the published OpenAPI document, for checking answers against.
type apiSpec struct {
	root map[string]any
	// seen are the locations (JSON pointers into the document) of the field
	// schemas that answers have matched.
	seen map[string]bool
}

func loadSpec(t *testing.T) *apiSpec {
	t.Helper()
	var root map[string]any
	if err := json.Unmarshal(openAPI, &root); err != nil {
		t.Fatal(err)
	}
	return &apiSpec{root: root, seen: map[string]bool{}}
}

func (s *apiSpec) paths() map[string]map[string]any {
	out := map[string]map[string]any{}
	paths, _ := s.root["paths"].(map[string]any)
	for path, item := range paths {
		out[path], _ = item.(map[string]any)
	}
	return out
}

// resolve returns the node a JSON pointer (#/a/b) names, or nil.
func (s *apiSpec) resolve(ptr string) map[string]any {
	node := any(s.root)
	for _, part := range strings.Split(strings.TrimPrefix(ptr, "#/"), "/") {
		m, _ := node.(map[string]any)
		node = m[pointerUnescape.Replace(part)]
	}
	m, _ := node.(map[string]any)
	return m
}

// responseSchema is the location of the schema of path's answer with status.
func responseSchema(path string, status int) string {
	return fmt.Sprintf("#/paths/%s/get/responses/%d/content/application~1json/schema", pointerEscape.Replace(path), status)
}

// pointerEscape makes a key one token of a JSON pointer (RFC 6901), and
// pointerUnescape the token the key again.
var (
	pointerEscape   = strings.NewReplacer("~", "~0", "/", "~1")
	pointerUnescape = strings.NewReplacer("~1", "/", "~0", "~")
)

// check calls target, one URL of path, and checks that the answer has status
// want, is JSON and conforms to the schema documented for that status.
func (s *apiSpec) check(t *testing.T, p *portal, path, target string, want int) {
	t.Helper()
	code, h, body := p.get(t, target)
	if code != want {
		t.Errorf("GET %s: %d, want %d\n%s", target, code, want, truncate(body, 300))
		return
	}
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("GET %s: Content-Type %q", target, ct)
	}
	for _, problem := range s.conform(path, code, body) {
		t.Errorf("GET %s: %s", target, problem)
	}
}

// conform checks body, an answer of GET path with status, against the schema
// the document gives for it.
func (s *apiSpec) conform(path string, status int, body string) []string {
	loc := responseSchema(path, status)
	schema := s.resolve(loc)
	if schema == nil {
		return []string{fmt.Sprintf("status %d is not documented", status)}
	}
	var v any
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		return []string{err.Error()}
	}
	return s.validate(schema, loc, v, "$")
}

// validate checks v against the JSON Schema subset the API document uses: $ref,
// anyOf, type (one or a list), required, properties, additionalProperties, items
// and enum. It is strict: a schema must give a type, and an object may hold no
// field that its properties do not name, unless additionalProperties describes
// it. loc is the schema's location, at v's place in the answer.
func (s *apiSpec) validate(schema map[string]any, loc string, v any, at string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		target := s.resolve(ref)
		if target == nil {
			return []string{at + ": unresolved " + ref}
		}
		return s.validate(target, ref, v, at)
	}
	if alts, ok := schema["anyOf"].([]any); ok {
		// The first alternative v conforms to is the one its fields count for;
		// when there is none, each says why not.
		var out []string
		for i, alt := range alts {
			try := &apiSpec{root: s.root, seen: map[string]bool{}}
			problems := try.validate(alt.(map[string]any), fmt.Sprintf("%s/anyOf/%d", loc, i), v, at)
			if problems == nil {
				maps.Copy(s.seen, try.seen)
				return nil
			}
			out = append(out, problems...)
		}
		return out
	}
	var types []string
	switch tt := schema["type"].(type) {
	case string:
		types = []string{tt}
	case []any:
		for _, x := range tt {
			types = append(types, fmt.Sprint(x))
		}
	default:
		return []string{fmt.Sprintf("%s: the schema at %s gives no type", at, loc)}
	}
	if !slices.ContainsFunc(types, func(typ string) bool { return isType(v, typ) }) {
		return []string{fmt.Sprintf("%s: %T is not %v", at, v, types)}
	}
	if enum, ok := schema["enum"].([]any); ok && !slices.Contains(enum, v) {
		return []string{fmt.Sprintf("%s: %v is not one of %v", at, v, enum)}
	}
	var out []string
	switch x := v.(type) {
	case map[string]any:
		req, _ := schema["required"].([]any)
		for _, r := range req {
			if _, ok := x[r.(string)]; !ok {
				out = append(out, fmt.Sprintf("%s: required field %q missing", at, r))
			}
		}
		props, _ := schema["properties"].(map[string]any)
		extra, hasExtra := schema["additionalProperties"].(map[string]any)
		for _, k := range slices.Sorted(maps.Keys(x)) {
			if sub, ok := props[k].(map[string]any); ok {
				field := loc + "/properties/" + pointerEscape.Replace(k)
				s.seen[field] = true
				out = append(out, s.validate(sub, field, x[k], at+"."+k)...)
			} else if hasExtra {
				out = append(out, s.validate(extra, loc+"/additionalProperties", x[k], at+"."+k)...)
			} else {
				out = append(out, fmt.Sprintf("%s: field %q is not documented", at, k))
			}
		}
	case []any:
		items, ok := schema["items"].(map[string]any)
		if !ok && len(x) > 0 {
			return []string{fmt.Sprintf("%s: the schema at %s gives no items", at, loc)}
		}
		for i, item := range x {
			out = append(out, s.validate(items, loc+"/items", item, fmt.Sprintf("%s[%d]", at, i))...)
			if len(out) > 5 {
				return out
			}
		}
	}
	return out
}

// unseen lists the documented fields of answers that no answer checked so far
// has carried.
func (s *apiSpec) unseen() []string {
	var out []string
	var walk func(node any, ptr string)
	walk = func(node any, ptr string) {
		switch x := node.(type) {
		case map[string]any:
			if props, ok := x["properties"].(map[string]any); ok {
				for k := range props {
					if field := ptr + "/properties/" + pointerEscape.Replace(k); !s.seen[field] {
						out = append(out, field)
					}
				}
			}
			for k, sub := range x {
				walk(sub, ptr+"/"+pointerEscape.Replace(k))
			}
		case []any:
			for i, sub := range x {
				walk(sub, fmt.Sprintf("%s/%d", ptr, i))
			}
		}
	}
	walk(s.root["paths"], "#/paths")
	walk(s.root["components"], "#/components")
	sort.Strings(out)
	return out
}

func isType(v any, typ string) bool {
	switch typ {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == float64(int64(f))
	case "number":
		_, ok := v.(float64)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "null":
		return v == nil
	}
	return false
}

// TestOpenAPIRoutes: the API's routes and the document's paths are the same
// set, so that a route cannot be added without its description, nor a
// description outlive its route. The routes are read from the package's source,
// every mux.Handle or HandleFunc with a pattern under /api/, and the document's
// paths are asked of the server's own mux, which must answer each with its own
// route rather than the API's catch-all 404.
func TestOpenAPIRoutes(t *testing.T) {
	spec := loadSpec(t)
	documented := map[string]bool{}
	for path := range spec.paths() {
		documented[path] = true
	}
	// The description itself, and the catch-all that answers unknown paths.
	served := map[string]bool{"/api/openapi.json": true, "/api/": true}
	routes := apiRoutes(t)
	if len(routes) < 10 {
		t.Fatalf("found only %d API routes in the package", len(routes))
	}
	for _, pattern := range routes {
		method, path, ok := strings.Cut(pattern, " ")
		if !ok {
			path, method = method, ""
		}
		if method == "" && path == "/api/" {
			continue
		}
		path = strings.TrimSuffix(path, "{$}")
		if method != http.MethodGet {
			t.Errorf("route %q: the API is read-only, GET alone", pattern)
		}
		if !documented[path] && path != "/api/openapi.json" {
			t.Errorf("route %s is not in openapi.json", path)
		}
		served[path] = true
	}
	mux := (&Server{}).routes()
	for path := range documented {
		if !served[path] {
			t.Errorf("openapi.json describes %s, which no route serves", path)
		}
		concrete := strings.NewReplacer("{id}", "1", "{year}", "2024").Replace(path)
		_, pattern := mux.Handler(httptest.NewRequest(http.MethodGet, concrete, nil))
		if want := "GET " + path; pattern != want && pattern != want+"{$}" {
			t.Errorf("GET %s is served by %q, not by the route of %s", concrete, pattern, path)
		}
	}
}

// apiRoutes are the patterns under /api/ that the package's source registers.
func apiRoutes(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			lit, isLit := call.Args[0].(*ast.BasicLit)
			if !ok || (sel.Sel.Name != "Handle" && sel.Sel.Name != "HandleFunc") {
				return true
			}
			if !isLit || lit.Kind != token.STRING {
				t.Errorf("%s: a route whose pattern is no literal cannot be checked against openapi.json", fset.Position(call.Pos()))
				return true
			}
			pattern, _ := strconv.Unquote(lit.Value)
			if _, path, ok := strings.Cut(pattern, " "); strings.HasPrefix(pattern, "/api/") || ok && strings.HasPrefix(path, "/api/") {
				out = append(out, pattern)
			}
			return true
		})
	}
	return out
}

// TestAPIIndex: the index at /api/ and the developers' page list every
// documented path (but the index itself), and nothing else.
func TestAPIIndex(t *testing.T) {
	spec := loadSpec(t)
	var want []string
	for path := range spec.paths() {
		if path != "/api/" {
			want = append(want, path)
		}
	}
	sort.Strings(want)
	p := newPortal(t, filepath.Join(t.TempDir(), "yusuan.db"))
	code, _, body := p.get(t, "/api/")
	if problems := spec.conform("/api/", code, body); problems != nil {
		t.Fatal(problems)
	}
	var index struct {
		Endpoints []apiEndpoint `json:"endpoints"`
	}
	if err := json.Unmarshal([]byte(body), &index); err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, e := range index.Endpoints {
		listed = append(listed, e.Path)
	}
	sort.Strings(listed)
	if !slices.Equal(listed, want) {
		t.Errorf("the index lists\n%v\nthe document describes\n%v", listed, want)
	}
	_, _, page := p.get(t, "/developers")
	listed = nil
	for _, m := range regexp.MustCompile(`<code>(/api/[^<?]+)`).FindAllStringSubmatch(page, -1) {
		if m[1] != "/api/openapi.json" {
			listed = append(listed, m[1])
		}
	}
	sort.Strings(listed)
	if !slices.Equal(listed, want) {
		t.Errorf("the developers' page lists\n%v\nthe document describes\n%v", listed, want)
	}
}

// TestOpenAPITableKinds: where a parameter or an answer names a table kind, the
// document lists the kinds the API takes (tableKinds), no more and no fewer.
func TestOpenAPITableKinds(t *testing.T) {
	var want []any
	for _, k := range tableKinds {
		want = append(want, string(k.Kind))
	}
	spec := loadSpec(t)
	found := 0
	for path, item := range spec.paths() {
		get, _ := item["get"].(map[string]any)
		params, _ := get["parameters"].([]any)
		for _, prm := range params {
			if prm := prm.(map[string]any); prm["name"] == "table" {
				found++
				if enum := prm["schema"].(map[string]any)["enum"]; !reflect.DeepEqual(enum, want) {
					t.Errorf("%s: parameter table lists %v, want %v", path, enum, want)
				}
			}
		}
		props, _ := spec.resolve(responseSchema(path, http.StatusOK))["properties"].(map[string]any)
		if table, ok := props["table"].(map[string]any); ok {
			found++
			if !reflect.DeepEqual(table["enum"], want) {
				t.Errorf("%s: answer's table lists %v, want %v", path, table["enum"], want)
			}
		}
	}
	if found < 7 {
		t.Errorf("only %d parameters and answers name a table kind", found)
	}
}

// conforms checks body, an answer of GET path (as the document names it) with
// status 200, against the schema the document gives for it.
func conforms(t *testing.T, path, body string) {
	t.Helper()
	for _, problem := range loadSpec(t).conform(path, http.StatusOK, body) {
		t.Errorf("GET %s: %s", path, problem)
	}
}
