package handler

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/faasvet/faasvet/analyzer/internal/analysisutil"
	"github.com/faasvet/faasvet/analyzer/internal/flow"
	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/directive"
)

//go:embed doc.go
var doc string

// Analyzer finds the FaaS handlers of a package. Its result is a *Summary.
var Analyzer = &analysis.Analyzer{
	Name:       "faashandler",
	Doc:        analysisutil.MustExtractDoc(doc, "faashandler"),
	URL:        checks.Lookup("handler-signature").URL(),
	Requires:   []*analysis.Analyzer{inspect.Analyzer, flow.Analyzer},
	ResultType: typeOfSummary,
	FactTypes:  []analysis.Fact{new(RegistersFact)},
	Run:        analysisutil.Safe(run, func() *Summary { return &Summary{Directives: &directive.Set{}} }),
}

var typeOfSummary = reflectTypeOf((*Summary)(nil))

// Import paths of the SDK entry points.
const (
	lambdaPath      = "github.com/aws/aws-lambda-go/lambda"
	lambdaURLPath   = "github.com/aws/aws-lambda-go/lambdaurl"
	functionsPath   = "github.com/GoogleCloudPlatform/functions-framework-go/functions"
	funcframePath   = "github.com/GoogleCloudPlatform/functions-framework-go/funcframework"
	ceClientPath    = "github.com/cloudevents/sdk-go/v2/client"
	ceEventPath     = "github.com/cloudevents/sdk-go/v2/event"
	ceProtocolPath  = "github.com/cloudevents/sdk-go/v2/protocol"
	openfaasSDKPath = "github.com/openfaas/templates-sdk/go-http"
)

// Registers reports whether path is a package whose functions register
// a handler with a platform (lambda.Start and the like, as call
// recognises them). A dependency that imports one may be a wrapper of
// it; the driver reads such dependencies from source
// (internal/driver/deps.go).
func Registers(path string) bool {
	switch path {
	case lambdaPath, lambdaURLPath, functionsPath, funcframePath, ceClientPath:
		return true
	}
	return false
}

type finder struct {
	pass  *analysis.Pass
	sum   *Summary
	flow  *flow.Result // its Index is built when a registration needs it
	decls map[*types.Func]*ast.FuncDecl
	// usedDocs are the declarations whose directives name a handler
	// registered inside them (func main() { lambda.Start(...) }).
	usedDocs map[*ast.FuncDecl]bool
	// starters are this package's funcs that start a handler of their
	// own (wrapper.go).
	starters map[*types.Func]*RegistersFact
	env      env
	dir      string // base name of the package directory
}

func run(pass *analysis.Pass) (*Summary, error) {
	set := directive.Collect(pass.Files)
	ig := directive.NewIgnores(pass.Fset, pass.Files, set.Directives)
	analysisutil.Filter(pass, ig)
	for _, e := range set.Errors {
		analysisutil.Report(pass, "directive", "", pos(e.Pos), e.Msg)
	}
	f := &finder{
		pass:     pass,
		sum:      &Summary{Directives: set, Ignores: ig},
		flow:     pass.ResultOf[flow.Analyzer].(*flow.Result),
		decls:    map[*types.Func]*ast.FuncDecl{},
		usedDocs: map[*ast.FuncDecl]bool{},
	}
	f.env.context = findContext(pass.Pkg)
	f.env.qual = flow.Qualifier(pass.Pkg)
	if len(pass.Files) > 0 {
		f.dir = filepath.Base(filepath.Dir(pass.Fset.File(pass.Files[0].Pos()).Name()))
	}
	insp := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	for _, file := range pass.Files {
		for _, d := range file.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					f.decls[fn] = fd
				}
			}
		}
	}

	registered := map[*types.Func]bool{}
	insp.WithStack([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push || f.inTestFile(n) {
			return true
		}
		if fn := f.call(n.(*ast.CallExpr), stack); fn != nil {
			if fn.Handler != nil {
				registered[fn.Handler] = true
			}
			for _, h := range fn.Alternatives {
				registered[h] = true
			}
			f.sum.Functions = append(f.sum.Functions, fn)
		}
		return true
	})
	f.propagateStarters()
	f.openFaaS(registered)
	f.declared(registered)
	f.candidates()
	f.name()
	f.routes()
	return f.sum, nil
}

func pos(p token.Pos) analysis.Range { return rng{p, p} }

