// Command yusuan turns department budgets into their public disclosure (部门预算公开).
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
