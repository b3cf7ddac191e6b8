package driver

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/internal/cache"
)

// An incremental listing: replaying the go command's listing after an
// edit it cannot have changed.
//
// A stamp (stamp.go) replays a run whose files are all as they were.
// After an edit, the run asks the go command for its listing again,
// which on a tree of a thousand functions is a third of the run. Yet
// most edits are of a function's body, and what the go command lists of
// a Go file is its header alone (go/build reads the package clause,
// the build constraints and the imports, and the //go:embed lines),
// except for the export data of the package it compiles, which only
// the package's importers read. So beside each stamp the cache stores
// the listing itself (listEntry), with a table of the walked files
// (names, sizes, modes, times) and, for the files of the packages that
// nothing imports, a hash of their headers and of every compiler
// directive line. A later run whose stamp differs walks the same
// directories and replays the stored listing instead of asking the go
// command when:
//
//   - the same files exist (none added, removed or renamed, the
//     directories included), the manifests are read alike, and the
//     stamp index is the same (the go command, its environment, the
//     options and patterns);
//   - every file that changed is a Go file of listed packages (in their
//     GoFiles, in no package's IgnoredFiles, OtherFiles or EmbedFiles),
//     with the same header and directives, whose every function has a
//     body (the compiler, not the type checker, rejects one without);
//   - every package with a changed file is imported by no listed
//     package (but see libraries below), has no other files than Go
//     files (no cgo, no assembly), and no errors;
//   - every export file the listing names, and every Go file the go
//     command generated in its build cache (a test main's), still
//     exists (the build cache trims unused entries).
//
// The changed packages lose their export file in the replayed listing
// (theirs is of the files as they were; only a reuse of their own
// analysis, reuse.go, would read it, and they are analysed instead).
//
// An edit of a library (a package that a listed package imports) is
// replayed too when its export data stays as it was, as it does after
// most edits of a body (not of an inlined body, nor one that moves a
// declaration's line or changes what escapes): the go command lists
// the edited packages alone, with their dependencies, which compiles
// them again at a small part of the tree's cost (relistLibraries), and
// when each is listed as stored, but for its new export file, whose
// export data is the stored one's, no importer would compile or list
// otherwise, and the stored listing is replayed with the new export
// files. Else the go command lists the tree.
// A run on a replayed listing that has any load error, or a partial
// analysis, is done again with the go command's listing: a body that
// no longer compiles is reported in the go command's words.

// listEntry is what the cache holds beside a stamp (stampEntry.Listing).
type listEntry struct {
	Model string              // SHA-256 of the manifests as read
	Files map[string]fileStat // the walked files and directories, and the go.mod and go.work files above, by name
	// Headers are the hashes of the headers of the Go files of the
	// packages that nothing imports (headerHash), by name.
	Headers map[string]string
	// GoEnv are GOMODCACHE and GOROOT, which the same stamp index gives
	// the same values.
	GoEnv map[string]string
	Loads []storedLoad
}

// fileStat is what a stamp hashes of a file.
type fileStat struct {
	Size int64       `json:"s"`
	Mode fs.FileMode `json:"m"`
	Time int64       `json:"t"`
}

// storedLoad is one load's listing: its packages, each after its
// imports, and the IDs of its roots, in order.
type storedLoad struct {
	Dir      string
	Patterns []string
	Roots    []string
	Modules  []*packages.Module
	Packages []storedPackage
}

// storedPackage is what metaMode lists of a package.
type storedPackage struct {
	ID, Name, PkgPath, Dir                           string
	GoFiles, CompiledGoFiles, OtherFiles, EmbedFiles []string `json:",omitempty"`
	EmbedPatterns, IgnoredFiles                      []string `json:",omitempty"`
	ExportFile, Target, ForTest                      string   `json:",omitempty"`
	Imports                                          map[string]string
	Module                                           int              // index in Modules; -1 for none
	Sizes                                            string           `json:",omitempty"` // compiler/arch
	Errors                                           []packages.Error `json:",omitempty"`
}

