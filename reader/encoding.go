package reader

import (
	"bytes"
	"fmt"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
)

// acceptedInputs names the files the reader takes, for messages about others.
const acceptedInputs = "可读取的文件为 .txt 文本（UTF-8、GB18030/GBK 或带 BOM 的 UTF-16 编码）、.pdf 或 .xlsx"

// NotTextError is a text file whose bytes are not text in any encoding the
// reader knows: a binary file, or one damaged beyond reading.
type NotTextError struct {
	File string
}

func (e *NotTextError) Error() string {
	return fmt.Sprintf("文件 %s 不是文本文件（含有无法识别为文字的二进制内容），无法读取；%s", e.File, acceptedInputs)
}

// decodeText returns a text file's content as UTF-8. Files with a byte order
// mark are read in the encoding it names; others are UTF-8 when they are valid
// UTF-8, else GB18030 (of which GBK and GB2312 are subsets), the encoding
// Chinese documents are most often saved in outside UTF-8. Content that is not
// plausible text in the encoding chosen is refused, never passed on to be
// echoed back as a title.
func decodeText(name string, data []byte) (string, error) {
	var enc encoding.Encoding
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		enc = xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		enc = xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM)
	case !utf8.Valid(data):
		enc = simplifiedchinese.GB18030
	}
	text := string(data)
	if enc != nil {
		out, err := enc.NewDecoder().Bytes(data)
		if err != nil {
			return "", &NotTextError{File: name}
		}
		text = string(out)
	}
	if !plausibleText(text, enc != nil) {
		return "", &NotTextError{File: name}
	}
	return text, nil
}

// plausibleText reports whether s reads as a document's text: no NUL, and
// hardly any other control character or replacement character (which text
// extracted from a PDF may hold where a glyph had no character). Text
// decoded from another encoding than UTF-8 must also keep to the characters
// documents use (ASCII, common CJK, their punctuation and full-width forms),
// since GB18030 decodes almost any bytes into some rare character.
func plausibleText(s string, decoded bool) bool {
	var n, odd, rare int
	for _, r := range s {
		n++
		switch {
		case r == 0:
			return false
		case r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v':
		case r == utf8.RuneError || unicode.IsControl(r):
			odd++
		case decoded && !common(r):
			rare++
		}
	}
	// A stray control character or rare name character is tolerated; binary
	// data has them every few bytes.
	return odd*100 <= n && rare*50 <= n
}

// common reports whether r is a character a Chinese document is written in.
func common(r rune) bool {
	switch {
	case r < 0x80,
		r >= 0x2000 && r <= 0x206F, // general punctuation
		r >= 0x2100 && r <= 0x25FF, // letter-like symbols, numerals, arrows, boxes, shapes
		r >= 0x3000 && r <= 0x303F, // CJK punctuation
		r >= 0x4E00 && r <= 0x9FFF, // CJK unified ideographs
		r >= 0xFF00 && r <= 0xFFEF, // full-width forms
		r == 0xB7, r == 0xD7, r == 0xF7, r == 0xB0, r == 0xA7:
		return true
	}
	return false
}
