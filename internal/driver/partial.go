package driver

import (
	"go/token"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"
)

// ownPartial says why p, whose own errors do not stop the type checker,
// can be analysed in part; "" when it cannot. It can when it has syntax
// and type information and each of its errors is one of:
//
//   - an import that failed ("could not import P": a module graph the go
//     command cannot resolve, a dependency the proxy refuses, a private
//     module out of reach): the type checker gives P as a fake package,
//     whose objects are unknown, and checks the rest;
//   - an error of go list that the type checker does not see, such as a
//     //go:embed pattern whose files are not in the repository.
//
// Any other error (a syntax error, a type error of its own) leaves the
// package out, as before.
func ownPartial(dir string, p *packages.Package) string {
	if len(p.Errors) == 0 || len(p.Syntax) == 0 || p.Types == nil || p.TypesInfo == nil {
		return ""
	}
	var listed, undefined, reasons []string
	byReason := map[string][]string{}
	for _, e := range p.Errors {
		switch e.Kind {
		case packages.TypeError:
			path, ok := failedImportPath(e.Msg)
			if !ok {
				// A package that an import which failed declares
				// under another name than its path's last element
				// (ddlambda for datadog-lambda-go): its uses stay
				// unresolved, as a fake package's selectors do.
				if name, ok := strings.CutPrefix(e.Msg, "undefined: "); ok && token.IsIdentifier(name) {
					undefined = append(undefined, name+" at "+relPos(dir, e.Pos))
					continue
				}
				return ""
			}
			reason := ""
			if imp := p.Imports[path]; imp != nil && len(imp.Errors) > 0 {
				reason = oneLine(imp.Errors[0].Msg)
			}
			if !slices.Contains(reasons, reason) {
				reasons = append(reasons, reason)
			}
			byReason[reason] = append(byReason[reason], path+" ("+relPos(dir, e.Pos)+")")
		case packages.ListError:
			if strings.Contains(e.Msg, "import cycle") {
				return ""
			}
			listed = append(listed, relError(dir, e))
		default:
			return ""
		}
	}
	if len(undefined) > 0 && len(reasons) == 0 {
		return ""
	}
	// The imports that failed for one reason (often all of them, for the
	// one module the go command could not fetch), then the reason.
	var failed []string
	slices.Sort(reasons)
	for _, r := range reasons {
		one := strings.Join(uniqueSorted(byReason[r]), ", ")
		if r != "" {
			one += ": " + r
		}
		failed = append(failed, one)
	}
	var why []string
	if len(failed) > 0 {
		why = append(why, "it cannot import "+strings.Join(failed, "; ")+"; what comes from it is unknown")
	}
	if undefined = uniqueSorted(undefined); len(undefined) > 0 {
		why = append(why, "names that are no import it has, taken for those it cannot import: "+strings.Join(undefined, ", "))
	}
	if listed = uniqueSorted(listed); len(listed) > 0 {
		why = append(why, "go list reports "+strings.Join(listed, "; "))
	}
	return strings.Join(why, "; ")
}

// failedImportPath reads the path out of the type checker's "could not
// import P (why)".
func failedImportPath(msg string) (string, bool) {
	rest, ok := strings.CutPrefix(msg, "could not import ")
	if !ok {
		return "", false
	}
	path, _, _ := strings.Cut(rest, " ")
	return path, path != ""
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func uniqueSorted(s []string) []string {
	slices.Sort(s)
	return slices.Compact(s)
}

// relPos is a position of the go command's, with the file relative to dir.
func relPos(dir, pos string) string {
	if abs, rest, ok := strings.Cut(pos, ":"); ok && filepath.IsAbs(abs) {
		return relPath(dir, abs) + ":" + rest
	}
	return pos
}
