package cdkgo

import (
	"bytes"
	"fmt"
	"go/token"
	"path"
	"path/filepath"
	"slices"

	"github.com/faasvet/faasvet/manifest/node"
)

// Pos is a position in a Go file, relative to the root.
type Pos = node.Pos

// A Note says what the reader could not follow, and where.
type Note struct {
	Pos Pos
	Msg string
}

// An App is a CDK app read from its Go source.
type App struct {
	// Dir is the app's directory (where cdk.json is and cdk synth runs),
	// relative to the root.
	Dir string
	// Main is the file of the app's func main.
	Main string
	// Template is the CloudFormation template that the constructs read
	// would synthesize to, as far as this reader knows them; each node's
	// position is the Go source that declares it. Functions carry their
	// code in Metadata: faasvet:code (a path relative to the root) and
	// faasvet:code-from.
	Template *node.Node
	// Files are the Go files parsed, sorted.
	Files []string
	Notes []Note
}

func loadApp(root, dir string) (*loader, *pkg) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, nil
	}
	modDir, modPath := modRoot(abs, dir)
	if modDir == "" || modPath == "" {
		return nil, nil
	}
	l := &loader{fset: token.NewFileSet(), root: abs, pkgs: map[string]*pkg{}}
	l.load(modDir, modPath)
	p := l.pkgs["main:"+dir]
	if p == nil || p.mainFunc() == nil || !p.importsCDK() {
		return nil, nil
	}
	return l, p
}

// Read reads the CDK app whose main package is in dir and whose
// directory, where cdk synth runs and relative code paths start, is
// appDir (both relative to root): the packages of its module, run from
// func main. It returns nil when dir holds no Go CDK app.
func Read(root, dir, appDir string) (a *App) {
	l, p := loadApp(root, dir)
	if l == nil {
		return nil
	}
	in := &interp{l: l, app: &app{dir: appDir, byKey: map[string]*resource{}, ids: map[string]bool{}},
		cwd: filepath.ToSlash(filepath.Join(l.root, filepath.FromSlash(appDir))), noted: map[string]bool{}}
	main := p.mainFunc()
	a = &App{Dir: appDir, Main: l.fset.Position(main.body.Pos()).Filename}
	defer func() {
		if r := recover(); r != nil {
			a.Template = nil
			a.Notes = append(a.Notes, Note{Pos: Pos{File: a.Main}, Msg: fmt.Sprintf("internal error reading the CDK app from its Go source (please report it): %v", r)})
		}
	}()
	in.call(main, nil, nil, main.body.Pos())
	if in.budget {
		in.l.notes = append(in.l.notes, Note{Pos: Pos{File: a.Main}, Msg: fmt.Sprintf("the CDK app takes more than %d steps to read: what it declares after that is not seen", maxSteps)})
	}
	a.Template = in.template()
	for _, pk := range l.sortedPkgs() {
		for _, f := range pk.files {
			a.Files = append(a.Files, l.fset.Position(f.ast.Pos()).Filename)
		}
	}
	slices.Sort(a.Files)
	a.Notes = l.notes
	slices.SortStableFunc(a.Notes, func(x, y Note) int {
		if c := compare(x.Pos, y.Pos); c != 0 {
			return c
		}
		if x.Msg < y.Msg {
			return -1
		}
		if x.Msg > y.Msg {
			return 1
		}
		return 0
	})
	return a
}

func compare(a, b Pos) int {
	switch {
	case a.File != b.File:
		if a.File < b.File {
			return -1
		}
		return 1
	case a.Line != b.Line:
		return a.Line - b.Line
	}
	return a.Col - b.Col
}

// template writes the resources as a CloudFormation template.
func (in *interp) template() *node.Node {
	res := mapNode(Pos{File: path.Clean(in.app.dir)})
	for _, r := range in.app.res {
		if r.drop != "" {
			r.props.Field = slices.DeleteFunc(r.props.Field, func(f *node.Field) bool { return f.Key == "Targets" })
			in.noteAt(r.pos, "rule %s: %s, so the routes of its targets are not drawn", r.id, r.drop)
		}
		body := mapNode(r.pos, "Type", lit(r.typ, r.pos), "Properties", r.props)
		if len(r.meta.Field) > 0 {
			set(body, "Metadata", r.meta)
		}
		res.Field = append(res.Field, &node.Field{Key: r.id, KeyPos: r.pos, Value: body})
	}
	return mapNode(res.Pos, "Resources", res)
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// MaybeApp reports whether a Go file's first bytes import the AWS CDK
// in package main: a cheap test before a directory is read.
func MaybeApp(head []byte) bool {
	return bytes.Contains(head, []byte(CDK)) && bytes.Contains(head, []byte("package main"))
}
