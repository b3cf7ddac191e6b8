package cdkgo

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"
)

// CDK is the import path prefix of the AWS CDK's Go modules.
const CDK = "github.com/aws/aws-cdk-go/"

// maxFiles bounds the Go files of an app's module that are parsed.
const maxFiles = 2000

// maxFileSize bounds one Go file.
const maxFileSize = 4 << 20

// A pkg is one package of the app's module: its files and declarations.
type pkg struct {
	path  string // import path
	dir   string // relative to the root
	files []*file
	funcs map[string]*funcDecl
	// methods are the methods of the package's types, by Type.Method.
	methods map[string]*funcDecl
	vars    map[string]*varDecl
	types   map[string]*ast.StructType
}

type file struct {
	ast     *ast.File
	pkg     *pkg
	imports map[string]string // name in the file -> import path
}

// A funcDecl is a function of the app: a declared func or method, or a
// function literal with the frame it closes over.
type funcDecl struct {
	name string
	typ  *ast.FuncType
	body *ast.BlockStmt
	recv *ast.Field // a method's receiver
	file *file
	env  *frame // a function literal's enclosing frame
}

type varDecl struct {
	expr  ast.Expr // nil: declared without a value
	index int      // the value's index when one call gives several
	file  *file
	val   *value
	state int // 0 not evaluated, 1 evaluating, 2 done
}

// loader parses the Go files of the module that holds an app.
type loader struct {
	fset  *token.FileSet
	root  string // absolute
	pkgs  map[string]*pkg
	notes []Note
}

// modRoot finds the directory of the go.mod above dir (relative to the
// root, not above it), and its module path.
func modRoot(root, dir string) (string, string) {
	for d := dir; ; d = path.Dir(d) {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(d), "go.mod"))
		if err == nil {
			return d, modfile.ModulePath(data)
		}
		if d == "." || d == "/" || d == "" {
			return "", ""
		}
	}
}

// load parses the packages of the module at modDir (relative to the
// root) whose path is modPath.
func (l *loader) load(modDir, modPath string) {
	abs := filepath.Join(l.root, filepath.FromSlash(modDir))
	n := 0
	_ = filepath.WalkDir(abs, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != abs && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "node_modules" || name == "vendor" || name == "testdata" || name == "cdk.out") {
				return filepath.SkipDir
			}
			if p != abs {
				if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
					return filepath.SkipDir // another module
				}
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		if st, err := d.Info(); err != nil || st.Size() > maxFileSize {
			return nil
		}
		n++
		if n > maxFiles {
			return filepath.SkipAll
		}
		rel, err := filepath.Rel(l.root, p)
		if err != nil {
			return nil
		}
		rel = filepath.ToSlash(rel)
		src, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		f, err := parser.ParseFile(l.fset, rel, src, parser.SkipObjectResolution)
		if err != nil || f == nil || f.Name == nil {
			l.notes = append(l.notes, Note{Pos: Pos{File: rel}, Msg: "the Go file does not parse, so the CDK constructs it declares are not seen"})
			return nil
		}
		dir := path.Dir(rel)
		sub := strings.TrimPrefix(strings.TrimPrefix(dir, modDir), "/")
		if modDir == "." {
			sub = dir
			if dir == "." {
				sub = ""
			}
		}
		ip := modPath
		if sub != "" {
			ip = modPath + "/" + sub
		}
		if f.Name.Name == "main" {
			ip = "main:" + dir // main packages are not imported
		}
		l.add(ip, dir, f)
		return nil
	})
}

func (l *loader) add(ip, dir string, f *ast.File) {
	pk := l.pkgs[ip]
	if pk == nil {
		pk = &pkg{path: ip, dir: dir, funcs: map[string]*funcDecl{}, methods: map[string]*funcDecl{}, vars: map[string]*varDecl{}, types: map[string]*ast.StructType{}}
		l.pkgs[ip] = pk
	}
	fl := &file{ast: f, pkg: pk, imports: map[string]string{}}
	pk.files = append(pk.files, fl)
	for _, is := range f.Imports {
		p, err := strconv.Unquote(is.Path.Value)
		if err != nil {
			continue
		}
		name := importName(p)
		if is.Name != nil {
			name = is.Name.Name
		}
		fl.imports[name] = p
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Body == nil {
				continue
			}
			fd := &funcDecl{name: d.Name.Name, typ: d.Type, body: d.Body, file: fl}
			if d.Recv == nil {
				pk.funcs[d.Name.Name] = fd
			} else if len(d.Recv.List) == 1 {
				fd.recv = d.Recv.List[0]
				if t := recvType(fd.recv.Type); t != "" {
					pk.methods[t+"."+d.Name.Name] = fd
				}
			}
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.ValueSpec:
					for i, n := range s.Names {
						vd := &varDecl{file: fl}
						switch {
						case len(s.Values) == len(s.Names):
							vd.expr = s.Values[i]
						case len(s.Values) == 1:
							vd.expr, vd.index = s.Values[0], i
						}
						pk.vars[n.Name] = vd
					}
				case *ast.TypeSpec:
					if st, ok := s.Type.(*ast.StructType); ok {
						pk.types[s.Name.Name] = st
					}
				}
			}
		}
	}
}

// importName is the package name an import path is used by when the
// import does not name it: the last element, without a major version
// suffix and the usual -go / go- affixes.
func importName(p string) string {
	elems := strings.Split(p, "/")
	last := elems[len(elems)-1]
	if len(elems) > 1 && len(last) > 1 && last[0] == 'v' && isDigits(last[1:]) {
		last = elems[len(elems)-2]
	}
	switch p {
	case "github.com/aws/jsii-runtime-go":
		return "jsii"
	}
	last = strings.TrimSuffix(strings.TrimPrefix(last, "go-"), "-go")
	return strings.ReplaceAll(last, "-", "")
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// importsCDK reports whether a package imports the AWS CDK.
func (p *pkg) importsCDK() bool {
	for _, f := range p.files {
		for _, ip := range f.imports {
			if strings.HasPrefix(ip, CDK) {
				return true
			}
		}
	}
	return false
}

// mainFunc returns the func main of a package, or nil.
func (p *pkg) mainFunc() *funcDecl {
	return p.funcs["main"]
}

// sortedPkgs lists the packages by import path.
func (l *loader) sortedPkgs() []*pkg {
	var out []*pkg
	for _, p := range l.pkgs {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *pkg) int { return strings.Compare(a.path, b.path) })
	return out
}

// recvType is the name of a receiver's type: T of T, *T, T[P].
func recvType(t ast.Expr) string {
	switch t := t.(type) {
	case *ast.StarExpr:
		return recvType(t.X)
	case *ast.IndexExpr:
		return recvType(t.X)
	case *ast.IndexListExpr:
		return recvType(t.X)
	case *ast.Ident:
		return t.Name
	}
	return ""
}
