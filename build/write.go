package build

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// tempPrefix starts the name of every temporary file WriteAll makes in the
// output directory: the new files before they are renamed into place, and
// the links that keep the previous files until every new one is in place.
const tempPrefix = ".yusuan-"

// staleAfter is how old a temporary file must be before WriteAll takes it
// for the leftover of a killed build and removes it. A build that is running
// keeps its new files' temporaries for a second or so; the margin spares
// those of another build writing into the same directory at the same time.
// The second names of previous files carry those files' own times, so two
// builds into one directory at once could remove each other's: they take
// turns through the directory's lock file (lock.go). The files in place are
// never touched.
var staleAfter = time.Minute

// WriteAll writes files into dir and returns their paths. Either every file
// is written, or none is and the files dir held before are left as they
// were: each file is first written to a temporary file in dir, the previous
// file of the same name is kept through a second name (a hard link, or a
// copy where links are not supported), and only then are the new files
// renamed into place. If a rename fails, the previous files are put back
// and the temporaries removed. Temporaries left by a build that was killed
// are removed on the next run. Builds into the same directory take turns.
func WriteAll(dir string, files []File) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("无法创建输出目录 %s：%v", dir, err)
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	defer unlock()
	removeStale(dir)
	w := &writer{dir: dir}
	for _, f := range files {
		if err := w.stage(f); err != nil {
			w.undo()
			return nil, err
		}
	}
	for i, f := range files {
		if err := w.replace(i, f); err != nil {
			if rerr := w.undo(); rerr != nil {
				return nil, fmt.Errorf("%v；恢复原有文件时又出错：%v", err, rerr)
			}
			return nil, err
		}
	}
	w.commit()
	return w.written, nil
}

// writer is one WriteAll in progress.
type writer struct {
	dir   string
	temps []string // new content, one per file, in files' order
	// kept maps a destination that existed to the second name of its
	// previous content.
	kept    map[string]string
	written []string // destinations renamed into place so far
}

// stage writes f to a temporary file.
func (w *writer) stage(f File) error {
	tmp, err := os.CreateTemp(w.dir, tempPrefix+"*")
	if err != nil {
		return fmt.Errorf("无法在输出目录 %s 中写入文件：%v", w.dir, err)
	}
	w.temps = append(w.temps, tmp.Name())
	// CreateTemp makes the file private; published files are for everyone to read.
	_ = tmp.Chmod(0o644)
	_, werr := tmp.Write(f.Data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		return fmt.Errorf("写入 %s 失败：%v", f.Name, err)
	}
	return nil
}

// replace keeps the previous content of file i's destination, if any, and
// renames the new content into place.
func (w *writer) replace(i int, f File) error {
	dst := filepath.Join(w.dir, f.Name)
	if info, err := os.Lstat(dst); err == nil {
		if info.IsDir() {
			return fmt.Errorf("写入 %s 失败：该位置已有一个同名目录，不能用生成的文件替换", dst)
		}
		keep, err := w.keep(dst)
		if err != nil {
			return fmt.Errorf("写入 %s 失败：无法保留原有文件：%v", dst, err)
		}
		if w.kept == nil {
			w.kept = map[string]string{}
		}
		w.kept[dst] = keep
	}
	if err := os.Rename(w.temps[i], dst); err != nil {
		return fmt.Errorf("写入 %s 失败：%v", dst, err)
	}
	w.written = append(w.written, dst)
	return nil
}

// keep gives dst's content a second name in dir and returns it.
func (w *writer) keep(dst string) (string, error) {
	name, err := tempName(w.dir)
	if err != nil {
		return "", err
	}
	if os.Link(dst, name) == nil {
		return name, nil
	}
	// No hard links here (some network and removable file systems): copy.
	if err := copyFile(dst, name); err != nil {
		os.Remove(name)
		return "", err
	}
	return name, nil
}

// undo puts back the previous content of every destination already
// replaced, removes a new file where there was none, and removes every
// temporary. It reports the destinations it could not restore.
func (w *writer) undo() error {
	var errs []error
	for _, dst := range w.written {
		if keep, ok := w.kept[dst]; ok {
			if err := os.Rename(keep, dst); err != nil {
				errs = append(errs, err)
			}
			delete(w.kept, dst)
		} else {
			os.Remove(dst)
		}
	}
	w.written = nil
	w.commit()
	return errors.Join(errs...)
}

// commit removes the temporaries and the second names of previous files.
func (w *writer) commit() {
	for _, p := range w.temps {
		os.Remove(p) // gone already when renamed into place
	}
	for _, keep := range w.kept {
		os.Remove(keep)
	}
	w.temps, w.kept = nil, nil
}

// tempName reserves a new temporary name in dir.
func tempName(dir string) (string, error) {
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return "", err
	}
	f.Close()
	name := f.Name()
	return name, os.Remove(name)
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, cerr := io.Copy(out, in)
	return errors.Join(cerr, out.Close())
}

// removeStale removes the temporary files of builds into dir that were
// killed before they finished; each is either unfinished new content or a
// second name of content still in place, so nothing is lost.
func removeStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), tempPrefix) || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleAfter {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}
