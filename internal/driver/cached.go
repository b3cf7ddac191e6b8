package driver

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/internal/cache"
	"github.com/faasvet/faasvet/manifest"
	"github.com/faasvet/faasvet/report"
)

// The cache of whole runs.
//
// The link stage reads the analyzers' results, which hold go/types
// objects and syntax, so it cannot run from anything stored; what is
// stored is a run's outcome (its findings with their fixes, its load
// errors, the number of packages), keyed by every input of the run:
// each root package's files (names and contents), the export data of
// every dependency that is not a root (the go command's build cache
// names it by content), the roots it imports (by their own keys), the
// module's Go version, the type sizes, the manifests as package manifest
// read them, the options, the directory, faasvet's version and Go's. A
// run first asks the go command for that metadata (go list, without
// type-checking anything); when the key is stored, the stored outcome is
// the run's, and nothing is parsed, type-checked or analysed. Otherwise
// the run loads and analyses as without the cache, and stores its
// outcome. See docs/performance.md for what this costs and saves.

// metaMode is what the key needs: files, imports, export data, sizes.
const metaMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
	packages.NeedDeps | packages.NeedExportFile | packages.NeedTypesSizes | packages.NeedModule

// keyEnv are the variables that may change what a run reports without
// changing the files or export data that the key hashes.
var keyEnv = []string{"GOOS", "GOARCH", "GOFLAGS", "CGO_ENABLED", "GOEXPERIMENT", "GOAMD64", "GOARM64", "GOWORK", "FAASVET_PANIC"}

// runKey is the key of a run; false when the run cannot be cached (the
// go command failed, a dependency has no export data, a file cannot be
// read, faasvet's version is unknown).
func runKey(dir string, opts Options, patterns []string, loads []load, env []string, model *manifest.Model) (cache.Key, bool) {
	version := cache.Version()
	if version == "" {
		return cache.Key{}, false
	}
	h := cache.NewHash("run")
	h.String(version)
	h.String(runtime.Version())
	h.String(dir)
	h.String(fmt.Sprint(opts.Tests, opts.NoManifests, opts.RepoManifests, patterns, opts.Manifests))
	for _, v := range keyEnv {
		h.String(v + "=" + os.Getenv(v))
	}
	mj, err := json.Marshal(model)
	if err != nil {
		return cache.Key{}, false
	}
	h.String(string(mj))
	k := keyer{keys: map[*packages.Package]string{}, exports: map[string]string{}}
	for _, l := range loads {
		h.String("load " + l.dir + " " + strings.Join(l.patterns, " "))
		cfg := &packages.Config{Mode: metaMode, Dir: l.dir, Tests: opts.Tests, Env: env}
		pkgs, err := packages.Load(cfg, l.patterns...)
		if err != nil || len(pkgs) == 0 {
			return cache.Key{}, false
		}
		k.roots = map[*packages.Package]bool{}
		for _, p := range pkgs {
			k.roots[p] = true
		}
		for _, p := range sourceDeps(pkgs, func(*packages.Package) bool { return false }) {
			k.roots[p] = true // read from source (deps.go): keyed by its files
		}
		for _, p := range pkgs {
			key, ok := k.key(p)
			if !ok {
				return cache.Key{}, false
			}
			h.String(key)
		}
	}
	return h.Key(), true
}

type keyer struct {
	roots   map[*packages.Package]bool
	keys    map[*packages.Package]string
	exports map[string]string
}

// key is a root's key: its identity, files, errors and imports.
func (k *keyer) key(p *packages.Package) (string, bool) {
	if s, ok := k.keys[p]; ok {
		return s, s != ""
	}
	k.keys[p] = "" // a cycle (none in a well-formed graph) is not cached
	h := cache.NewHash("package")
	h.String(p.ID + " " + p.PkgPath + " " + p.Name)
	if p.Module != nil {
		h.String("module " + p.Module.Path + " " + p.Module.Version + " " + p.Module.GoVersion)
	}
	if p.TypesSizes != nil {
		h.String(fmt.Sprint("sizes ", p.TypesSizes))
	}
	for _, e := range p.Errors {
		h.String("error " + e.Error())
	}
	for _, f := range slices.Concat(p.CompiledGoFiles, p.GoFiles, p.OtherFiles, p.EmbedFiles, p.IgnoredFiles) {
		sum, err := cache.FileHash(f)
		if err != nil {
			if !os.IsNotExist(err) {
				return "", false
			}
			sum = "missing"
		}
		h.String("file " + f + " " + sum)
	}
	for _, path := range slices.Sorted(mapsKeys(p.Imports)) {
		imp := p.Imports[path]
		var s string
		if k.roots[imp] {
			var ok bool
			if s, ok = k.key(imp); !ok {
				return "", false
			}
		} else {
			// Not analysed: its export data is what the type checker
			// reads, and so are those of its own imports.
			var ok bool
			if s, ok = k.export(imp); !ok {
				return "", false
			}
		}
		h.String("import " + path + " " + s)
	}
	s := h.Key().String()
	k.keys[p] = s
	return s, true
}

