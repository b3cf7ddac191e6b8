package manifest

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/faasvet/faasvet/manifest/node"
)

// The manifests of an app are often not below the directory faasvet
// analyses: a serverless repository keeps template.yaml at its root and
// runs faasvet per function (-C functions/order), and --manifest may
// name ../stack.yml. Discover then reads from a base directory that holds
// them all (the repository's root, or the common ancestor of the
// analysed directory and the named files), resolving each manifest's
// relative paths against its own directory as before, and rebases the
// model at the end: every path in it is made relative to the analysed
// directory again (../../template.yaml, a CodeUri of functions/order
// becomes ".", one of functions/payment "../payment").

// gitRoot is the directory that holds the .git (a directory, or the file
// of a worktree or submodule) of the repository dir is in, or "".
func gitRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		up := filepath.Dir(d)
		if up == d {
			return ""
		}
		d = up
	}
}

// within reports whether p is dir or below it (both absolute, clean).
func within(dir, p string) bool {
	r, err := filepath.Rel(dir, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r)
}

// commonDir is the deepest directory that holds both a and c.
func commonDir(a, c string) string {
	for !within(a, c) {
		up := filepath.Dir(a)
		if up == a {
			return a
		}
		a = up
	}
	return a
}

// rebase rewrites every path of the model, relative to from, to be
// relative to to (both absolute).
func rebase(m *Model, from, to string) {
	conv := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		r, err := filepath.Rel(to, filepath.Join(from, filepath.FromSlash(p)))
		if err != nil {
			return p
		}
		return filepath.ToSlash(r)
	}
	posType := reflect.TypeFor[node.Pos]()
	seen := map[uintptr]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() || seen[v.Pointer()] {
				return
			}
			seen[v.Pointer()] = true
			walk(v.Elem())
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				e := v.MapIndex(k)
				if e.Kind() == reflect.Pointer || !e.CanInterface() {
					walk(e)
					continue
				}
				c := reflect.New(e.Type()).Elem()
				c.Set(e)
				walk(c)
				v.SetMapIndex(k, c)
			}
		case reflect.Struct:
			if v.Type() == posType {
				if f := v.FieldByName("File"); f.CanSet() {
					f.SetString(conv(f.String()))
				}
				return
			}
			t := v.Type()
			for i := range v.NumField() {
				sf := t.Field(i)
				if !sf.IsExported() {
					continue
				}
				f := v.Field(i)
				if f.Kind() == reflect.String && f.CanSet() {
					switch {
					case t == reflect.TypeFor[File]() && sf.Name == "Path",
						t == reflect.TypeFor[Function]() && sf.Name == "CodeDir",
						t == reflect.TypeFor[StateMachine]() && sf.Name == "DefinitionFile":
						f.SetString(conv(f.String()))
					}
					continue
				}
				walk(f)
			}
		}
	}
	walk(reflect.ValueOf(m))
}
