package main

import (
	"fmt"
	"runtime/debug"
)

// versionLine says which yusuan this is: the module version when built from a
// release, and the commit it was built from (with 已修改 when the tree had changes).
func versionLine() string {
	version, commit, when, modified := "开发版", "", "", false
	if info, ok := debug.ReadBuildInfo(); ok {
		if v := info.Main.Version; v != "" && v != "(devel)" {
			version = v
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	line := "yusuan " + version
	if commit != "" {
		if len(commit) > 12 {
			commit = commit[:12]
		}
		line += fmt.Sprintf("（提交 %s", commit)
		if when != "" {
			line += "，" + when
		}
		if modified {
			line += "，含未提交的修改"
		}
		line += "）"
	}
	return line
}
