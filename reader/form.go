package reader

// readFormLayout reads a form from positioned text.
func (r *tableReader) readFormLayout(lines []*tline, pg *tpage) {}
