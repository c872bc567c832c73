package main

import (
	"bytes"
	"cmp"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"yusuan/demo"
	"yusuan/store"
)

func TestDemoCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	code, out, errs := runCLI(t, "demo", "--db", db, "--departments", "3", "--years", "2", "--files=false")
	if code != exitOK || !strings.Contains(out, "9 份公开文件") || !strings.Contains(errs, "已导入 3/3 个部门") {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	s := openDB(t, db)
	ctx := context.Background()
	depts, err := s.Departments(ctx, "示例区"+demo.RegionMark)
	if err != nil || len(depts) != 3 {
		t.Fatalf("departments = %+v, %v", depts, err)
	}
	for _, d := range depts {
		if !d.Synthetic || !strings.HasPrefix(strings.TrimPrefix(d.Name, "中共"), "示例区") || d.Documents != 3 {
			t.Errorf("department %+v: want synthetic, named 示例区…, with 2 部门预算 and a 部门决算", d)
		}
	}
	docs, err := s.Documents(ctx, depts[0].ID)
	if err != nil || len(docs) != 3 {
		t.Fatalf("documents = %+v, %v", docs, err)
	}
	// The 部门决算 of the year before the latest, which passes its checks.
	final, err := s.FinalOf(ctx, depts[0].ID, 2024)
	if err != nil || final.Outturn == nil || final.Current.Errors != 0 {
		t.Errorf("部门决算 2024: %+v, %v; want one with its outturn and no errors", final, err)
	}
	dd, err := s.Document(ctx, docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(dd.Current.Formats) != 0 || dd.Current.Errors != 0 || dd.Current.Warnings != 0 {
		t.Errorf("document without files: %+v", dd.Current)
	}
}

func TestDemoUsage(t *testing.T) {
	for _, args := range [][]string{{"demo", "extra"}, {"demo", "--departments", "0"}, {"demo", "--years", "99"}} {
		if code, _, errs := runCLI(t, args...); code != exitUsage || !strings.Contains(errs, "yusuan demo") {
			t.Errorf("%v: exit %d\n%s", args, code, errs)
		}
	}
}

// TestPrepareDemo loads the demonstration database with a small district: the
// real examples keep their regions and stay real, the district is synthetic, and
// a second start leaves the database as it is.
func TestPrepareDemo(t *testing.T) {
	dir := t.TempDir()
	t.Chdir("../..")
	demoDistrict, demoFiles = demo.Options{Departments: 2, Years: 1}, false
	t.Cleanup(func() { demoDistrict, demoFiles = demo.Options{}, true })
	db := filepath.Join(dir, "yusuan-demo.db")
	var stdout, stderr bytes.Buffer
	if err := prepareDemo(context.Background(), db, &stdout, &stderr); err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if !strings.Contains(stdout.String(), "首次启动") {
		t.Errorf("stdout: %s", stdout.String())
	}
	if leftovers, _ := filepath.Glob(db + ".loading*"); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
	info, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	s := openDB(t, db)
	ctx := context.Background()
	want := map[string]bool{demo.PublishedRegion: false, "深圳市龙岗区": false, "上海市普陀区": false, "示例区" + demo.RegionMark: true}
	regions, err := s.Regions(ctx)
	if err != nil || len(regions) != len(want) {
		t.Fatalf("regions = %+v, %v", regions, err)
	}
	for region, synthetic := range want {
		depts, err := s.Departments(ctx, region)
		if err != nil || len(depts) == 0 {
			t.Fatalf("%s: departments = %+v, %v", region, depts, err)
		}
		for _, d := range depts {
			if d.Synthetic != synthetic {
				t.Errorf("%s %s: synthetic = %v, want %v", region, d.Name, d.Synthetic, synthetic)
			}
		}
	}
	// The real region comes first and holds the bundled published budgets, each
	// labelled as read from its original file.
	first := slices.MinFunc(regions, func(a, b store.Region) int { return cmp.Compare(a.ID, b.ID) })
	if first.Name != demo.PublishedRegion {
		t.Errorf("first region imported = %s, want %s", first.Name, demo.PublishedRegion)
	}
	checkPublished(t, s)
	stdout.Reset()
	if err := prepareDemo(ctx, db, &stdout, &stderr); err != nil || stdout.Len() != 0 {
		t.Errorf("second start: %v\n%s", err, stdout.String())
	}
	if again, err := os.Stat(db); err != nil || !again.ModTime().Equal(info.ModTime()) {
		t.Errorf("second start changed the database: %v", err)
	}
	if err := prepareDemo(ctx, "postgres://localhost/x", &stdout, &stderr); err == nil || !strings.Contains(err.Error(), "SQLite") {
		t.Errorf("postgres: %v", err)
	}
}

// checkPublished expects the bundled published budgets in s: eight departments of
// 深圳市 with a 2026 部门预算 each, read from and keeping its original PDF.
func checkPublished(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	depts, err := s.Departments(ctx, demo.PublishedRegion)
	if err != nil || len(depts) != len(demo.Published()) {
		t.Fatalf("%s: departments = %+v, %v; want %d", demo.PublishedRegion, depts, err, len(demo.Published()))
	}
	names := map[string]bool{}
	for _, f := range demo.Published() {
		names[f.Name] = true
	}
	for _, d := range depts {
		docs, err := s.Documents(ctx, d.ID)
		if err != nil || len(docs) != 1 || docs[0].Year != demo.PublishedYear || !docs[0].Current.Published || !names[docs[0].Current.Source] {
			t.Errorf("%s: documents = %+v, %v; want one of %d read from its published file", d.Name, docs, err, demo.PublishedYear)
		}
		delete(names, docs[0].Current.Source)
	}
	if len(names) != 0 {
		t.Errorf("not imported: %v", names)
	}
}

// TestPrepareDemoAddsPublished opens a demonstration database made before the
// published budgets were bundled: the next start imports them, and the one after
// imports nothing.
func TestPrepareDemoAddsPublished(t *testing.T) {
	db := filepath.Join(t.TempDir(), "yusuan-demo.db")
	if code, out, errs := runCLI(t, "demo", "--db", db, "--departments", "1", "--years", "1", "--files=false"); code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	var stdout, stderr bytes.Buffer
	ctx := context.Background()
	if err := prepareDemo(ctx, db, &stdout, &stderr); err != nil || !strings.Contains(stdout.String(), "8 份公开预算") {
		t.Fatalf("%v\n%s%s", err, stdout.String(), stderr.String())
	}
	stdout.Reset()
	if err := prepareDemo(ctx, db, &stdout, &stderr); err != nil || stdout.Len() != 0 {
		t.Errorf("third start: %v\n%s", err, stdout.String())
	}
	s := openDB(t, db)
	checkPublished(t, s)
}
