package jsonshape

// The differential test: random types, the real encoding/json, the model,
// and a comparison of every field. See gen_test.go for the generator and
// harness_test.go for the program that runs encoding/json.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/types"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

var (
	flagN     = flag.Int("jsonshape.n", 600, "number of random struct types in the differential test")
	flagSeed  = flag.Uint64("jsonshape.seed", 0, "seed of the differential test's generator (0: a fresh one per run, printed)")
	flagKeep  = flag.Bool("jsonshape.keep", false, "keep the differential test's program directory")
	flagQuiet = flag.Int("jsonshape.quiet", 0, "log this many edges with error-level findings that ran clean")
)

func TestDifferential(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command:", err)
	}
	// A fresh seed on every run that names none: each CI run tries other
	// types. The seed is logged and repeated in every failure, so that
	// the run can be replayed.
	seed := *flagSeed
	if seed == 0 {
		seed = freshSeed()
	}
	t.Logf("seed %d (replay: go test ./jsonshape -run TestDifferential -jsonshape.n %d -jsonshape.seed %d)", seed, *flagN, seed)
	start := time.Now()
	d := newDiff(t, *flagN, seed)
	d.plan()
	planned := time.Since(start)
	d.build(goTool)
	built := time.Since(start)
	d.run()
	t.Logf("seed %d: %d struct types, %d roots, %d probes, %d pairs, %d comparisons; model+plan %v, build %v, total %v",
		seed, *flagN, len(d.roots), d.nProbes, d.nPairs, d.nChecks,
		planned.Round(time.Millisecond), (built - planned).Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
	t.Logf("edges: %d failed at run time, every one flagged by Compatible; %d carry an error-level finding but ran clean on the two sample values",
		d.pairFailures, d.pairQuiet)
	if t.Failed() || *flagKeep {
		t.Logf("program kept in %s", d.dir)
	} else {
		_ = os.RemoveAll(d.dir)
	}
}

// freshSeed returns a seed in [1, 2^31): short enough to type, never 0,
// which means "pick one".
func freshSeed() uint64 {
	return 1 + rand.Uint64N(1<<31-1)
}

type diff struct {
	t     *testing.T
	seed  uint64
	n     int
	gen   *generator
	dir   string
	src   string // types.go
	model *Model
	names []string     // root type expressions
	roots []types.Type // root types
	enc   []*Shape     // Encode(root)
	encP  []*Shape     // Encode(*root)
	dec   []*Shape     // Decode(root)

	specs   []probeSpec
	nProbes int
	nPairs  int
	nChecks int
	fails   int

	pairFailures, pairQuiet int
}

// A probeSpec is one Unmarshal run and what the model expects of it.
type probeSpec struct {
	root int
	doc  string
	why  string

	err        tri      // whether Unmarshal fails
	keyProbe   bool     // check where the key lands, and method calls
	field      *Field   // the field the key lands in, or nil
	observable bool     // the landing value leaves the field non-zero
	calls      []string // the markers unmarshal methods must leave

	pair bool // a round trip from root (producer) to q (consumer)
	q    int
}

// tri is an expectation that may be unknown.
type tri uint8

const (
	unknown tri = iota
	yes
	no
)

func and(a, b tri) tri {
	switch {
	case a == yes || b == yes:
		return yes
	case a == unknown || b == unknown:
		return unknown
	}
	return no
}

func (d *diff) failf(root int, format string, args ...any) {
	d.t.Helper()
	d.fails++
	if d.fails > 25 {
		if d.fails == 26 {
			d.t.Errorf("%s: too many disagreements; stopping the report", d.replay())
		}
		return
	}
	d.t.Errorf("%s: root R%d = %s: %s\n%s", d.replay(), root, d.names[root], fmt.Sprintf(format, args...), d.declsFor(d.names[root]))
}

// replay names the seed and the flags that reproduce a failure.
func (d *diff) replay() string {
	return fmt.Sprintf("seed %d (-jsonshape.n %d -jsonshape.seed %d)", d.seed, d.n, d.seed)
}

// declsFor quotes the declarations of the generated types named in expr,
// and those they embed, so a failure shows the source it is about.
func (d *diff) declsFor(expr string) string {
	var b strings.Builder
	seen := map[string]bool{}
	var add func(name string, depth int)
	add = func(name string, depth int) {
		if seen[name] || depth > 3 {
			return
		}
		seen[name] = true
		i := strings.Index(d.src, "\ntype "+name+" ")
		if i < 0 {
			return
		}
		decl := d.src[i+1:]
		end := strings.Index(decl, "\ntype ")
		if end >= 0 {
			decl = decl[:end+1]
		}
		b.WriteString(decl)
		for _, w := range identRE.FindAllString(decl, -1) {
			add(w, depth+1)
		}
	}
	for _, w := range identRE.FindAllString(expr, -1) {
		add(w, 0)
	}
	return b.String()
}

