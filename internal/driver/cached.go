package driver

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/gcexportdata"
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
// read them, the options, the directory, faasvet's version and Go's.
// That metadata is the go command's listing that every run starts with
// (go list, nothing type-checked yet); when the key is stored, the
// stored outcome is the run's, and nothing is parsed, type-checked or
// analysed. Otherwise the run loads and analyses, reusing what it can of
// the packages' own analyses (reuse.go), and stores its outcome. See
// docs/performance.md for what this costs and saves.

// metaMode is what the key needs: files, imports, export data, sizes.
const metaMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
	packages.NeedDeps | packages.NeedExportFile | packages.NeedTypesSizes | packages.NeedModule

// keyEnv are the variables that may change what a run reports without
// changing the files or export data that the key hashes.
var keyEnv = []string{"GOOS", "GOARCH", "GOFLAGS", "CGO_ENABLED", "GOEXPERIMENT", "GOAMD64", "GOARM64", "GOWORK", "FAASVET_PANIC"}

// listing is one load and the packages it listed.
type listing struct {
	load
	pkgs []*packages.Package
}

// runKey is the key of a run, from the loads' listings (metaMode) and
// the notes the listing gave (stand-in modules, modules refused); false
// when the run cannot be cached (a dependency has no export data, a file
// cannot be read, faasvet's version is unknown).
func runKey(k *keyer, dir string, opts Options, patterns []string, loads []listing, model *manifest.Model, notes []string) (cache.Key, bool) {
	base, ok := baseKey(dir, opts)
	if !ok {
		return cache.Key{}, false
	}
	h := cache.NewHash("run")
	h.String(base)
	h.String(fmt.Sprint(opts.NoManifests, opts.RepoManifests, patterns, opts.Manifests))
	mj, err := json.Marshal(model)
	if err != nil {
		return cache.Key{}, false
	}
	h.String(string(mj))
	for _, note := range notes {
		h.String("note " + note)
	}
	for _, l := range loads {
		h.String("load " + l.dir + " " + strings.Join(l.patterns, " "))
		k.roots = map[*packages.Package]bool{}
		for _, p := range l.pkgs {
			k.roots[p] = true
		}
		for _, p := range sourceDeps(l.pkgs, func(*packages.Package) bool { return false }) {
			k.roots[p] = true // read from source (deps.go): keyed by its files
		}
		for _, p := range l.pkgs {
			key, ok := k.key(p)
			if !ok {
				return cache.Key{}, false
			}
			h.String(key)
		}
	}
	return h.Key(), true
}

// baseKey is what every key of a run hashes: faasvet's and Go's
// versions, the directory, the options that change what a package's
// analysis reports, and the environment that changes what the go
// command and the type checker make of the files.
func baseKey(dir string, opts Options) (string, bool) {
	version := cache.Version()
	if version == "" {
		return "", false
	}
	h := cache.NewHash("base")
	h.String(version)
	h.String(runtime.Version())
	h.String(dir)
	h.String(fmt.Sprint(opts.Tests))
	for _, v := range keyEnv {
		h.String(v + "=" + os.Getenv(v))
	}
	return h.Key().String(), true
}

type keyer struct {
	roots   map[*packages.Package]bool
	keys    map[*packages.Package]string
	exports map[string]string
	sums    map[string]string // files' SHA-256, by name
}

func newKeyer() *keyer {
	return &keyer{keys: map[*packages.Package]string{}, exports: map[string]string{}, sums: map[string]string{}}
}

// fileSum is the SHA-256 of a file, read once per run.
func (k *keyer) fileSum(name string) (string, error) {
	if s, ok := k.sums[name]; ok {
		return s, nil
	}
	s, err := cache.FileHash(name)
	if err == nil {
		k.sums[name] = s
	}
	return s, err
}

// key is a root's key: its identity, files, errors and imports.
func (k *keyer) key(p *packages.Package) (string, bool) {
	if s, ok := k.keys[p]; ok {
		return s, s != ""
	}
	k.keys[p] = "" // a cycle (none in a well-formed graph) is not cached
	h := cache.NewHash("package")
	if !k.identity(h, p) {
		return "", false
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

// identity adds to h what p is, whatever its imports: its ID, module,
// Go version, sizes, errors, and its files' names and contents; false
// when a file cannot be read.
func (k *keyer) identity(h *cache.Hasher, p *packages.Package) bool {
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
		sum, err := k.fileSum(f)
		if err != nil {
			if !os.IsNotExist(err) {
				return false
			}
			sum = "missing"
		}
		h.String("file " + f + " " + sum)
	}
	return true
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
	if p.Module != nil && p.Module.Main {
		// The export data alone, not the file the go command wrote it
		// in, whose header names the package's build: an edit that
		// leaves a package's API as it was changes no importer's key.
		sum, err := exportDataHash(p.ExportFile)
		if err != nil {
			return "", false
		}
		h.String("api " + sum)
	} else if buildCacheName(p.ExportFile) {
		// Its name is its content's hash; not its time, which the go
		// command refreshes as it uses the entry.
		h.String(filepath.Base(p.ExportFile) + " " + strconv.FormatInt(st.Size(), 10))
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

// exportDataHash is the SHA-256 of the export data in file.
func exportDataHash(file string) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer func() { _ = f.Close() }()
	r, err := gcexportdata.NewReader(f) //nolint:staticcheck // the go command's export files, as stream.go reads them
	if err != nil {
		return "", err
	}
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
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

func toStored(f report.Finding) storedFinding {
	sf := storedFinding{Finding: f}
	sf.Finding.Fix = nil
	if f.Fix != nil {
		sf.Fix = &storedFix{Message: f.Fix.Message}
		for _, e := range f.Fix.Edits {
			sf.Fix.Edits = append(sf.Fix.Edits, storedEdit{Edit: e, File: e.File, Size: e.Size})
		}
	}
	return sf
}

func (sf storedFinding) finding() report.Finding {
	f := sf.Finding
	if sf.Fix != nil {
		fix := &report.Fix{Message: sf.Fix.Message}
		for _, e := range sf.Fix.Edits {
			e.Edit.File, e.Edit.Size = e.File, e.Size
			fix.Edits = append(fix.Edits, e.Edit)
		}
		f.Fix = fix
	}
	return f
}

func encodeResult(res *Result) ([]byte, error) {
	s := stored{LoadErrors: res.LoadErrors, Packages: res.Packages}
	for _, f := range res.Findings {
		s.Findings = append(s.Findings, toStored(f))
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
		res.Findings = append(res.Findings, f.finding())
	}
	return res, true
}
