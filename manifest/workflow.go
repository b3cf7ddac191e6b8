package manifest

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/manifest/node"
)

// An imageBuild is an image that a CI workflow builds: the images it
// tags, the Dockerfile and context it builds from (relative to the
// root) and its build arguments. One Dockerfile often builds every
// program of a repository, the program chosen by a build argument
// (ARG main_path, RUN go build $main_path): only the workflow step says
// which image holds which program.
type imageBuild struct {
	repos      []string // the tags' repositories, normalised (dockerRepo)
	context    string
	dockerfile string // relative to context
	args       map[string]string
	pos        Pos
}

// readWorkflows reads the GitHub Actions workflows of the analysed
// directory (.github/workflows/*.yml, which the walk skips as a hidden
// directory) for their docker/build-push-action steps.
func (b *builder) readWorkflows() {
	dir := filepath.Join(b.root, ".github", "workflows")
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if e.IsDir() || (path.Ext(e.Name()) != ".yml" && path.Ext(e.Name()) != ".yaml") {
			continue
		}
		rel := ".github/workflows/" + e.Name()
		data, ok := b.buildFile(rel)
		if !ok {
			continue
		}
		docs, err := node.Parse(rel, data)
		if err != nil {
			continue // a CI file is not the app's manifest: not reported
		}
		for _, d := range docs {
			for _, job := range d.Get("jobs").Fields() {
				for _, st := range job.Value.Get("steps").List() {
					if ib := buildPushStep(st); ib != nil {
						b.imageBuilds = append(b.imageBuilds, ib)
					}
				}
			}
		}
	}
}

// buildPushStep reads a docker/build-push-action step: tags, context
// (default the repository), file (default the context's Dockerfile,
// relative to the repository) and build-args, each a list or one
// string of lines (tags also comma-separated). nil when it is another
// step or one of its values is an expression (${{ ... }}) that decides
// the build.
func buildPushStep(st *node.Node) *imageBuild {
	if !strings.HasPrefix(st.Get("uses").Str(), "docker/build-push-action@") {
		return nil
	}
	with := st.Get("with")
	ib := &imageBuild{context: ".", dockerfile: "Dockerfile", args: map[string]string{}, pos: st.Get("uses").At()}
	if c := with.Get("context").Str(); c != "" {
		if strings.Contains(c, "${{") || strings.Contains(c, "://") {
			return nil
		}
		ib.context = path.Clean(c)
	}
	if f := with.Get("file").Str(); f != "" {
		if strings.Contains(f, "${{") {
			return nil
		}
		f = path.Clean(f)
		switch {
		case ib.context == ".":
			ib.dockerfile = f
		case under(ib.context, f):
			ib.dockerfile = strings.TrimPrefix(f, ib.context+"/")
		default:
			return nil
		}
	}
	for _, a := range lines(with.Get("build-args")) {
		k, v, ok := strings.Cut(a, "=")
		if !ok || strings.Contains(v, "${{") {
			continue // unknown: a go build that needs it binds nothing
		}
		ib.args[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	for _, t := range lines(with.Get("tags")) {
		for _, tag := range strings.Split(t, ",") {
			if r := dockerRepo(imageRepo(strings.TrimSpace(tag))); r != "" && !slices.Contains(ib.repos, r) {
				ib.repos = append(ib.repos, r)
			}
		}
	}
	if len(ib.repos) == 0 {
		return nil
	}
	return ib
}

// lines is an action input's values: a list's items, or a string's
// non-empty lines.
func lines(n *node.Node) []string {
	var out []string
	if items := n.List(); len(items) > 0 {
		for _, it := range items {
			if s := strings.TrimSpace(it.Str()); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	for l := range strings.Lines(n.Str()) {
		if s := strings.TrimSpace(l); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// dockerRepo normalises an image repository as Docker reads it: Docker
// Hub's host and its library/ namespace are implied.
func dockerRepo(repo string) string {
	for _, h := range []string{"docker.io/", "index.docker.io/", "registry-1.docker.io/"} {
		repo = strings.TrimPrefix(repo, h)
	}
	return strings.TrimPrefix(repo, "library/")
}

// workflowPackage is the Go package the workflow's image builds of repo
// compile, when they agree on one; "" when none builds it.
func (b *builder) workflowPackage(repo string) string {
	repo = dockerRepo(repo)
	found := ""
	for _, ib := range b.imageBuilds {
		if !slices.Contains(ib.repos, repo) {
			continue
		}
		pkg := b.dockerBuildPackage(ib.context, ib.dockerfile, ib.args)
		if pkg == "" || !b.hasGo(pkg) || found != "" && found != pkg {
			return ""
		}
		found = pkg
	}
	return found
}
