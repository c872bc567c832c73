// Package xlsxsafetest builds hostile workbooks for the tests of readers that use
// xlsxsafe.
package xlsxsafetest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
)

// ZipBomb returns a zip holding an xl/workbook.xml and one part of mib MiB of zeros,
// about 1/1000 of that size. Compressing a gigabyte takes minutes under -race, so
// the deflate stream is built from one compressed MiB repeated: after a sync flush
// the encoder's output for another MiB of zeros only refers back into zeros, so the
// copies decode in sequence to exactly mib MiB of zeros. mib must be at least 3.
func ZipBomb(mib int) ([]byte, error) {
	zero := make([]byte, 1<<20)
	var stream bytes.Buffer
	fw, err := flate.NewWriter(&stream, flate.BestCompression)
	if err != nil {
		return nil, err
	}
	chunk := func() []byte {
		start := stream.Len()
		fw.Write(zero)
		fw.Flush()
		return append([]byte(nil), stream.Bytes()[start:]...)
	}
	chunk()           // the first MiB, which starts the window
	repeat := chunk() // a MiB of zeros preceded by zeros
	for i := 2; i < mib-1; i++ {
		stream.Write(repeat)
	}
	fw.Write(zero) // the last MiB and the final block
	fw.Close()
	crc := uint32(0)
	for range mib {
		crc = crc32.Update(crc, crc32.IEEETable, zero)
	}

	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	w, err := zw.Create("xl/workbook.xml")
	if err != nil {
		return nil, err
	}
	w.Write([]byte(`<workbook/>`))
	raw, err := zw.CreateRaw(&zip.FileHeader{
		Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(stream.Len()), UncompressedSize64: uint64(mib) << 20,
	})
	if err != nil {
		return nil, err
	}
	raw.Write(stream.Bytes())
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