var identRE = regexpMust(`\b[A-Za-z_][A-Za-z0-9_]*\b`)

func newDiff(t *testing.T, n int, seed uint64) *diff {
	d := &diff{t: t, seed: seed, n: n, gen: newGenerator(seed), model: NewModel()}
	var b strings.Builder
	b.WriteString(d.gen.generate(n))
	for i, r := range d.gen.roots {
		fmt.Fprintf(&b, "type R%d = %s\n", i, r)
	}
	d.src = b.String()
	d.names = d.gen.roots

	dir, err := os.MkdirTemp("", "jsonshape-diff-")
	if err != nil {
		t.Fatal(err)
	}
	d.dir = dir
	var reg strings.Builder
	reg.WriteString("package main\n\nvar registry = []func() any{\n")
	for i := range d.names {
		fmt.Fprintf(&reg, "\tfunc() any { return new(R%d) },\n", i)
	}
	reg.WriteString("}\n")
	for name, text := range map[string]string{
		"go.mod":   "module difftest\n\ngo 1.26\n",
		"types.go": d.src,
		"reg.go":   reg.String(),
		"main.go":  harnessMain,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o666); err != nil {
			t.Fatal(err)
		}
	}

	pkg := checkSource(t, d.src)
	for i := range d.names {
		rt := pkg.Scope().Lookup(fmt.Sprintf("R%d", i)).Type()
		d.roots = append(d.roots, rt)
		d.enc = append(d.enc, d.model.Encode(rt))
		d.encP = append(d.encP, d.model.Encode(types.NewPointer(rt)))
		d.dec = append(d.dec, d.model.Decode(rt))
	}
	return d
}

func (d *diff) build(goTool string) {
	cmd := exec.Command(goTool, "build", "-o", "prog", ".")
	cmd.Dir = d.dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GO111MODULE=on")
	if out, err := cmd.CombinedOutput(); err != nil {
		d.t.Fatalf("%s: building the generated program in %s: %v\n%s", d.replay(), d.dir, err, out)
	}
}

// probeValues are the JSON values each field is probed with: one of each
// kind, and the strings that ",string", base64, json.Number and time.Time
// take.
var probeValues = []string{
	`null`, `true`, `7`, `-7`, `1.5`, `300`, `70000`, `1e40`,
	`"x"`, `"AQ=="`, `"7"`, `"true"`, `"\"x\""`, `"null"`, `"2006-01-02T15:04:05Z"`,
	`[]`, `[7]`, `[7,8,9,10]`, `{}`, `{"7":7}`, `{"x":"AQ=="}`,
}

func (d *diff) plan() {
	for i, D := range d.dec {
		for _, v := range probeValues {
			d.addAccept(i, v, D, "top-level value")
		}
		if D.Method != nil {
			if call := d.callMarker(D); call != "" {
				d.specs = append(d.specs, probeSpec{root: i, doc: `7`, why: "top-level method", err: d.acceptDoc(D, `7`), keyProbe: true, calls: []string{call}})
			}
		}
		if D.Kind != Object {
			continue
		}
		for _, f := range D.Fields {
			for _, v := range probeValues {
				d.addAccept(i, "{"+jsonString(f.Name)+":"+v+"}", D, "value for field "+strings.Join(f.GoPath, "."))
			}
		}
		for _, key := range d.candidateKeys(d.roots[i], D) {
			f, _ := D.Lookup(key)
			spec := probeSpec{root: i, keyProbe: true, field: f, why: "key " + jsonString(key)}
			if f == nil {
				spec.doc = "{" + jsonString(key) + ":7}"
				spec.err = no
			} else {
				var calls []string
				val, obs := d.landing(f.Shape, f.Quoted, 0, &calls)
				spec.doc = "{" + jsonString(key) + ":" + val + "}"
				spec.observable = obs
				spec.err = d.acceptDoc(D, spec.doc)
				if val != "null" {
					spec.calls = calls
				}
			}
			d.specs = append(d.specs, spec)
		}
	}
	index := map[string]int{}
	for i, n := range d.names {
		if _, ok := index[n]; !ok {
			index[n] = i
		}
	}
	for i := range d.names {
		if d.dec[i].Kind == Object {
			d.specs = append(d.specs, probeSpec{root: i, q: i, pair: true})
		}
	}
	for _, v := range d.gen.variants {
		a, b := index[v[0]], index[v[1]]
		d.specs = append(d.specs, probeSpec{root: a, q: b, pair: true}, probeSpec{root: b, q: a, pair: true})
	}
}