type rng struct{ pos, end token.Pos }

func (r rng) Pos() token.Pos { return r.pos }
func (r rng) End() token.Pos { return r.end }

func (f *finder) inTestFile(n ast.Node) bool {
	return strings.HasSuffix(f.pass.Fset.File(n.Pos()).Name(), "_test.go")
}

// findContext finds context.Context among the package's imports.
func findContext(pkg *types.Package) *types.Interface {
	if t := flow.LookupType(pkg, "context", "Context"); t != nil {
		iface, _ := t.Underlying().(*types.Interface)
		return iface
	}
	return nil
}

// call recognises a registration call and returns the function it
// registers, reporting its signature problems.
func (f *finder) call(call *ast.CallExpr, stack []ast.Node) *Function {
	callee := typeutil.Callee(f.pass.TypesInfo, call)
	fn, ok := callee.(*types.Func)
	if !ok || fn.Pkg() == nil {
		return f.unresolved(call, stack) // failed.go
	}
	name := fn.Name()
	var arg, nameArg ast.Expr
	argAt := func(i int) ast.Expr {
		if 0 <= i && i < len(call.Args) {
			return call.Args[i]
		}
		return nil
	}
	out := &Function{Pos: call.Pos()}
	var csig *types.Signature // the signature a closure wrapper registers
	checkHere := true         // false when the closure wrapper's package checked it
	switch reg, ok := registrarOf(fn.Pkg().Path(), name, fn.Signature().Recv() != nil); {
	case ok:
		out.Platform, out.Registrar, out.Style = reg.platform, reg.label, reg.style
		arg, nameArg = argAt(reg.arg-1), argAt(reg.name-1)
		if obj, ok := fn.Pkg().Scope().Lookup("Handler").(*types.TypeName); ok && reg.platform == Lambda && fn.Pkg().Path() == lambdaPath {
			f.env.handler, _ = obj.Type().Underlying().(*types.Interface)
		}
	case registrars[fn.Pkg().Path()] != nil:
		return nil // another func of an SDK package
	default:
		// A func of another package that registers one of its
		// parameters as a handler (a wrapper of lambda.Start and the
		// like): this call registers the argument.
		var rf RegistersFact
		if fn.Pkg() == f.pass.Pkg || !f.pass.ImportObjectFact(fn.Origin(), &rf) {
			return nil
		}
		out.Platform, out.Registrar, out.Style, out.Wrapper = rf.Platform, rf.Registrar, rf.Style, fn.Pkg().Name()+"."+fn.Name()
		if rf.Param == 0 {
			return f.starts(out, fn, &rf, stack)
		}
		arg = argAt(rf.Param - 1)
		if rf.NameParam > 0 {
			nameArg = argAt(rf.NameParam - 1)
		}
		if rf.Closure {
			var targs *types.TypeList
			if id := flow.CalleeIdent(call.Fun); id != nil {
				targs = f.pass.TypesInfo.Instances[id].TypeArgs
			}
			if csig = f.closureSig(&rf, targs); csig == nil {
				return nil // a type this package cannot see
			}
			checkHere = slices.ContainsFunc(append(slices.Clip(rf.ClosureParams), rf.ClosureResults...), func(s TypeSlot) bool { return s.TypeParam > 0 })
		}
	}
	if arg == nil {
		return nil
	}
	if f.wrapper(out, arg, nameArg, csig, stack) {
		return nil // registers its caller's handler: a function at each call
	}
	if csig == nil && f.closureWrapper(out, arg, nameArg, stack) {
		return nil // registers its caller's handler, wrapped: a function at each call
	}
	// A handler chosen at run time among a few funcs (choice.go): the
	// first is checked below as the handler, the others after it.
	var alts []ast.Expr
	at, choice := arg, ""
	if t := f.pass.TypesInfo.TypeOf(arg); csig == nil && t != nil && (isEmptyInterface(t) || isFuncVar(f.pass.TypesInfo, arg)) {
		cands, why := f.choices(arg)
		if why != "" && !isEmptyInterface(t) {
			cands = nil // a func value the function is registered with, as before, without its candidates' calls
		} else if why != "" {
			f.reportChoice(out, arg, "is chosen at run time, and faasvet cannot follow the choice: "+why+"; no function is registered here (declare the function with //faas:function NAME on its handler)")
			return nil
		}
		switch {
		case len(cands) == 1:
			arg = cands[0] // one handler, assigned on every path
		case len(cands) > 1:
			arg, alts, choice = cands[0], cands[1:], flow.ExprString(cands[0])
		}
	}
	// A starter registers a handler of its own: its signature is checked
	// here, and the function is each program that calls it (starts).
	starter := f.starter(out, arg, alts, stack)
	if f.env.context == nil {
		f.env.context = contextFrom(fn)
	}
	t := f.pass.TypesInfo.TypeOf(arg)
	if csig != nil {
		t = csig
	}
	if t == nil {
		return nil
	}
	if types.IsInterface(t) {
		// The static type hides the handler: trace a variable to its value.
		if v := f.valueOf(arg); v != nil {
			if vt := f.pass.TypesInfo.TypeOf(v); vt != nil && !types.IsInterface(vt) {
				arg, t = v, vt
			}
		}
	}
	instrumented := false
	if types.IsInterface(t) && !isLambdaHandlerIface(t, f.env.handler) {
		// lambda.Start(ddlambda.WrapFunction(h, cfg)),
		// otellambda.InstrumentHandler(h): an instrumenting wrapper
		// takes the handler as any and returns it wrapped, as any, for
		// the runtime to reflect on. The handler is the one func
		// argument; its payload types are the wire's.
		if h, wrapper := f.instrumented(arg); h != nil {
			arg, t, instrumented = h, f.pass.TypesInfo.TypeOf(h), true
			out.Wrapper = wrapper
		}
	}
	if types.IsInterface(t) && (out.Platform != Lambda || !isLambdaHandlerIface(t, f.env.handler)) {
		return nil // a handler we cannot see, such as a lambda.Handler from NewHandler
	}
	if isLambdaHandlerIface(t, f.env.handler) && out.Platform == Lambda && isNewHandlerCall(f.pass.TypesInfo, arg) {
		return nil // lambda.Start(lambda.NewHandler(h)): the inner call registers h
	}
	if len(flow.TypeParams(t)) > 0 {
		return nil // instantiated elsewhere: the runtime sees another type
	}
	f.nameHandler(out, arg, t, nameArg, fn.Name())
	if sig, ok := t.Underlying().(*types.Signature); ok {
		out.Signature = sig
	}
	out.Directives = f.directivesFor(out.Handler, stack)
	// Through an instrumenting wrapper the wrapper's own checks decide
	// what fails, and they are not known here: no signature finding.
	rej := f.classify(out, t)
	if rej != nil && checkHere && !instrumented {
		f.reportSignature(out, arg, t, rej, choice)
	}
	if len(alts) > 0 && !f.choose(out, alts, rej != nil, checkHere) {
		f.reportChoice(out, at, fmt.Sprintf("is chosen at run time among %s, which do not take and return the same payload types: routes to this function are checked without a payload type", candidateNames(out)))
	}
	// A starter's function stays in the summary, for a run that sees no
	// program calling it; the link stage drops it for the programs'.
	out.Starter = starter
	return out
}

