package sdkroute

import (
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// PassFact marks an exported func of one statement, return p (or &p, *p,
// or a conversion of p), that hands back its parameter Param (1-based):
// a generic PtrTo[T](v T) *T { return &v } or a ToString of a package
// that no SDK call needs. A message body or target passed through it in
// another package is its argument.
type PassFact struct {
	Param int
}

// AFact marks PassFact as an analysis fact.
func (*PassFact) AFact() {}

func (f *PassFact) String() string { return "passes" }

// exportPasses exports a PassFact on each such func of the package. It
// reads only funcs whose body is one return statement, so that it costs
// nothing on the packages that have none.
func exportPasses(pass *analysis.Pass) {
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || !fd.Name.IsExported() || fd.Body == nil || len(fd.Body.List) != 1 {
				continue
			}
			ret, ok := fd.Body.List[0].(*ast.ReturnStmt)
			if !ok || len(ret.Results) != 1 {
				continue
			}
			k := passedParam(pass.TypesInfo, fd, ret.Results[0])
			if k == 0 {
				continue
			}
			if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
				pass.ExportObjectFact(obj, &PassFact{Param: k})
			}
		}
	}
}

// passedParam returns the parameter (1-based) that e is, behind &, * and
// conversions; 0 when it is none.
func passedParam(info *types.Info, fd *ast.FuncDecl, e ast.Expr) int {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return 0
			}
			e = x.X
			continue
		case *ast.StarExpr:
			e = x.X
			continue
		case *ast.CallExpr:
			if tv, ok := info.Types[x.Fun]; !ok || !tv.IsType() || len(x.Args) != 1 {
				return 0
			}
			e = x.Args[0]
			continue
		case *ast.Ident:
			v, ok := info.Uses[x].(*types.Var)
			if !ok {
				return 0
			}
			k := 0
			for _, field := range fd.Type.Params.List {
				if len(field.Names) == 0 {
					k++
					continue
				}
				for _, n := range field.Names {
					k++
					if _, variadic := field.Type.(*ast.Ellipsis); !variadic && info.Defs[n] == v {
						return k
					}
				}
			}
		}
		return 0
	}
}

// passedArg returns the argument that a call of another package's
// PassFact func hands back.
func (x *index) passedArg(call *ast.CallExpr) (ast.Expr, bool) {
	fn, ok := typeutil.Callee(x.Info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg() == x.pass.Pkg || call.Ellipsis.IsValid() {
		return nil, false
	}
	var f PassFact
	if !x.pass.ImportObjectFact(fn.Origin(), &f) || f.Param < 1 || f.Param > len(call.Args) {
		return nil, false
	}
	return call.Args[f.Param-1], true
}