// snapshot is the listing as the go command gave it, taken before the
// run changes the packages (their errors, the imports a partial
// analysis cuts); false when it cannot be stored.
func snapshot(listed []listing) ([]storedLoad, bool) {
	var out []storedLoad
	for _, l := range listed {
		sl := storedLoad{Dir: l.dir, Patterns: l.patterns}
		mods := map[*packages.Module]int{}
		for _, p := range l.pkgs {
			sl.Roots = append(sl.Roots, p.ID)
		}
		for _, p := range order(l.pkgs) {
			sp := storedPackage{
				ID: p.ID, Name: p.Name, PkgPath: p.PkgPath, Dir: p.Dir,
				GoFiles: p.GoFiles, CompiledGoFiles: p.CompiledGoFiles, OtherFiles: p.OtherFiles, EmbedFiles: p.EmbedFiles,
				EmbedPatterns: p.EmbedPatterns, IgnoredFiles: p.IgnoredFiles,
				ExportFile: p.ExportFile, Target: p.Target, ForTest: p.ForTest,
				Imports: map[string]string{}, Module: -1,
				Errors: slices.Clone(p.Errors),
			}
			for path, imp := range p.Imports {
				sp.Imports[path] = imp.ID
			}
			if m := p.Module; m != nil {
				i, ok := mods[m]
				if !ok {
					i = len(sl.Modules)
					mods[m] = i
					sl.Modules = append(sl.Modules, m)
				}
				sp.Module = i
			}
			if p.TypesSizes != nil {
				if sp.Sizes = sizesName(p.TypesSizes); sp.Sizes == "" {
					return nil, false
				}
			}
			sl.Packages = append(sl.Packages, sp)
		}
		out = append(out, sl)
	}
	return out, true
}

// sizesName names the sizes go/packages gave a package, which are
// go/types' own for the go command's compiler and GOARCH; "" when they
// are none of those.
func sizesName(s types.Sizes) string {
	arches := []string{runtime.GOARCH, "386", "amd64", "amd64p32", "arm", "arm64", "loong64", "mips", "mipsle", "mips64", "mips64le",
		"ppc64", "ppc64le", "riscv64", "s390x", "sparc64", "wasm"}
	for _, compiler := range []string{"gc", "gccgo"} {
		for _, arch := range arches {
			if t := types.SizesFor(compiler, arch); t != nil && t == s {
				return compiler + "/" + arch
			}
		}
	}
	return ""
}

// rebuild makes the packages of stored loads again, with their graph.
func rebuild(loads []storedLoad) ([]listing, bool) {
	var out []listing
	for _, sl := range loads {
		byID := map[string]*packages.Package{}
		for _, sp := range sl.Packages {
			p := &packages.Package{
				ID: sp.ID, Name: sp.Name, PkgPath: sp.PkgPath, Dir: sp.Dir,
				GoFiles: sp.GoFiles, CompiledGoFiles: sp.CompiledGoFiles, OtherFiles: sp.OtherFiles, EmbedFiles: sp.EmbedFiles,
				EmbedPatterns: sp.EmbedPatterns, IgnoredFiles: sp.IgnoredFiles,
				ExportFile: sp.ExportFile, Target: sp.Target, ForTest: sp.ForTest,
				Errors: sp.Errors, Imports: map[string]*packages.Package{},
			}
			if sp.Module >= 0 {
				if sp.Module >= len(sl.Modules) {
					return nil, false
				}
				p.Module = sl.Modules[sp.Module]
			}
			if sp.Sizes != "" {
				compiler, arch, _ := strings.Cut(sp.Sizes, "/")
				if p.TypesSizes = types.SizesFor(compiler, arch); p.TypesSizes == nil {
					return nil, false
				}
			}
			for path, id := range sp.Imports {
				imp := byID[id] // stored after its imports
				if imp == nil {
					return nil, false
				}
				p.Imports[path] = imp
			}
			if byID[p.ID] != nil {
				return nil, false
			}
			byID[p.ID] = p
		}
		l := listing{load: load{dir: sl.Dir, patterns: sl.Patterns}}
		for _, id := range sl.Roots {
			p := byID[id]
			if p == nil {
				return nil, false
			}
			l.pkgs = append(l.pkgs, p)
		}
		out = append(out, l)
	}
	return out, true
}

