// Package storetest gives tests a PostgreSQL database of their own when one is
// configured: set YUSUAN_TEST_POSTGRES to a URL such as
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable.
package storetest

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// Env names the variable that holds the PostgreSQL URL.
const Env = "YUSUAN_TEST_POSTGRES"

var schemaSeq atomic.Int64

// PostgresDSN makes a schema of its own for one test and returns the URL that uses it;
// the schema is dropped when the test ends. The test is skipped when Env is unset.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		t.Skip(Env + " is not set")
	}
	schema := fmt.Sprintf("yusuan_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6, schemaSeq.Add(1))
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