// export is the identity of a dependency's export data and of its
// dependencies'. The build cache names an export file by the hash of its
// content, and never rewrites one; outside the build cache (another
// toolchain) the content is hashed.
func (k *keyer) export(p *packages.Package) (string, bool) {
	if s, ok := k.exports[p.ID]; ok {
		return s, s != ""
	}
	k.exports[p.ID] = ""
	if p.PkgPath == "unsafe" || p.ID == "C" {
		k.exports[p.ID] = p.ID // built into the type checker
		return p.ID, true
	}
	if p.ExportFile == "" {
		return "", false // it does not compile: its errors are the run's
	}
	h := cache.NewHash("export")
	h.String(p.ID)
	st, err := os.Stat(p.ExportFile)
	if err != nil {
		return "", false
	}
	if buildCacheName(p.ExportFile) {
		h.String(p.ExportFile + " " + strconv.FormatInt(st.Size(), 10) + " " + st.ModTime().String())
	} else {
		sum, err := cache.FileHash(p.ExportFile)
		if err != nil {
			return "", false
		}
		h.String(sum)
	}
	for _, path := range slices.Sorted(mapsKeys(p.Imports)) {
		s, ok := k.export(p.Imports[path])
		if !ok {
			return "", false
		}
		h.String(path + " " + s)
	}
	s := h.Key().String()
	k.exports[p.ID] = s
	return s, true
}

// buildCacheName says whether file is named as the build cache names its
// outputs: xx/<sha256 starting with xx>-d.
func buildCacheName(file string) bool {
	base, dir := filepath.Base(file), filepath.Base(filepath.Dir(file))
	h, ok := strings.CutSuffix(base, "-d")
	if !ok || len(h) != 64 || len(dir) != 2 || !strings.HasPrefix(h, dir) {
		return false
	}
	_, err := hex.DecodeString(h)
	return err == nil
}

func mapsKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// stored is a run's outcome as the cache holds it.
type stored struct {
	Findings   []storedFinding
	LoadErrors []string
	Packages   int
}

// storedFinding is a finding with its fix, whose edits' absolute file
// and size report.Edit leaves out of its JSON.
type storedFinding struct {
	Finding report.Finding
	Fix     *storedFix
}

type storedFix struct {
	Message string
	Edits   []storedEdit
}

type storedEdit struct {
	report.Edit
	File string
	Size int
}

func encodeResult(res *Result) ([]byte, error) {
	s := stored{LoadErrors: res.LoadErrors, Packages: res.Packages}
	for _, f := range res.Findings {
		sf := storedFinding{Finding: f}
		sf.Finding.Fix = nil
		if f.Fix != nil {
			sf.Fix = &storedFix{Message: f.Fix.Message}
			for _, e := range f.Fix.Edits {
				sf.Fix.Edits = append(sf.Fix.Edits, storedEdit{Edit: e, File: e.File, Size: e.Size})
			}
		}
		s.Findings = append(s.Findings, sf)
	}
	var b bytes.Buffer
	err := json.NewEncoder(&b).Encode(s)
	return b.Bytes(), err
}

func decodeResult(data []byte) (*Result, bool) {
	var s stored
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, false
	}
	res := &Result{LoadErrors: s.LoadErrors, Packages: s.Packages, Cached: true}
	for _, f := range s.Findings {
		if f.Fix != nil {
			fix := &report.Fix{Message: f.Fix.Message}
			for _, e := range f.Fix.Edits {
				e.Edit.File, e.Edit.Size = e.File, e.Size
				fix.Edits = append(fix.Edits, e.Edit)
			}
			f.Finding.Fix = fix
		}
		res.Findings = append(res.Findings, f.Finding)
	}
	return res, true
}
