package budgetfile

import (
	"testing"

	"yusuan/internal/xlsxsafe/xlsxsafetest"
)

func zipBomb(t testing.TB, mib int) []byte {
	t.Helper()
	b, err := xlsxsafetest.ZipBomb(mib)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