// nameHandler fills in the function's handler (the declared func behind arg,
// and where it is), its Go name, and the name the registrar gives it when
// nameArg is a constant (funcframework's Register* trim its slashes).
func (f *finder) nameHandler(out *Function, arg ast.Expr, t types.Type, nameArg ast.Expr, registrar string) {
	out.Handler, out.HandlerAt = f.handlerDecl(arg)
	switch {
	case out.Handler != nil:
		out.HandlerName = out.Handler.Name()
		if recv := out.Handler.Signature().Recv(); recv != nil {
			if n, ok := types.Unalias(derefType(recv.Type())).(*types.Named); ok {
				out.HandlerName = n.Obj().Name() + "." + out.Handler.Name()
			}
		}
	case !isFuncLit(f.valueOf(arg)):
		if n, ok := types.Unalias(derefType(t)).(*types.Named); ok {
			out.HandlerName = n.Obj().Name()
		}
	}
	if nameArg == nil {
		return
	}
	if tv, ok := f.pass.TypesInfo.Types[nameArg]; ok && tv.Value != nil && tv.Value.Kind() == constant.String {
		n := constant.StringVal(tv.Value)
		if strings.HasPrefix(registrar, "Register") {
			n = strings.Trim(n, "/")
		}
		if n != "" {
			out.Name, out.NameSource = n, NameRegistered
		}
	}
}

