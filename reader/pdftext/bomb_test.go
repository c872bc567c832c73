package pdftext

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"fmt"
	"hash/adler32"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// bombPDF builds a one-page PDF whose content stream is FlateDecoded to
// inflated bytes of unit repeated: a decompression bomb of a megabyte or
// two that PDFium would inflate to inflated bytes. The stream is made
// without compressing inflated bytes: one chunk of unit repeated is
// compressed once and its deflate blocks (non-final, byte-aligned by a
// flush) repeated, which is a valid deflate stream because each copy refers
// back only to its own output.
func bombPDF(t testing.TB, unit string, inflated int64) []byte {
	t.Helper()
	chunk := min(1<<20, inflated)
	plain := bytes.Repeat([]byte(unit), int(chunk)/len(unit))
	var block bytes.Buffer
	w, err := flate.NewWriter(&block, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(plain)
	w.Flush()
	n := inflated / int64(len(plain))

	var stream bytes.Buffer
	stream.Write([]byte{0x78, 0xda}) // zlib header, best compression
	for range n {
		stream.Write(block.Bytes())
	}
	stream.Write([]byte{0x03, 0x00}) // final empty fixed-Huffman block
	var sum [4]byte
	binary.BigEndian.PutUint32(sum[:], adler32Repeated(plain, n))
	stream.Write(sum[:])

	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 600] " +
			"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, 0, len(objs)+1)
	for i, o := range objs {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	offsets = append(offsets, b.Len())
	fmt.Fprintf(&b, "%d 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n", len(objs)+1, stream.Len())
	b.Write(stream.Bytes())
	b.WriteString("\nendstream\nendobj\n")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// adler32Repeated is the Adler-32 checksum of p repeated n times.
func adler32Repeated(p []byte, n int64) uint32 {
	h := adler32.New()
	for range n {
		h.Write(p)
	}
	return h.Sum32()
}

// bombChildEnv makes the test binary a child that reads one generated bomb
// and prints the error and the time taken; see TestBomb.
const bombChildEnv = "PDFTEXT_BOMB_CHILD"

// TestBomb reads decompression bombs in child processes, so that each
// child's peak resident memory (from its rusage) is the bomb's alone: each
// must be refused within the memory and time bounds, with a message that
// names the file, the page and the limit.
func TestBomb(t *testing.T) {
	if os.Getenv(bombChildEnv) != "" {
		t.Skip("child")
	}
	if testing.Short() {
		t.Skip("builds and reads bombs in child processes")
	}
	const (
		maxRSS  = 500 << 20
		maxTime = 10 * time.Second
	)
	for _, tc := range []struct {
		name     string
		unit     string
		inflated int64
		want     string
	}{
		{"1 GiB of zeros", "0", 1 << 30, "第 1 页的内容解压后超过 256 MiB 的内存上限"},
		{"1 GiB of text operators", "(AAAAAAAA) Tj ", 1 << 30, "第 1 页的内容解压后超过 256 MiB 的内存上限"},
		{"1 GiB of paths", "0 0 m 1 1 l S ", 1 << 30, "第 1 页的内容解压后超过 256 MiB 的内存上限"},
		{"characters", "1 0 0 1 0 1 cm BT /F1 1 Tf (" + strings.Repeat("A", 200) + ") Tj ET ", 512 << 10, "第 1 页有 448640 个字符，超过每页 200000 个的上限"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestBombChild$", "-test.v")
			cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d:%s", bombChildEnv, tc.inflated, tc.unit))
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("child: %v\n%s", err, out)
			}
			msg := childLine(out, "error: ")
			if !strings.Contains(msg, "文件 bomb.pdf ") || !strings.Contains(msg, tc.want) {
				t.Errorf("error %q, want the file and %q\n%s", msg, tc.want, out)
			}
			if d, err := time.ParseDuration(childLine(out, "took: ")); err != nil || d > maxTime {
				t.Errorf("took %s (%v), want under %v", childLine(out, "took: "), err, maxTime)
			}
			rss := maxRSSBytes(cmd.ProcessState)
			t.Logf("%s: peak RSS %d MiB, took %s", tc.name, rss>>20, childLine(out, "took: "))
			if rss > maxRSS {
				t.Errorf("peak RSS %d MiB, want under %d MiB", rss>>20, maxRSS>>20)
			}
		})
	}
}

// TestBombChild is the child of TestBomb.
func TestBombChild(t *testing.T) {
	spec := os.Getenv(bombChildEnv)
	if spec == "" {
		t.Skip("run by TestBomb")
	}
	size, unit, _ := strings.Cut(spec, ":")
	inflated, err := strconv.ParseInt(size, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	data := bombPDF(t, unit, inflated)
	t0 := time.Now()
	_, err = Extract(context.Background(), "bomb.pdf", data)
	fmt.Printf("took: %s\n", time.Since(t0))
	fmt.Printf("error: %v\n", err)
}

// childLine returns the rest of the first line of out starting with prefix.
func childLine(out []byte, prefix string) string {
	for l := range strings.Lines(string(out)) {
		if rest, ok := strings.CutPrefix(l, prefix); ok {
			return strings.TrimSpace(rest)
		}
	}
	return ""
}