func (d *diff) addAccept(root int, doc string, dec *Shape, why string) {
	d.specs = append(d.specs, probeSpec{root: root, doc: doc, why: why, err: d.acceptDoc(dec, doc)})
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// candidateKeys lists the keys to probe a struct with: every Go field name
// and tag name in it and its embedded structs, in several cases.
func (d *diff) candidateKeys(t types.Type, dec *Shape) []string {
	seen := map[string]bool{}
	var keys []string
	add := func(s string) {
		for _, k := range []string{s, strings.ToUpper(s), strings.ToLower(s), swapCase(s)} {
			if k != "" && !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	for _, f := range dec.Fields {
		add(f.Name)
	}
	var visit func(t types.Type, depth int)
	visit = func(t types.Type, depth int) {
		if depth > 4 {
			return
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok {
			return
		}
		for i := 0; i < st.NumFields(); i++ {
			sf := st.Field(i)
			add(sf.Name())
			name, _, _ := strings.Cut(reflectTag(st.Tag(i)), ",")
			add(name)
			if sf.Embedded() {
				et := sf.Type()
				if p, ok := et.Underlying().(*types.Pointer); ok {
					et = p.Elem()
				}
				visit(et, depth+1)
			}
		}
	}
	visit(t, 0)
	return keys
}

func swapCase(s string) string {
	return strings.Map(func(r rune) rune {
		if u := []rune(strings.ToUpper(string(r))); len(u) == 1 && u[0] != r {
			return u[0]
		}
		if l := []rune(strings.ToLower(string(r))); len(l) == 1 {
			return l[0]
		}
		return r
	}, s)
}

// landing returns a JSON value that Unmarshal accepts into shape s and
// that leaves the value non-zero if observable; calls collects the markers
// that generated unmarshal methods must leave on the way.
func (d *diff) landing(s *Shape, quoted bool, depth int, calls *[]string) (string, bool) {
	ptr := isPointer(s.Type)
	if depth > 5 {
		// Unmarshal hands null to the UnmarshalJSON of a value that is
		// not a pointer (indirect stops at the Unmarshaler).
		if c := d.callMarker(s); c != "" && !ptr && s.Method.Name() == "UnmarshalJSON" {
			*calls = append(*calls, c)
		}
		return "null", false
	}
	if c := d.callMarker(s); c != "" {
		*calls = append(*calls, c)
	}
	if quoted {
		switch s.Kind {
		case Number:
			return `"7"`, true
		case Bool:
			return `"true"`, true
		case String:
			return `"\"x\""`, s.Method == nil || ptr
		}
		return `"7"`, ptr
	}
	if s.Method != nil {
		if s.Format == "date-time" {
			return `"2006-01-02T15:04:05Z"`, true
		}
		if s.Kind == String {
			return `"x"`, ptr
		}
		return `7`, ptr
	}
	switch s.Kind {
	case Opaque, Unsupported:
		return `7`, ptr
	case Any:
		return `7`, true
	case Null:
		return `null`, false
	case Bool:
		return `true`, true
	case Number:
		return `7`, true
	case String:
		if s.Base64 {
			return `"AQ=="`, true
		}
		return `"x"`, true
	case Array:
		switch {
		case s.Len < 0:
			return `[]`, true
		case s.Len == 0:
			return `[]`, false
		}
		v, obs := d.landing(s.Elem, false, depth+1, calls)
		return "[" + v + "]", obs
	case Map:
		// "7" is a valid key of every kind; text keys call their method.
		if c := d.callMarker(s.Key); c != "" {
			*calls = append(*calls, c)
		}
		v, _ := d.landing(s.Elem, false, depth+1, calls)
		return `{"7":` + v + `}`, true
	case Object:
		if ptr {
			return `{}`, true
		}
		for _, f := range s.Fields {
			n := len(*calls)
			if v, obs := d.landing(f.Shape, f.Quoted, depth+1, calls); obs {
				return "{" + jsonString(f.Name) + ":" + v + "}", true
			}
			*calls = (*calls)[:n]
		}
		return `{}`, false
	}
	return `null`, false
}

// callMarker is the record a generated unmarshal method leaves.
func (d *diff) callMarker(s *Shape) string {
	if s.Method == nil || !d.generated(s.Method) {
		return ""
	}
	n := recvNamed(s.Method)
	if s.Method.Name() == "UnmarshalJSON" {
		return "UJ:" + n.Obj().Name()
	}
	return "UT:" + n.Obj().Name()
}

func (d *diff) generated(m *types.Func) bool {
	n := recvNamed(m)
	return n != nil && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "main"
}

func (d *diff) acceptDoc(dec *Shape, doc string) tri {
	v, err := parseOrdered([]byte(doc))
	if err != nil {
		panic(err)
	}
	return accept(dec, false, v)
}

func (d *diff) run() {
	var stdin bytes.Buffer
	for _, s := range d.specs {
		var line []byte
		if s.pair {
			line, _ = json.Marshal(map[string]any{"t": s.root, "q": s.q, "pair": true})
			d.nPairs++
		} else {
			line, _ = json.Marshal(map[string]any{"t": s.root, "doc": s.doc})
			d.nProbes++
		}
		stdin.Write(line)
		stdin.WriteByte('\n')
	}
	cmd := exec.Command(filepath.Join(d.dir, "prog"))
	cmd.Stdin = &stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		d.t.Fatalf("%s: running the generated program: %v\n%s", d.replay(), err, stderr.Bytes())
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var line struct {
			Kind    string   `json:"kind"`
			I       int      `json:"i"`
			ZV      result   `json:"zv"`
			ZP      result   `json:"zp"`
			FV      result   `json:"fv"`
			FP      result   `json:"fp"`
			Err     string   `json:"err"`
			Landed  []string `json:"landed"`
			Calls   []string `json:"calls"`
			FillErr string   `json:"fe"`
			ZeroErr string   `json:"ze"`
			FillAt  string   `json:"fa"`
			ZeroAt  string   `json:"za"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			d.t.Fatalf("%s: bad output line %q: %v", d.replay(), sc.Bytes(), err)
		}
		switch line.Kind {
		case "type":
			i := line.I
			d.checkMarshal(i, "Marshal(zero value)", line.ZV, d.enc[i], true, false)
			// &zero of a pointer type points to a nil pointer: null.
			d.checkMarshal(i, "Marshal(&zero value)", line.ZP, d.encP[i], true, !isPointer(d.roots[i]))
			d.checkMarshal(i, "Marshal(filled value)", line.FV, d.enc[i], false, false)
			d.checkMarshal(i, "Marshal(&filled value)", line.FP, d.encP[i], false, true)
		case "probe":
			d.checkProbe(d.specs[line.I], line.Err, line.Landed, line.Calls)
		case "pair":
			d.checkPair(d.specs[line.I], line.FillErr, line.ZeroErr, line.FillAt, line.ZeroAt)
		}
	}
}

type result struct {
	Out json.RawMessage `json:"out"`
	Err string          `json:"err"`
}

func (d *diff) checkMarshal(i int, what string, r result, s *Shape, zero, viaPtr bool) {
	d.nChecks++
	if zero {
		want := zeroErr(s, viaPtr, d)
		got := r.Err != ""
		if want != unknown && got != (want == yes) {
			d.failf(i, "%s: error %q, model predicts error: %v (shape %v)", what, r.Err, want == yes, s)
			return
		}
	} else {
		unsupported := len(FindUnsupported(s, "")) > 0
		if r.Err != "" && !unsupported {
			d.failf(i, "%s failed (%s) but the model has no unsupported type in %v", what, r.Err, s)
			return
		}
		if r.Err != "" && !strings.Contains(r.Err, "unsupported type") && !strings.HasPrefix(r.Err, "PANIC") {
			d.failf(i, "%s failed for another reason: %s", what, r.Err)
			return
		}
		if r.Err == "" && unsupported && !mayAvoidUnsupported(s) {
			d.failf(i, "%s succeeded but the model has unsupported types on every path: %v", what, FindUnsupported(s, ""))
			return
		}
	}
	if r.Err != "" {
		return
	}
	v, err := parseOrdered(r.Out)
	if err != nil {
		d.failf(i, "%s: bad JSON %s", what, r.Out)
		return
	}
	if err := d.conform(v, s, false, zero, viaPtr, "$"); err != nil {
		d.failf(i, "%s = %s\n\t%v", what, r.Out, err)
	}
}

// mayAvoidUnsupported reports whether a filled value might still marshal:
// every unsupported shape sits behind something the filler may leave nil
// or empty, or that a method may omit.
func mayAvoidUnsupported(s *Shape) bool {
	avoid := true
	var walk func(s *Shape, seen map[*Shape]bool) bool // reports an unavoidable unsupported shape
	walk = func(s *Shape, seen map[*Shape]bool) bool {
		if seen[s] {
			return false
		}
		seen[s] = true
		defer delete(seen, s)
		switch {
		case s.Kind == Unsupported:
			return !s.Nullable
		case s.Nullable || s.Method != nil:
			return false
		case s.Kind == Object:
			for _, f := range s.Fields {
				if f.Omittable() {
					continue
				}
				if walk(f.Shape, seen) {
					return true
				}
			}
		case s.Kind == Array && s.Len > 0:
			return walk(s.Elem, seen)
		}
		return false
	}
	if walk(s, map[*Shape]bool{}) {
		avoid = false
	}
	return avoid
}

// zeroErr predicts whether Marshal of a zero value fails. nonNilTop: the
// top-level value is a non-nil pointer.
func zeroErr(s *Shape, nonNilTop bool, d *diff) tri {
	switch {
	case s.Kind == Unsupported:
		if s.Nullable && !nonNilTop {
			return no
		}
		return yes
	case s.Nullable && !nonNilTop, s.Method != nil:
		return no
	case s.Kind == Object:
		acc := no
		for _, f := range s.Fields {
			p := d.presence(f, true)
			if p == no {
				continue
			}
			r := zeroErr(f.Shape, false, d)
			if r == yes && p == yes {
				return yes
			}
			if r != no {
				acc = unknown
			}
		}
		return acc
	case s.Kind == Array && s.Len > 0:
		return zeroErr(s.Elem, false, d)
	}
	return no
}

// presence predicts whether Marshal writes field f's key.
func (d *diff) presence(f *Field, zero bool) tri {
	if f.Shape.Kind == Unsupported && strings.Contains(f.Shape.Problem, "IsZero") && !isPointer(f.Type) {
		return yes // the IsZero call panics before anything is omitted
	}
	if f.ViaPointer {
		if zero {
			return no
		}
		return unknown
	}
	if f.OmitEmpty && canBeEmpty(f.Type) {
		if zero {
			return no
		}
		if a, ok := f.Type.Underlying().(*types.Array); ok && a.Len() == 0 {
			return no
		}
		return unknown
	}
	if f.OmitZero {
		if f.ZeroMethod == nil {
			if zero {
				return no
			}
			return unknown
		}
		if isPointer(f.Type) || isInterface(f.Type) {
			if zero {
				return no
			}
			return unknown
		}
		if n := recvNamed(f.ZeroMethod); n != nil {
			if d.generated(f.ZeroMethod) {
				if c, ok := d.gen.zeroConst[n.Obj().Name()]; ok {
					if c {
						return no
					}
					return yes
				}
			}
			if isNamed(n, "time", "Time") && zero {
				return no
			}
		}
		return unknown
	}
	return yes
}

func isInterface(t types.Type) bool {
	_, ok := t.Underlying().(*types.Interface)
	return ok
}

// conform checks a value Marshal wrote against the model's shape.
func (d *diff) conform(v any, s *Shape, quoted, zero, nonNilTop bool, path string) error {
	d.nChecks++
	if s.Kind == Unsupported {
		if v == nil && s.Nullable {
			return nil
		}
		return fmt.Errorf("%s: model says unsupported (%s), Marshal wrote %s", path, s.Problem, show(v))
	}
	if v == nil {
		switch {
		case s.Nullable, s.Kind == Null, s.Kind == Any:
			return nil
		case s.Method != nil && !d.generated(s.Method):
			return nil // json.RawMessage writes null when nil
		}
		return fmt.Errorf("%s: Marshal wrote null, model says %v", path, s)
	}
	if zero && s.Nullable && !nonNilTop {
		return fmt.Errorf("%s: Marshal of a zero value wrote %s, model says %v (null when nil)", path, show(v), s)
	}
	if quoted {
		str, ok := v.(string)
		if !ok {
			return fmt.Errorf("%s: Marshal wrote %s, model says a quoted (,string) %v", path, show(v), s)
		}
		inner, err := parseOrdered([]byte(str))
		if err != nil {
			return fmt.Errorf("%s: Marshal wrote %s, model says a quoted (,string) %v", path, show(v), s)
		}
		v = inner
	}
	if s.Method != nil {
		switch {
		case d.generated(s.Method):
			name := recvNamed(s.Method).Obj().Name()
			var want string
			if s.Method.Name() == "MarshalJSON" {
				want = `{"$MJ":` + jsonString(name) + `}`
			} else {
				want = jsonString("$MT:" + name)
			}
			if got := show(v); got != want {
				return fmt.Errorf("%s: Marshal wrote %s, model says %s (%s)", path, got, MethodString(s.Method), want)
			}
		case s.Format == "date-time":
			str, ok := v.(string)
			if _, err := time.Parse(time.RFC3339Nano, str); !ok || err != nil {
				return fmt.Errorf("%s: Marshal wrote %s, model says an RFC 3339 time", path, show(v))
			}
		}
		return nil
	}
	switch s.Kind {
	case Any, Opaque:
		return nil
	case Null:
		return fmt.Errorf("%s: Marshal wrote %s, model says always null", path, show(v))
	case Bool:
		if b, ok := v.(bool); !ok || zero && b {
			return fmt.Errorf("%s: Marshal wrote %s, model says %v", path, show(v), s)
		}
	case Number:
		n, ok := v.(json.Number)
		if !ok || !s.Number.Float && !s.Number.JSONNumber && strings.ContainsAny(string(n), ".eE") || zero && n != "0" {
			return fmt.Errorf("%s: Marshal wrote %s, model says %v", path, show(v), s)
		}
	case String:
		str, ok := v.(string)
		if !ok || zero && str != "" {
			return fmt.Errorf("%s: Marshal wrote %s, model says %v", path, show(v), s)
		}
		if s.Base64 {
			if _, err := base64Decode(str); err != nil {
				return fmt.Errorf("%s: Marshal wrote %s, model says base64", path, show(v))
			}
		}
	case Array:
		arr, ok := v.([]any)
		if !ok || s.Len >= 0 && int64(len(arr)) != s.Len {
			return fmt.Errorf("%s: Marshal wrote %s, model says %v", path, show(v), s)
		}
		for _, e := range arr {
			if err := d.conform(e, s.Elem, false, zero, false, path+"[]"); err != nil {
				return err
			}
		}
	case Map:
		obj, ok := v.(*jobj)
		if !ok {
			return fmt.Errorf("%s: Marshal wrote %s, model says %v", path, show(v), s)
		}
		for k, key := range obj.keys {
			if err := d.conformKey(key, s.Key); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			if err := d.conform(obj.vals[k], s.Elem, false, false, false, path+"{}"); err != nil {
				return err
			}
		}
	case Object:
		obj, ok := v.(*jobj)
		if !ok {
			return fmt.Errorf("%s: Marshal wrote %s, model says %v", path, show(v), s)
		}
		k := 0
		for _, f := range s.Fields {
			p := d.presence(f, zero)
			if k < len(obj.keys) && obj.keys[k] == f.Name {
				if p == no {
					return fmt.Errorf("%s: Marshal wrote key %q, model says it is omitted (%s)", path, f.Name, fieldString(f))
				}
				if err := d.conform(obj.vals[k], f.Shape, f.Quoted, zero, false, path+"."+f.Name); err != nil {
					return err
				}
				k++
			} else if p == yes {
				return fmt.Errorf("%s: Marshal did not write key %q of %s; it wrote %s", path, f.Name, fieldString(f), show(v))
			}
		}
		if k < len(obj.keys) {
			var names []string
			for _, f := range s.Fields {
				names = append(names, f.Name)
			}
			return fmt.Errorf("%s: Marshal wrote key %q, which the model does not have where it is (model keys %q, written %q)", path, obj.keys[k], names, obj.keys)
		}
	}
	return nil
}

func fieldString(f *Field) string {
	return fmt.Sprintf("field %s %s omitempty=%v omitzero=%v viaPointer=%v zeroMethod=%v",
		strings.Join(f.GoPath, "."), types.TypeString(f.Type, shortQualifier), f.OmitEmpty, f.OmitZero, f.ViaPointer, f.ZeroMethod)
}

func (d *diff) conformKey(key string, k *Shape) error {
	switch {
	case key == "" && isPointer(k.Type):
		// A nil pointer key that has MarshalText is written as "".
	case k.Method != nil && d.generated(k.Method):
		if want := "$MT:" + recvNamed(k.Method).Obj().Name(); key != want {
			return fmt.Errorf("map key %q, model says %s", key, want)
		}
	case k.Kind == Number:
		if !intRE.MatchString(key) {
			return fmt.Errorf("map key %q, model says an integer", key)
		}
	}
	return nil
}

func (d *diff) checkProbe(s probeSpec, err string, landed, calls []string) {
	d.nChecks++
	got := err != ""
	if s.err != unknown && got != (s.err == yes) {
		d.failf(s.root, "Unmarshal(%s) (%s): error %q; model predicts error: %v (shape %v)", s.doc, s.why, err, s.err == yes, d.dec[s.root])
		return
	}
	if !s.keyProbe {
		return
	}
	if s.field == nil {
		if len(s.calls) == 0 && (len(landed) > 0 || len(calls) > 0) {
			d.failf(s.root, "Unmarshal(%s) (%s): model says the key matches no field, but it landed in %q (calls %q)", s.doc, s.why, landed, calls)
		}
	} else {
		fpath := strings.Join(s.field.GoPath, ".")
		hit := false
		for _, l := range landed {
			switch {
			case l == fpath || strings.HasPrefix(l, fpath+"."):
				hit = true
			case strings.HasPrefix(fpath, l+"."):
				// an embedded pointer allocated on the way
			default:
				d.failf(s.root, "Unmarshal(%s) (%s): landed in %s, model says %s", s.doc, s.why, l, fpath)
				return
			}
		}
		if s.observable && !got && !hit {
			d.failf(s.root, "Unmarshal(%s) (%s): nothing landed in %s (landed %q, calls %q); model says the value does", s.doc, s.why, fpath, landed, calls)
			return
		}
	}
	if !got {
		// The landing value is built from the model's shapes: every method
		// it reaches is one the model predicts, and no other.
		want := slices.Clone(s.calls)
		slices.Sort(want)
		want = slices.Compact(want)
		have := slices.Clone(calls)
		slices.Sort(have)
		have = slices.Compact(have)
		if !slices.Equal(want, have) {
			d.failf(s.root, "Unmarshal(%s) (%s): calls %q, model predicts %q", s.doc, s.why, have, want)
		}
	}
}

// checkPair holds Compatible to what the real round trip does: a run-time
// failure must be flagged, and a type error where it happens: on its
// field path or above it. Error-level findings on an edge that ran clean
// are counted: the two sample values need not hit them.
func (d *diff) checkPair(s probeSpec, fillErr, zeroErr, fillAt, zeroAt string) {
	d.nChecks++
	res := Compatible(d.enc[s.root], d.dec[s.q])
	failed := func(e string) bool { return e != "" && !strings.HasPrefix(e, "MARSHAL: ") }
	if failed(fillErr) || failed(zeroErr) {
		d.pairFailures++
		if res.Worst() < Lossy && len(res.Unchecked) == 0 {
			d.failf(s.root, "round trip to R%d = %s fails (%q, %q), Compatible finds nothing: %v\n%s",
				s.q, d.names[s.q], fillErr, zeroErr, res.Problems, d.declsFor(d.names[s.q]))
		} else {
			for _, at := range []string{fillAt, zeroAt} {
				if at != "" && !flaggedOn(&res, d.enc[s.root].Type, at) {
					d.failf(s.root, "round trip to R%d = %s fails at %s (%q, %q), Compatible finds nothing on that path: %v (unchecked %q)\n%s",
						s.q, d.names[s.q], at, fillErr, zeroErr, res.Problems, res.Unchecked, d.declsFor(d.names[s.q]))
					break
				}
			}
		}
	} else if res.Worst() == Failing && fillErr == "" && zeroErr == "" {
		d.pairQuiet++
		if d.pairQuiet <= *flagQuiet {
			var errs []string
			for _, p := range res.Problems {
				if p.Effect == Failing {
					errs = append(errs, p.String())
				}
			}
			d.t.Logf("ran clean, Compatible says error: R%d = %s -> R%d = %s:\n\t%s\n%s%s", s.root, d.names[s.root], s.q, d.names[s.q],
				strings.Join(errs, "\n\t"), d.declsFor(d.names[s.root]), d.declsFor(d.names[s.q]))
		}
	}
	if s.root == s.q {
		for _, p := range res.Problems {
			if p.Effect == Failing && !selfExplained(p) {
				d.failf(s.root, "Compatible of a type with itself reports an error that is not an asymmetry of encoding/json: %v", p)
			}
		}
	}
}

// flaggedOn reports whether res has a problem that may fail (Lossy or
// worse) or an unchecked path on or above a type error's field path at:
// one whose keys appear in order in at, which also holds the Go names of
// the embedded structs on the way, has the consumer's keys (a key may
// match only case-insensitively) and leaves out array elements and map
// keys. Where the consumer side is a map value (no field), one key of the
// problem's path may be a map key that at leaves out. Compatible compares
// each struct pair once, at the first path that reaches it: a problem
// of the failing field's own key elsewhere counts too.
func flaggedOn(res *Result, root types.Type, at string) bool {
	prefix := RootName(root)
	at = foldName(at)
	covers := func(path string, skip bool) bool {
		keys := pathKeys(strings.TrimPrefix(path, prefix))
		if subsequence(keys, at) {
			return true
		}
		for i := range keys {
			if skip && subsequence(slices.Delete(slices.Clone(keys), i, i+1), at) {
				return true
			}
		}
		return false
	}
	sameKey := func(path string) bool {
		keys := pathKeys(strings.TrimPrefix(path, prefix))
		if len(keys) == 0 {
			return false
		}
		k := foldName(keys[len(keys)-1])
		return at == k || strings.HasSuffix(at, "."+k)
	}
	for _, p := range res.Problems {
		if p.Effect < Lossy {
			continue
		}
		if covers(p.Path, p.ConsumerField == nil) || p.Kind != MissingField && sameKey(p.Path) {
			return true
		}
	}
	for _, u := range res.Unchecked {
		if covers(u, true) || sameKey(u) {
			return true
		}
	}
	return false
}

// subsequence reports whether keys, folded, are whole dot-separated
// segments of at (folded) in order.
func subsequence(keys []string, at string) bool {
	pos := 0
	for _, k := range keys {
		k = foldName(k)
		i := segmentIndex(at[pos:], k)
		if i < 0 {
			return false
		}
		pos += i + len(k)
	}
	return true
}

// pathKeys splits a wire path (without its root) into its object keys,
// dropping [] and {}.
func pathKeys(path string) []string {
	var keys []string
	for path != "" {
		switch {
		case strings.HasPrefix(path, "[]"), strings.HasPrefix(path, "{}"):
			path = path[2:]
		case strings.HasPrefix(path, "[\""):
			q, err := strconv.QuotedPrefix(path[1:])
			if err != nil {
				return append(keys, path)
			}
			k, _ := strconv.Unquote(q)
			keys = append(keys, k)
			path = path[1+len(q)+1:]
		case path[0] == '.':
			path = path[1:]
			n := strings.IndexAny(path, ".[{")
			if n < 0 {
				n = len(path)
			}
			keys = append(keys, path[:n])
			path = path[n:]
		default:
			return append(keys, path)
		}
	}
	return keys
}

// segmentIndex is the first index of key in s where it is a whole
// dot-separated segment (a key may itself hold dots), or -1.
func segmentIndex(s, key string) int {
	for off := 0; ; {
		i := strings.Index(s[off:], key)
		if i < 0 {
			return -1
		}
		i += off
		j := i + len(key)
		if (i == 0 || s[i-1] == '.') && (j == len(s) || s[j] == '.') {
			return i
		}
		off = i + 1
	}
}

// selfExplained reports whether an error-level problem of a type against
// itself comes from encoding/json treating the two directions differently:
// different kinds, quoting or methods.
func selfExplained(p Problem) bool {
	if p.Producer == nil || p.Consumer == nil {
		return false
	}
	if p.Producer.Kind != p.Consumer.Kind || (p.Producer.Method == nil) != (p.Consumer.Method == nil) ||
		p.Producer.Base64 != p.Consumer.Base64 {
		return true
	}
	if p.ProducerField != nil && p.ConsumerField != nil && p.ProducerField.Quoted != p.ConsumerField.Quoted {
		return true
	}
	return false
}

// accept predicts whether Unmarshal of v into shape s fails (yes), works
// (no) or cannot be told (unknown). quoted is the field's ",string".
func accept(s *Shape, quoted bool, v any) tri {
	if s.Kind == Unsupported {
		// Fields behind an unexported embedded pointer fail even on null.
		if v == nil && !strings.Contains(s.Problem, "embedded") {
			return no
		}
		return yes
	}
	if quoted {
		switch v := v.(type) {
		case nil:
			return no
		case string:
			return acceptQuoted(s, v)
		}
		if s.Kind == Unsupported {
			return unknown
		}
		return yes
	}
	if v == nil {
		return no
	}
	if s.Method != nil {
		if s.Format == "date-time" {
			str, ok := v.(string)
			if _, err := time.Parse(time.RFC3339, str); ok && err == nil {
				return no
			}
			return yes
		}
		if s.Method.Name() == "UnmarshalJSON" {
			return no
		}
		if _, ok := v.(string); ok {
			return no
		}
		return yes
	}
	switch s.Kind {
	case Any, Opaque, Null:
		return no
	case Bool:
		if _, ok := v.(bool); ok {
			return no
		}
	case Number:
		switch v := v.(type) {
		case json.Number:
			return parseNumber(string(v), s.Number)
		case string:
			if s.Number.JSONNumber && numberRE.MatchString(v) {
				return no
			}
		}
	case String:
		switch v := v.(type) {
		case string:
			if s.Base64 {
				if _, err := base64Decode(v); err != nil {
					return yes
				}
			}
			return no
		case []any:
			if s.Base64 {
				r := no
				for _, e := range v {
					r = and(r, accept(s.Elem, false, e))
				}
				return r
			}
		}
	case Array:
		if arr, ok := v.([]any); ok {
			r := no
			for i, e := range arr {
				if s.Len >= 0 && int64(i) >= s.Len {
					break
				}
				r = and(r, accept(s.Elem, false, e))
			}
			return r
		}
	case Object:
		if obj, ok := v.(*jobj); ok {
			r := no
			for i, k := range obj.keys {
				if f, _ := s.Lookup(k); f != nil {
					r = and(r, accept(f.Shape, f.Quoted, obj.vals[i]))
				}
			}
			return r
		}
	case Map:
		if obj, ok := v.(*jobj); ok {
			r := no
			for i, k := range obj.keys {
				if s.Key.Kind == Number && s.Key.Method == nil {
					r = and(r, parseNumber(k, s.Key.Number))
				}
				r = and(r, accept(s.Elem, false, obj.vals[i]))
			}
			return r
		}
	}
	return yes
}

// acceptQuoted is accept for the content of the string a ",string" field
// receives (decode.go literalStore with fromQuoted).
func acceptQuoted(s *Shape, lit string) tri {
	if lit == "" {
		return yes
	}
	switch {
	case s.Kind == Unsupported:
		return unknown
	case s.Method != nil && s.Method.Name() == "UnmarshalJSON" && s.Format == "":
		return no
	case s.Method != nil && s.Format == "":
		// UnmarshalText, after indirect; null skips it.
		if lit[0] == 'n' {
			if lit == "null" {
				return no
			}
			return yes
		}
		if lit[0] != '"' {
			return yes
		}
		if _, err := unquoteJSON(lit); err != nil {
			return yes
		}
		return no
	case s.Format == "date-time":
		if lit == "null" {
			return no
		}
		str, err := unquoteJSON(lit)
		if _, perr := time.Parse(time.RFC3339, str); err != nil || perr != nil {
			return yes
		}
		return no
	}
	switch c := lit[0]; {
	case c == 'n':
		if lit == "null" {
			return no
		}
	case c == 't' || c == 'f':
		if (lit == "true" || lit == "false") && s.Kind == Bool {
			return no
		}
	case c == '"':
		str, err := unquoteJSON(lit)
		if err != nil {
			return yes
		}
		if s.Kind == String && !s.Base64 {
			return no
		}
		if s.Kind == Number && s.Number.JSONNumber && numberRE.MatchString(str) {
			return no
		}
	case c == '-' || '0' <= c && c <= '9':
		if s.Kind == Number {
			if s.Number.JSONNumber {
				return no
			}
			return parseNumber(lit, s.Number)
		}
	}
	return yes
}