// leaves are the packages of loads that no listed package imports and
// whose files are Go files alone, without errors: those whose files'
// edits may leave the listing as it was.
func leaves(loads []storedLoad) map[string][]*storedPackage {
	imported := importedIDs(loads)
	out := map[string][]*storedPackage{} // by file
	for i := range loads {
		l := &loads[i]
		for j := range l.Packages {
			p := &l.Packages[j]
			if imported[l.Dir+"\x00"+p.ID] || len(p.Errors) > 0 || len(p.OtherFiles) > 0 || len(p.GoFiles) == 0 || !slices.Equal(p.GoFiles, p.CompiledGoFiles) {
				continue
			}
			for _, f := range p.GoFiles {
				out[f] = append(out[f], p)
			}
		}
	}
	return out
}

// importedIDs are the packages of loads that a listed package imports,
// by load directory and ID, joined by a NUL.
func importedIDs(loads []storedLoad) map[string]bool {
	imported := map[string]bool{}
	for _, l := range loads {
		for _, p := range l.Packages {
			for _, id := range p.Imports {
				imported[l.Dir+"\x00"+id] = true
			}
		}
	}
	return imported
}

// A storedRef is a stored package and the index of its load.
type storedRef struct {
	load int
	p    *storedPackage
}

// libraries are the packages of loads that a listed package imports,
// by Go file, where every package that holds the file is one whose
// listing the go command may give alone: not a test's variant, its
// files Go files alone, without errors.
func libraries(loads []storedLoad) map[string][]storedRef {
	imported := importedIDs(loads)
	out := map[string][]storedRef{}
	refused := map[string]bool{}
	for i := range loads {
		l := &loads[i]
		for j := range l.Packages {
			p := &l.Packages[j]
			if !imported[l.Dir+"\x00"+p.ID] {
				continue
			}
			ok := p.ID == p.PkgPath && p.ForTest == "" && len(p.Errors) == 0 && len(p.OtherFiles) == 0 && len(p.GoFiles) > 0 && slices.Equal(p.GoFiles, p.CompiledGoFiles)
			for _, f := range p.GoFiles {
				if !ok {
					refused[f] = true
				}
				out[f] = append(out[f], storedRef{i, p})
			}
		}
	}
	for f := range refused {
		delete(out, f)
	}
	return out
}

// relistLibraries asks the go command for the listing of packages ps
// of load l alone (with their dependencies, a small part of the tree,
// and their export data, which it compiles again) and reports whether
// each is listed as stored but for its export file, and that file's
// export data is the stored one's: then every importer's export data is
// as it was too, the stored listing's export files of the others still
// hold what the go command would compile now, and ps take their new
// export files. An edit of a body that changes neither the package's
// API nor an inlined body nor a line of a declaration is such an edit.
func relistLibraries(l *storedLoad, ps []*storedPackage) bool {
	var paths []string
	for _, p := range ps {
		paths = append(paths, p.PkgPath)
	}
	slices.Sort(paths)
	listed, err := packages.Load(&packages.Config{Mode: metaMode, Dir: l.Dir}, paths...)
	if err != nil {
		return false
	}
	now, ok := snapshot([]listing{{load{dir: l.Dir, patterns: paths}, listed}})
	if !ok || len(now) != 1 {
		return false
	}
	byID := map[string]storedPackage{}
	for _, p := range now[0].Packages {
		byID[p.ID] = p
	}
	for _, p := range ps {
		q, ok := byID[p.ID]
		if !ok || q.ExportFile == "" || p.ExportFile == "" || !sameModule(l.Modules, p.Module, now[0].Modules, q.Module) {
			return false
		}
		was, is := *p, q
		was.ExportFile, was.Module, is.ExportFile, is.Module = "", 0, "", 0
		if !reflect.DeepEqual(was, is) {
			return false
		}
		// The export data, not the file's header, which names the build.
		before, err := exportDataHash(p.ExportFile)
		if err != nil {
			return false // trimmed from the build cache
		}
		if after, err := exportDataHash(q.ExportFile); err != nil || after != before {
			return false
		}
		p.ExportFile = q.ExportFile
	}
	return true
}

