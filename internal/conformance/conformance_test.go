// Package conformance_test proves faasvet's handler-signature verdicts
// against the real runtimes: every case of package cases is run on its
// platform's SDK and analysed by the faashandler analyzer, and the two
// must agree. When they do not, the runtime is right.
package conformance_test

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/internal/conformance/cases"
)

func TestMain(m *testing.M) {
	if id := os.Getenv(envCase); id != "" {
		os.Exit(serveFunctionsFramework(id, os.Getenv(envPort)))
	}
	os.Exit(m.Run())
}

// finding is what faasvet says about one case.
type finding struct {
	registrar string   // the registration faasvet recognised; "" if none
	argType   string   // the registered value's type, as reflect writes it
	messages  []string // handler-signature diagnostics
}

func TestConformance(t *testing.T) {
	if len(cases.Table) < 40 {
		t.Fatalf("only %d cases", len(cases.Table))
	}
	seen := map[string]bool{}
	for _, c := range cases.Table {
		if seen[c.ID] {
			t.Fatalf("case %s is in the table twice", c.ID)
		}
		seen[c.ID] = true
	}

	findings := analyse(t)

	verdicts := make([]verdict, len(cases.Table))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8) // child processes and servers at once
	for i, c := range cases.Table {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			verdicts[i] = runtimeVerdict(c)
		})
	}
	wg.Wait()

	perKind := map[cases.Kind]int{}
	platforms := map[string]bool{}
	valid := 0
	for i, c := range cases.Table {
		perKind[c.Kind]++
		platforms[c.Kind.Platform()] = true
		if c.Valid {
			valid++
		}
		rt, fv := verdicts[i], findings[c.ID]
		t.Run(c.ID, func(t *testing.T) {
			if fv.registrar == "" {
				t.Fatalf("faasvet does not see the registration of %s", c.ID)
			}
			if want := reflectString(reflect.TypeOf(c.Fn)); normalize(fv.argType) != normalize(want) {
				t.Errorf("the table registers a %s but Register a %s: the two have drifted apart", want, fv.argType)
			}
			said := "no finding"
			if len(fv.messages) > 0 {
				said = strings.Join(fv.messages, "; ")
			}
			t.Logf("runtime %s; faasvet: %s", rt, said)
			if rt.ok == (len(fv.messages) > 0) {
				t.Errorf("disagreement on %s (%s, registered with %s):\n\truntime: %s\n\tfaasvet: %s",
					c.ID, c.Kind.Platform(), fv.registrar, rt, said)
			}
			if rt.ok != c.Valid {
				t.Errorf("the table says valid=%v, but the runtime %s", c.Valid, rt)
			}
		})
	}
	var kinds []string
	for k, n := range perKind {
		kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
	}
	sort.Strings(kinds)
	t.Logf("%d cases on %d platforms (%s): %d valid, %d invalid", len(cases.Table), len(platforms),
		strings.Join(kinds, ", "), valid, len(cases.Table)-valid)
}

