package reader

import "testing"

// TestNarrateParagraphAtPageTop: a numbered item whose last line ends a sentence
// short of the margin at the foot of a page ends there; the indented line at the
// top of the next page starts a paragraph of its own.
func TestNarrateParagraphAtPageTop(t *testing.T) {
	w := func(text string, x0, x1 float64) []word { return []word{{text: text, x0: x0, x1: x1, col: -1}} }
	lines := []*tline{
		newLine(4, 1, 700, w("3.公务用车购置和运行维护费。2026年预算数1,023.57万元，其", 20, 190)),
		newLine(4, 2, 712, w("中：", 20, 30)),
		newLine(5, 1, 40, w("公务用车购置费2026年预算数4.73万元，较2025年年初预算减少", 30, 190)),
		newLine(5, 2, 52, w("35.88万元；", 20, 60)),
	}
	ems := map[int]float64{4: 4, 5: 4}
	rights := map[int]float64{4: 190, 5: 190}
	blocks := narrate(lines, false, ems, rights, 12)
	if len(blocks) != 2 {
		for _, b := range blocks {
			t.Logf("%s %s", b.Kind, b.Text)
		}
		t.Fatalf("want the item and the paragraph after it, got %d blocks", len(blocks))
	}
}
