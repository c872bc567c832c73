package shenzhen_test

import (
	"math/rand"
	"os"
	"strconv"
	"testing"

	"yusuan/budget/budgettest"
	"yusuan/budgetfile"
	"yusuan/render/text"
)

func TestDump(t *testing.T) {
	seed, _ := strconv.ParseInt(os.Getenv("SEED"), 10, 64)
	b := budgettest.Random(rand.New(rand.NewSource(seed)), budgettest.Options{Classified: seed%4 == 0})
	budgetfile.WriteYAML(os.Stdout, b)
	text.Write(os.Stdout, derive(t, b))
}
