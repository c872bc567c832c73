package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// TestOpenAPI calls every path of the published OpenAPI document against a portal
// with data and checks each answer against the schema the document gives for its
// status: that the API does what it says, and says what it does.
func TestOpenAPI(t *testing.T) {
	var spec struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &spec); err != nil {
		t.Fatal(err)
	}
	var root map[string]any
	json.Unmarshal(openAPI, &root)
	if spec.OpenAPI != "3.1.0" || len(spec.Paths) < 10 {
		t.Fatalf("openapi %q with %d paths", spec.OpenAPI, len(spec.Paths))
	}
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
		var paths []string
		for path := range spec.Paths {
			paths = append(paths, path)
		}
		sort.Strings(paths)
		for _, path := range paths {
			var op struct {
				Parameters []struct {
					Name     string          `json:"name"`
					In       string          `json:"in"`
					Required bool            `json:"required"`
					Example  json.RawMessage `json:"example"`
				} `json:"parameters"`
				Responses map[string]struct {
					Content map[string]struct {
						Schema map[string]any `json:"schema"`
					} `json:"content"`
				} `json:"responses"`
			}
			if err := json.Unmarshal(spec.Paths[path]["get"], &op); err != nil {
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
			check := func(target string, want int) {
				code, h, body := p.get(t, target)
				resp, ok := op.Responses[fmt.Sprint(code)]
				if code != want || !ok {
					t.Errorf("GET %s: %d, want %d (documented: %v)\n%s", target, code, want, ok, truncate(body, 300))
					return
				}
				if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
					t.Errorf("GET %s: Content-Type %q", target, ct)
				}
				var v any
				if err := json.Unmarshal([]byte(body), &v); err != nil {
					t.Errorf("GET %s: %v", target, err)
					return
				}
				for _, problem := range validate(root, resp.Content["application/json"].Schema, v, "$", strictPaths[path]) {
					t.Errorf("GET %s: %s", target, problem)
				}
			}
			check(target, http.StatusOK)
			if strings.Contains(path, "{id}") {
				check(strings.ReplaceAll(path, "{id}", "999999"), http.StatusNotFound)
			}
		}
		// The API's own error for a path it does not have, and for a bad parameter.
		code, _, body := p.get(t, "/api/cells?limit=1000")
		if code != 400 || !strings.Contains(body, `"code":"invalid"`) {
			t.Errorf("bad limit: %d %s", code, body)
		}
	})
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

// strictPaths are the paths whose every field the document names: a field it
// does not name is one no client can know of.
var strictPaths = map[string]bool{"/api/departments/{id}/final/{year}": true, "/api/region-final": true}

// validate checks v against the JSON Schema subset the API document uses: $ref,
// type (one or a list), required, properties, additionalProperties, items and enum;
// strict, an object may hold no field its schema's properties do not name.
func validate(root, schema map[string]any, v any, at string, strict bool) []string {
	if ref, ok := schema["$ref"].(string); ok {
		node := any(root)
		for _, part := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
			m, _ := node.(map[string]any)
			node = m[part]
		}
		target, ok := node.(map[string]any)
		if !ok {
			return []string{at + ": unresolved " + ref}
		}
		return validate(root, target, v, at, strict)
	}
	var types []string
	switch tt := schema["type"].(type) {
	case string:
		types = []string{tt}
	case []any:
		for _, x := range tt {
			types = append(types, fmt.Sprint(x))
		}
	}
	if len(types) > 0 {
		ok := false
		for _, typ := range types {
			ok = ok || isType(v, typ)
		}
		if !ok {
			return []string{fmt.Sprintf("%s: %T is not %v", at, v, types)}
		}
	}
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == v
		}
		if !found {
			return []string{fmt.Sprintf("%s: %v is not one of %v", at, v, enum)}
		}
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
		for k, sub := range props {
			if val, ok := x[k]; ok {
				out = append(out, validate(root, sub.(map[string]any), val, at+"."+k, strict)...)
			}
		}
		extra, hasExtra := schema["additionalProperties"].(map[string]any)
		for k, val := range x {
			switch _, named := props[k]; {
			case named:
			case hasExtra:
				out = append(out, validate(root, extra, val, at+"."+k, strict)...)
			case strict && props != nil:
				out = append(out, fmt.Sprintf("%s: field %q is not documented", at, k))
			}
		}
	case []any:
		if items, ok := schema["items"].(map[string]any); ok {
			for i, item := range x {
				out = append(out, validate(root, items, item, fmt.Sprintf("%s[%d]", at, i), strict)...)
				if len(out) > 5 {
					return out
				}
			}
		}
	}
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

// TestOpenAPICoversEveryRoute: every API route the server registers is described.
func TestOpenAPICoversEveryRoute(t *testing.T) {
	var spec struct {
		Paths map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(openAPI, &spec); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("web.go")
	if err != nil {
		t.Fatal(err)
	}
	routes := regexp.MustCompile(`mux\.Handle\("GET (/api/[^"]+)"`).FindAllStringSubmatch(string(src), -1)
	if len(routes) < 10 {
		t.Fatalf("found only %d API routes in web.go", len(routes))
	}
	for _, m := range routes {
		path := strings.TrimSuffix(m[1], "{$}")
		if _, ok := spec.Paths[path]; !ok && path != "/api/openapi.json" {
			t.Errorf("route %s is not in openapi.json", path)
		}
	}
}

// conforms checks body, an answer of GET path (as the document names it), against
// the schema the document gives for status 200, strictly.
func conforms(t *testing.T, path, body string) {
	t.Helper()
	var root, v map[string]any
	if err := json.Unmarshal(openAPI, &root); err != nil {
		t.Fatal(err)
	}
	node := any(root)
	for _, k := range []string{"paths", path, "get", "responses", "200", "content", "application/json", "schema"} {
		m, _ := node.(map[string]any)
		node = m[k]
	}
	schema, ok := node.(map[string]any)
	if !ok || json.Unmarshal([]byte(body), &v) != nil {
		t.Fatalf("%s: no schema, or an answer that is no object: %s", path, truncate(body, 300))
	}
	for _, problem := range validate(root, schema, v, "$", true) {
		t.Errorf("GET %s: %s", path, problem)
	}
}
