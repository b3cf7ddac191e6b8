package driver

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/go/packages"
)

// Modules for a packages driver that gives none.
//
// go/packages fills Package.Module from the go command's listing; a
// GOPACKAGESDRIVER need not, and rules_go's gopackagesdriver does not:
// its packages are Bazel targets (docs/bazel.md). What faasvet reads of
// a package's module is its path (whether a payload type is the user's
// or another module's, such as an SDK's event types, which only their
// authors can change: wire's foreign), its Go version (the type
// checker's language version, and the fixes that need Go 1.24) and
// whether it is a main module. So when the packages come from such a
// driver, a package without a module is given the one that the go.mod
// nearest above its directory declares, as the go command would find
// it: the main module when that go.mod is the load's (each module of a
// tree is loaded apart, modules.go); another module in the run's
// directory as one that the main module replaces by that directory (the
// user's own, as local in deps.go has it: read from source where it
// wraps an SDK); any other as a dependency. A package with no go.mod above it keeps none, and the
// standard library's packages have none, as from the go command.

// externalDriver reports whether go/packages, run with env, asks a
// GOPACKAGESDRIVER rather than the go command: as go/packages decides,
// the variable names one, or (unset) one named gopackagesdriver is on
// PATH; "off" turns it off.
func externalDriver(env []string) bool {
	tool := os.Getenv("GOPACKAGESDRIVER")
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "GOPACKAGESDRIVER="); ok {
			tool = v
		}
	}
	switch tool {
	case "off":
		return false
	case "":
		_, err := exec.LookPath("gopackagesdriver")
		return err == nil
	}
	return true
}

// fillModules gives the packages of pkgs (and the packages they import)
// that have no module the one their go.mod declares (see above); dir is
// the run's directory, loadDir the load's.
func fillModules(dir, loadDir string, pkgs []*packages.Package) {
	mainRoot := moduleRoot(loadDir)
	mods := map[string]*packages.Module{} // by go.mod's directory
	module := func(root string) *packages.Module {
		if m, ok := mods[root]; ok {
			return m
		}
		mods[root] = nil
		gomod := filepath.Join(root, "go.mod")
		data, err := os.ReadFile(gomod)
		if err != nil {
			return nil
		}
		mf, err := modfile.ParseLax(gomod, data, nil)
		if err != nil || mf.Module == nil {
			return nil
		}
		m := &packages.Module{Path: mf.Module.Mod.Path, Main: root == mainRoot, Dir: root, GoMod: gomod}
		if _, own := within(dir, root); own && !m.Main {
			m.Replace = &packages.Module{Path: root, Dir: root, GoMod: gomod}
		}
		if mf.Go != nil {
			m.GoVersion = mf.Go.Version
		}
		mods[root] = m
		return m
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if p.Module != nil || standard(p.PkgPath) {
			return
		}
		pdir := p.Dir
		if pdir == "" && len(p.GoFiles) > 0 {
			pdir = filepath.Dir(p.GoFiles[0])
		}
		if pdir == "" {
			return
		}
		if root := moduleRoot(pdir); root != "" {
			p.Module = module(root)
		}
	})
}