// sameModule reports whether module i of a and module j of b are alike
// (-1: none).
func sameModule(a []*packages.Module, i int, b []*packages.Module, j int) bool {
	if i < 0 || j < 0 {
		return i == j
	}
	return i < len(a) && j < len(b) && reflect.DeepEqual(a[i], b[j])
}

// headerHash hashes what the go command reads of a Go file, and every
// line that may hold a directive the compiler reads: the file up to the
// end of its imports (build constraints, package clause, imports, a cgo
// preamble), and each later line with //go:, //line, /*line, //export
// or go:embed in it. false when the header does not parse.
func headerHash(name string, src []byte) (string, bool) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ImportsOnly|parser.ParseComments|parser.SkipObjectResolution)
	if err != nil || f.Name == nil {
		return "", false
	}
	end := f.Name.End()
	for _, d := range f.Decls {
		if g, ok := d.(*ast.GenDecl); ok && g.Tok == token.IMPORT && g.End() > end {
			end = g.End()
		}
	}
	off := fset.File(f.Pos()).Offset(end)
	if off < 0 || off > len(src) {
		return "", false
	}
	h := sha256.New()
	h.Write(src[:off])
	for line := range bytes.SplitSeq(src[off:], []byte("\n")) {
		for _, marker := range []string{"//go:", "//line", "/*line", "//export", "go:embed", "+build"} {
			if bytes.Contains(line, []byte(marker)) {
				h.Write([]byte("\n"))
				h.Write(line)
				break
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil)), true
}

// bodiesComplete says that src parses and every function it declares
// has a body: the type checker accepts one without, the compiler (and
// so the go command's listing with export data) does not, unless
// assembly gives it, and a changed package has none.
func bodiesComplete(name string, src []byte) bool {
	f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.SkipObjectResolution)
	if err != nil {
		return false
	}
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Body == nil {
			return false
		}
	}
	return true
}

// headers hashes the headers of the Go files of loads' leaves, taking
// the hash of a file that prev holds at the same size, mode and time;
// false when one cannot be read.
func headers(loads []storedLoad, files map[string]fileStat, prev *listEntry) (map[string]string, bool) {
	out := map[string]string{}
	for name := range leaves(loads) {
		st, ok := files[name]
		if !ok {
			continue // outside the walked directories: never eligible
		}
		if prev != nil {
			if old, ok := prev.Files[name]; ok && old == st {
				if h, ok := prev.Headers[name]; ok {
					out[name] = h
					continue
				}
			}
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, false
		}
		if h, ok := headerHash(name, src); ok {
			out[name] = h
		}
	}
	return out, true
}

// relisting is a listing replayed, with the entry it came from.
type relisting struct {
	entry    *listEntry
	listings []listing
	loads    []storedLoad // as replayed, for the next stamp
}

