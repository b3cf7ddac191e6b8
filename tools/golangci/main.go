// Command golangci-lint is golangci-lint v2.15.0 with faasvet's module
// plugin compiled in: what `golangci-lint custom` builds from
// .custom-gcl.yml, made with plain go build from the module proxy.
//
// The version is left empty on purpose: golangci-lint then salts its
// result cache with the hash of this binary, so a rebuilt plugin never
// replays results cached by an older one.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/faasvet/faasvet/golangci"
)

func main() {
	info := commands.BuildInfo{GoVersion: runtime.Version(), Commit: "faasvet plugin", Date: "(unknown)"}
	if bi, ok := debug.ReadBuildInfo(); ok {
		info.BuildInfo = bi
	}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