// classify sets the function's style and payload types from the handler
// type t, as its registrar reads it, and returns why the registrar
// rejects t, if it does.
func (f *finder) classify(out *Function, t types.Type) *rejection {
	var rej *rejection
	switch out.Registrar {
	case "lambda.Start", "lambda.StartWithOptions", "lambda.StartWithContext", "lambda.NewHandler", "lambda.NewHandlerWithOptions",
		"lambda.StartHandler", "lambda.StartHandlerWithContext", "lambda.StartHandlerFunc":
		s, r := checkLambda(t, f.env)
		rej = r
		switch {
		case s.raw:
			out.Style = Raw
		default:
			out.Style = JSON
			out.Input, out.Output, out.OutputNull = s.input, s.output, s.outputNull
		}
	case "functions.Typed":
		s, r := checkTyped(t, f.env)
		rej, out.Style = r, JSON
		out.Input, out.Output = s.input, s.output
	case "funcframework.RegisterEventFunction", "funcframework.RegisterEventFunctionContext":
		in, r := checkEvent(t, f.env)
		rej, out.Style, out.Input = r, JSON, in
	case "functions.HTTP", "funcframework.RegisterHTTPFunction", "funcframework.RegisterHTTPFunctionContext":
		out.Style = HTTP
		if out.Registrar == "funcframework.RegisterHTTPFunction" {
			if !isHTTPHandlerFunc(t) {
				rej = &rejection{"", "expected function to have signature func(http.ResponseWriter, *http.Request)"}
			}
		}
	case "functions.CloudEvent", "funcframework.RegisterCloudEventFunctionContext":
		out.Style = CloudEvent
	case "client.StartReceiver":
		event := flow.LookupType(f.pass.Pkg, ceEventPath, "Event")
		result := flow.LookupType(f.pass.Pkg, ceProtocolPath, "Result")
		if event != nil && result != nil {
			rej = checkReceiver(t, f.env, event, result)
		}
	}
	return rej
}

// reportSignature reports a handler that the registrar rejects; choice
// names the candidate, when the handler is chosen at run time.
func (f *finder) reportSignature(fn *Function, arg ast.Expr, t types.Type, rej *rejection, choice string) {
	what := "is rejected by the runtime, which then fails every invocation"
	switch fn.Platform {
	case Lambda:
		if rej.variant == "" {
			what = "is accepted by aws-lambda-go at start, which then fails every invocation with this error"
		} else {
			what = "fails every invocation under aws-lambda-go"
		}
	case CloudFunctions:
		what = "is rejected by functions-framework-go when it starts serving (funcframework.Start returns the error)"
		if rej.variant != "" {
			what = "fails every invocation under functions-framework-go"
		}
		if fn.Registrar == "funcframework.RegisterHTTPFunction" {
			what = "makes funcframework.RegisterHTTPFunction panic"
		}
	case CloudEvents:
		what = "is rejected by client.StartReceiver, which returns this error"
		if rej.variant != "" {
			what = "is accepted by client.StartReceiver, which then fails every event"
		}
	}
	ts := f.typeString(t)
	registrar := fn.Registrar
	if fn.Wrapper != "" {
		registrar = fn.Wrapper + " (" + fn.Registrar + ")"
	}
	if choice != "" {
		ts = choice + " (one of the handlers chosen at run time) " + ts
	}
	msg := fmt.Sprintf("%s handler %s %s: %s", registrar, ts, what, rej.msg)
	var related []analysis.RelatedInformation
	if fn.Handler != nil && fn.HandlerAt != arg.Pos() {
		related = append(related, analysis.RelatedInformation{Pos: fn.HandlerAt, Message: "handler declared here"})
	}
	analysisutil.Report(f.pass, "handler-signature", rej.variant, rng{arg.Pos(), arg.End()}, msg, related...)
}