// analyse runs the faashandler analyzer on package cases and returns its
// findings by case ID. The case of a registration is the comment on its
// line in Register.
func analyse(t *testing.T) map[string]*finding {
	t.Helper()
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo,
	}
	pkgs, err := packages.Load(cfg, "./cases")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 || len(pkgs) != 1 {
		t.Fatalf("cannot load package cases")
	}
	pkg := pkgs[0]

	ids := map[string]bool{}
	for _, c := range cases.Table {
		ids[c.ID] = true
	}
	lines := map[int]string{} // line of register.go -> case ID
	out := map[string]*finding{}
	var file *ast.File
	for _, f := range pkg.Syntax {
		if filepath.Base(pkg.Fset.File(f.Pos()).Name()) == "register.go" {
			file = f
		}
	}
	if file == nil {
		t.Fatal("package cases has no register.go")
	}
	for _, g := range file.Comments {
		for _, cm := range g.List {
			id := strings.TrimSpace(strings.TrimPrefix(cm.Text, "//"))
			if !ids[id] {
				continue
			}
			if out[id] != nil {
				t.Fatalf("case %s is registered twice", id)
			}
			lines[pkg.Fset.Position(cm.Pos()).Line] = id
			out[id] = &finding{}
		}
	}
	for id := range ids {
		if out[id] == nil {
			t.Fatalf("case %s has no registration in register.go", id)
		}
	}
	lineOf := func(p token.Pos) int { return pkg.Fset.Position(p).Line }
	inRegister := func(p token.Pos) bool { return pkg.Fset.File(p) == pkg.Fset.File(file.Pos()) }

	// The registered value's type, to check it against the table's value.
	ast.Inspect(file, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) == 0 {
			return true
		}
		if id, ok := lines[lineOf(call.Pos())]; ok {
			out[id].argType = typeString(pkg.TypesInfo.TypeOf(call.Args[len(call.Args)-1]))
		}
		return false
	})

	g, err := checker.Analyze([]*analysis.Analyzer{handler.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for act := range g.All() {
		if !act.IsRoot || act.Analyzer != handler.Analyzer {
			continue
		}
		if act.Err != nil {
			t.Fatalf("faashandler: %v", act.Err)
		}
		for _, fn := range act.Result.(*handler.Summary).Functions {
			if id, ok := lines[lineOf(fn.Pos)]; ok && inRegister(fn.Pos) {
				out[id].registrar = fn.Registrar
				if kind := kindOf(fn.Registrar); kind != caseKind(id) {
					t.Errorf("case %s is a %s case, but faasvet sees a %s registration", id, caseKind(id), fn.Registrar)
				}
			}
		}
		for _, d := range act.Diagnostics {
			if d.Category != "handler-signature" {
				continue
			}
			id, ok := lines[lineOf(d.Pos)]
			if !ok || !inRegister(d.Pos) {
				t.Errorf("handler-signature finding outside a registration: %s: %s", pkg.Fset.Position(d.Pos), d.Message)
				continue
			}
			out[id].messages = append(out[id].messages, d.Message)
		}
	}
	return out
}

func caseKind(id string) cases.Kind {
	for _, c := range cases.Table {
		if c.ID == id {
			return c.Kind
		}
	}
	return ""
}

func kindOf(registrar string) cases.Kind {
	switch {
	case strings.HasPrefix(registrar, "lambda."):
		return cases.Lambda
	case registrar == "functions.Typed":
		return cases.Typed
	case registrar == "funcframework.RegisterEventFunctionContext":
		return cases.Event
	case registrar == "client.StartReceiver":
		return cases.Receiver
	}
	return ""
}

// typeString writes t as reflect.Type.String does: package names, and
// no parameter names.
func typeString(t types.Type) string {
	qual := func(p *types.Package) string { return p.Name() }
	sig, ok := t.Underlying().(*types.Signature)
	if !ok || types.Unalias(t) != t.Underlying() {
		return types.TypeString(t, qual)
	}
	list := func(tup *types.Tuple, variadic bool) []string {
		var s []string
		for i := range tup.Len() {
			ts := types.TypeString(tup.At(i).Type(), qual)
			if variadic && i == tup.Len()-1 {
				ts = "..." + types.TypeString(tup.At(i).Type().(*types.Slice).Elem(), qual)
			}
			s = append(s, ts)
		}
		return s
	}
	s := "func(" + strings.Join(list(sig.Params(), sig.Variadic()), ", ") + ")"
	switch res := list(sig.Results(), false); len(res) {
	case 0:
	case 1:
		s += " " + res[0]
	default:
		s += " (" + strings.Join(res, ", ") + ")"
	}
	return s
}

func reflectString(t reflect.Type) string { return t.String() }

// normalize makes go/types' and reflect's spellings of a type comparable.
func normalize(s string) string {
	s = strings.Join(strings.Fields(s), "")
	return strings.ReplaceAll(s, "interface{}", "any")
}
