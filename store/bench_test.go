package store

import (
	"context"
	"math/rand"
	"sync"
	"testing"

	"yusuan/budget/budgettest"
	"yusuan/build"
	"yusuan/check"
	"yusuan/classification"
)

// benchSet is 100 departments' documents from random budgets, made once.
var benchSet = sync.OnceValues(func() (ImportSet, error) {
	var set ImportSet
	for seed := int64(1); len(set.Documents) < 100; seed++ {
		b := budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{})
		docs, err := build.Documents(b, "", classification.Default())
		if err != nil {
			// Not the store's concern: a few random budgets trip their own checks
			// (seed 72, a CHG-02 on last year's 机关运行经费).
			continue
		}
		set.Documents = append(set.Documents, ImportDoc{Region: b.Department.Region, DepartmentCode: b.Department.Code,
			Source: "random", Disclosure: docs[0], Check: check.Run(docs[0], check.Options{})})
	}
	set.Synthetic = true
	return set, nil
})

// BenchmarkImport imports 100 department documents in one import into an empty
// store.
func BenchmarkImport(b *testing.B) {
	set, err := benchSet()
	if err != nil {
		b.Fatal(err)
	}
	cells := 0
	for _, d := range set.Documents {
		cells += amountCells(d.Disclosure)
	}
	for _, backend := range []struct {
		name string
		open func(testing.TB) *Store
	}{{"sqlite", openSQLite}, {"postgres", openPostgres}} {
		b.Run(backend.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				s := backend.open(b)
				b.StartTimer()
				if _, err := s.Import(context.Background(), set); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cells), "cells/op")
			b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N)*1e3/100, "ms/doc")
		})
	}
}