// instrumented returns the handler that an instrumenting wrapper call
// takes, and the wrapper's name: arg (or the value a variable holds) is
// a call of a func of another package whose results are one empty
// interface, and exactly one of its arguments is a func value.
func (f *finder) instrumented(arg ast.Expr) (ast.Expr, string) {
	call, ok := ast.Unparen(f.valueOf(arg)).(*ast.CallExpr)
	if !ok {
		return nil, ""
	}
	fn, ok := typeutil.Callee(f.pass.TypesInfo, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg() == f.pass.Pkg {
		return nil, ""
	}
	res := fn.Signature().Results()
	if res.Len() != 1 || !isEmptyInterface(res.At(0).Type()) {
		return nil, ""
	}
	h := f.soleFuncArg(call.Args)
	if h == nil {
		return nil, ""
	}
	return h, fn.Pkg().Name() + "." + fn.Name()
}

// soleFuncArg is the one argument, followed to its value, whose type is
// a func: the handler that an instrumenting wrapper takes. Nil when no
// argument is a func, or several are (which one is the handler is not
// known).
func (f *finder) soleFuncArg(args []ast.Expr) ast.Expr {
	var h ast.Expr
	for _, a := range args {
		v := f.valueOf(a)
		if t := f.pass.TypesInfo.TypeOf(v); t != nil {
			if _, isFunc := t.Underlying().(*types.Signature); isFunc {
				if h != nil {
					return nil
				}
				h = v
			}
		}
	}
	return h
}

func isEmptyInterface(t types.Type) bool {
	i, ok := t.Underlying().(*types.Interface)
	return ok && i.Empty()
}

// valueOf follows a variable to the one value assigned to it.
func (f *finder) valueOf(e ast.Expr) ast.Expr {
	return f.flow.Index().ValueOf(e)
}

// handlerDecl returns the declared function behind a handler expression,
// and the position of its declaration (or of the literal).
func (f *finder) handlerDecl(arg ast.Expr) (*types.Func, token.Pos) {
	e := ast.Unparen(f.valueOf(arg))
	switch e := e.(type) {
	case *ast.Ident:
		if fn, ok := f.pass.TypesInfo.Uses[e].(*types.Func); ok {
			return fn, fn.Pos()
		}
	case *ast.SelectorExpr:
		if sel, ok := f.pass.TypesInfo.Selections[e]; ok {
			if fn, ok := sel.Obj().(*types.Func); ok && sel.Kind() == types.MethodVal {
				return fn, fn.Pos()
			}
		} else if fn, ok := f.pass.TypesInfo.Uses[e.Sel].(*types.Func); ok {
			return fn, fn.Pos()
		}
	case *ast.CallExpr: // a conversion: http.HandlerFunc(serve)
		if tv, ok := f.pass.TypesInfo.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return f.handlerDecl(e.Args[0])
		}
	case *ast.IndexExpr: // an explicit instantiation: handle[Order]
		return f.handlerDecl(e.X)
	case *ast.IndexListExpr:
		return f.handlerDecl(e.X)
	case *ast.FuncLit:
		return nil, e.Pos()
	}
	return nil, arg.Pos()
}

// directivesFor returns the //faas: directives on the handler's
// declaration, else on the declaration enclosing the registration.
func (f *finder) directivesFor(handler *types.Func, stack []ast.Node) []*directive.Directive {
	if handler != nil {
		if d := f.decls[handler.Origin()]; d != nil {
			if ds := topology(d.Doc); len(ds) > 0 {
				return ds
			}
		}
	}
	for i := len(stack) - 1; i >= 0; i-- {
		if d, ok := stack[i].(*ast.FuncDecl); ok {
			ds := topology(d.Doc)
			if len(ds) > 0 {
				f.usedDocs[d] = true
			}
			return ds
		}
	}
	return nil
}

func topology(doc *ast.CommentGroup) []*directive.Directive {
	var out []*directive.Directive
	for _, d := range directive.InDoc(doc) {
		if d.Verb != directive.Ignore {
			out = append(out, d)
		}
	}
	return out
}

// openFaaS finds the handler of an OpenFaaS Go template: an exported func
// Handle in a package named function.
func (f *finder) openFaaS(registered map[*types.Func]bool) {
	if f.pass.Pkg.Name() != "function" {
		return
	}
	obj, ok := f.pass.Pkg.Scope().Lookup("Handle").(*types.Func)
	if !ok || registered[obj] || f.decls[obj] == nil {
		return
	}
	sig := obj.Signature()
	out := &Function{Platform: OpenFaaS, Registrar: "openfaas", Pos: obj.Pos(), Handler: obj, HandlerName: obj.Name(), HandlerAt: obj.Pos(), Signature: sig,
		Directives: topology(f.decls[obj].Doc)}
	switch {
	case isHTTPHandlerFunc(sig):
		out.Style = HTTP // golang-middleware
	case isGoHTTPHandle(sig):
		out.Style = HTTP // golang-http
	case isClassicHandle(sig):
		out.Style = Raw // the classic go template
	default:
		if !imports(f.pass.Pkg, openfaasSDKPath) {
			return // a package named function that is no OpenFaaS handler
		}
		analysisutil.Report(f.pass, "handler-signature", "openfaas", rng{f.decls[obj].Name.Pos(), f.decls[obj].Name.End()},
			fmt.Sprintf("openfaas handler Handle has signature %s, which the golang-http template cannot call (its main does not compile): want func(handler.Request) (handler.Response, error)",
				f.typeString(sig)))
		return
	}
	registered[obj] = true
	f.sum.Functions = append(f.sum.Functions, out)
}

