package disclosure

import (
	"encoding/json"
	"strings"
	"testing"

	"yusuan/money"
)

// TestOutturnRowJSON: an absent budget is null and a budget of 0 is 0, and a row
// stored when every row had a budget reads with it.
func TestOutturnRowJSON(t *testing.T) {
	zero := money.Amount(0)
	for _, c := range []struct {
		row  OutturnRow
		want string
	}{
		{OutturnRow{Code: "201", Final: 5}, `"budget":null`},
		{OutturnRow{Code: "abroad", Budget: &zero}, `"budget":0`},
	} {
		b, err := json.Marshal(c.row)
		if err != nil || !strings.Contains(string(b), c.want) {
			t.Errorf("%+v: %s, %v; want %s", c.row, b, err, c.want)
		}
	}
	var r OutturnRow
	if err := json.Unmarshal([]byte(`{"code":"2010601","name":"行政运行","budget":156005000,"final":151189000}`), &r); err != nil || r.Budget == nil || *r.Budget != 156_005_000 {
		t.Errorf("a stored row reads as %+v, %v", r, err)
	}
}