// relist replays the listing stored with e when the files walked now
// (files) differ from those it was taken with only as the go command's
// listing does not see (see the top of this file); nil when they may
// not.
func relist(c *cache.Cache, e *stampEntry, files map[string]fileStat, modelJSON []byte, loads []load) *relisting {
	if e == nil || e.Listing == "" || files == nil {
		return nil
	}
	var key cache.Key
	if n, err := hex.Decode(key[:], []byte(e.Listing)); err != nil || n != len(key) {
		return nil
	}
	data, ok := c.Get(key)
	if !ok {
		return nil
	}
	var le listEntry
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if dec.Decode(&le) != nil || le.Model != modelSum(modelJSON) || len(le.Files) != len(files) || len(le.Loads) != len(loads) {
		return nil
	}
	for i, l := range loads {
		if le.Loads[i].Dir != l.dir || !slices.Equal(le.Loads[i].Patterns, l.patterns) || len(le.Loads[i].Roots) == 0 {
			return nil
		}
	}
	var changed []string
	for name, st := range files {
		old, ok := le.Files[name]
		switch {
		case !ok || old.Mode != st.Mode:
			return nil
		case st.Mode.IsDir():
			// A directory's time and size follow its entries, which are
			// compared one by one.
		case old != st:
			changed = append(changed, name)
		}
	}
	slices.Sort(changed)
	leaf, imported := leaves(le.Loads), libraries(le.Loads)
	stale := map[*storedPackage]bool{}
	// lib are the imported packages with a changed file, by load: the go
	// command lists them alone (relistLibraries).
	lib := map[int][]*storedPackage{}
	isLib := map[*storedPackage]bool{}
	for _, name := range changed {
		if !strings.HasSuffix(name, ".go") || !files[name].Mode.IsRegular() {
			return nil
		}
		if len(leaf[name]) == 0 {
			if len(imported[name]) == 0 {
				return nil
			}
			for _, ref := range imported[name] {
				if !stale[ref.p] {
					stale[ref.p] = true
					lib[ref.load] = append(lib[ref.load], ref.p)
					isLib[ref.p] = true
				}
			}
			continue
		}
		if le.Headers[name] == "" {
			return nil
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return nil
		}
		if h, ok := headerHash(name, src); !ok || h != le.Headers[name] || !bodiesComplete(name, src) {
			return nil
		}
		for _, p := range leaf[name] {
			stale[p] = true
		}
	}
	// No other package may hold a changed file: not as one of its Go
	// files (a file listed twice), nor as another kind of file.
	isChanged := map[string]bool{}
	for _, name := range changed {
		isChanged[name] = true
	}
	for i := range le.Loads {
		for j := range le.Loads[i].Packages {
			p := &le.Loads[i].Packages[j]
			for _, f := range slices.Concat(p.OtherFiles, p.EmbedFiles, p.IgnoredFiles) {
				if isChanged[f] {
					return nil
				}
			}
			if stale[p] {
				if !isLib[p] {
					p.ExportFile = ""
				}
				continue
			}
			if len(p.Errors) > 0 {
				return nil
			}
			for _, f := range slices.Concat(p.GoFiles, p.CompiledGoFiles) {
				if isChanged[f] {
					return nil
				}
			}
			if p.ExportFile != "" {
				if _, err := os.Stat(p.ExportFile); err != nil {
					return nil
				}
			}
			// A file the go command generated (a test main's) may have
			// been trimmed from its build cache too.
			if gocache := le.GoEnv["GOCACHE"]; gocache != "" {
				for _, f := range slices.Concat(p.GoFiles, p.CompiledGoFiles) {
					if _, ok := within(gocache, f); ok {
						if _, err := os.Stat(f); err != nil {
							return nil
						}
					}
				}
			}
		}
	}
	for i, ps := range lib {
		if !relistLibraries(&le.Loads[i], ps) {
			return nil
		}
	}
	listings, ok := rebuild(le.Loads)
	if !ok {
		return nil
	}
	seedGoEnv(le.GoEnv)
	return &relisting{entry: &le, listings: listings, loads: le.Loads}
}

// modelSum is the hash of the manifests as read.
func modelSum(modelJSON []byte) string {
	s := sha256.Sum256(modelJSON)
	return hex.EncodeToString(s[:])
}

// storeListing stores the listing of a run beside its stamp, with the
// table of the files walked (files); the key it is stored under, ""
// when it is not.
func storeListing(c *cache.Cache, index cache.Key, stamp string, loads []storedLoad, files map[string]fileStat, modelJSON []byte, prev *listEntry) string {
	if loads == nil || files == nil {
		return ""
	}
	hs, ok := headers(loads, files, prev)
	if !ok {
		return ""
	}
	le := listEntry{
		Model: modelSum(modelJSON), Files: files, Headers: hs, Loads: loads,
		GoEnv: map[string]string{},
	}
	for _, name := range goEnvNames {
		le.GoEnv[name] = goEnvValue(name)
	}
	data, err := json.Marshal(le)
	if err != nil {
		return ""
	}
	h := cache.NewHash("listing")
	h.String(index.String())
	h.String(stamp)
	key := h.Key()
	if c.Put(key, data) != nil {
		return ""
	}
	return key.String()
}

// seedGoEnv gives goEnvValue the values a listing was stored with, when
// this process has not asked the go command yet.
func seedGoEnv(v map[string]string) {
	for _, name := range goEnvNames {
		if v[name] == "" {
			return
		}
	}
	goEnvOnce.Do(func() { goEnvValues = v })
}