// declared adds the funcs that carry //faas:function and that no platform
// registration found.
func (f *finder) declared(registered map[*types.Func]bool) {
	var decls []*ast.FuncDecl
	for _, d := range f.decls {
		decls = append(decls, d)
	}
	slices.SortFunc(decls, func(a, b *ast.FuncDecl) int { return int(a.Pos() - b.Pos()) })
	for _, d := range decls {
		fn := f.pass.TypesInfo.Defs[d.Name].(*types.Func)
		ds := topology(d.Doc)
		if registered[fn] || !slices.ContainsFunc(ds, func(d *directive.Directive) bool { return d.Verb == directive.Function }) {
			continue
		}
		if f.usedDocs[d] {
			continue // it names a handler registered inside this declaration
		}
		sig := fn.Signature()
		out := &Function{Platform: Declared, Style: JSON, Pos: d.Name.Pos(), Handler: fn, HandlerName: fn.Name(), HandlerAt: fn.Pos(), Signature: sig, Directives: ds}
		out.Input, out.Output, out.OutputNull = declaredPayload(sig)
		f.sum.Functions = append(f.sum.Functions, out)
	}
}

// declaredPayload reads a declared function's payload types the way a
// typed handler has them: the last non-context parameter in, the first
// non-error result out.
func declaredPayload(sig *types.Signature) (in, out types.Type, null bool) {
	for i := range sig.Params().Len() {
		t := sig.Params().At(i).Type()
		if n, ok := types.Unalias(t).(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context" {
			continue
		}
		in = t
	}
	res := sig.Results()
	if res.Len() > 0 && !types.Identical(res.At(0).Type(), errorType) {
		return in, res.At(0).Type(), false
	}
	return in, nil, true
}

// name gives every function its name: registered, else //faas:function,
// else the package directory. Several functions of one package that would
// all take the directory's name are told apart by their handler's name.
func (f *finder) name() {
	for _, fn := range f.sum.Functions {
		if fn.NameSource == NameRegistered {
			continue
		}
		for _, d := range fn.Directives {
			if d.Verb == directive.Function && len(d.Words) > 0 {
				fn.Name, fn.NameSource = d.Words[0], NameDirective
			}
		}
	}
	var derived []*Function
	for _, fn := range f.sum.Functions {
		if fn.Name == "" {
			derived = append(derived, fn)
		}
	}
	distinct := map[token.Pos]bool{}
	for _, fn := range derived {
		distinct[fn.HandlerAt] = true
	}
	for _, fn := range derived {
		fn.Name, fn.NameSource = f.dir, NamePackage
		if len(distinct) > 1 {
			if fn.HandlerName != "" {
				fn.Name = f.dir + "." + fn.HandlerName
			} else {
				p := f.pass.Fset.Position(fn.HandlerAt)
				fn.Name = fmt.Sprintf("%s.func@%s:%d", f.dir, path.Base(p.Filename), p.Line)
			}
		}
	}
	// Duplicates within the package: two registrations of one name.
	seen := map[string]*Function{}
	for _, fn := range f.sum.Functions {
		if fn.NameSource == NamePackage {
			continue
		}
		if prev, ok := seen[fn.Name]; ok && prev.HandlerAt != fn.HandlerAt {
			analysisutil.Report(f.pass, "duplicate-function", "", pos(fn.Pos),
				fmt.Sprintf("function name %q is already used by the %s handler at line %d: a deployment serves only one of them; give each its own name",
					fn.Name, prev.Registrar, f.pass.Fset.Position(prev.Pos).Line),
				analysis.RelatedInformation{Pos: prev.Pos, Message: "first registered here"})
			continue
		}
		seen[fn.Name] = fn
	}
}

func (f *finder) typeString(t types.Type) string { return types.TypeString(t, f.env.qual) }
