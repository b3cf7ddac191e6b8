package manifest

import (
	"path"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/manifest/node"
)

// Plain Kubernetes objects matter to a FaaS graph only where Knative
// points at them: a Trigger, Subscription, Sequence step or source whose
// subscriber or sink is a v1 Service (which selects the pods of a
// Deployment), and a SinkBinding whose subject is a Deployment (whose
// code then sends to K_SINK). The reader records every Deployment,
// StatefulSet and v1 Service it meets, and makes a Function only of the
// Deployments that Knative reaches: a cluster's other workloads are not
// the app's functions.

// A k8sObject is a Deployment, StatefulSet or v1 Service.
type k8sObject struct {
	kind, ns, name string
	rel            string
	pos            Pos
	labels         map[string]string // metadata.labels
	podLabels      map[string]string // a workload's spec.template.metadata.labels
	selector       map[string]string // a Service's spec.selector
	doc            *node.Node
	fn             *Function // a workload's function, once Knative reaches it
}

// A sinkBinding is a SinkBinding: its subject gets K_SINK, the URL of
// its sink.
type sinkBinding struct {
	name, ns string
	subject  *node.Node
	sink     *Endpoint
	uri      string
	pos      Pos
	fn       *Function // a ContainerSource's own container, the subject
}

// isKubernetes reports whether a document is a workload or a v1 Service.
func isKubernetes(d *node.Node) bool {
	av, kind := d.Get("apiVersion").Str(), d.Get("kind").Str()
	switch {
	case av == "v1" && kind == "Service":
		return true
	case av == "apps/v1" && (kind == "Deployment" || kind == "StatefulSet"):
		return true
	}
	return false
}

func strMap(n *node.Node) map[string]string {
	m := map[string]string{}
	for _, f := range n.Fields() {
		if s, ok := f.Value.Scalar(); ok {
			m[f.Key] = s
		}
	}
	return m
}

// readKubernetes records a workload or v1 Service.
func (b *builder) readKubernetes(rel string, doc *node.Node) {
	meta := doc.Get("metadata")
	o := &k8sObject{kind: doc.Get("kind").Str(), ns: meta.Get("namespace").Str(), name: meta.Get("name").Str(), rel: rel,
		pos: meta.Get("name").At(), labels: strMap(meta.Get("labels")), doc: doc}
	if o.name == "" {
		return
	}
	if !o.pos.IsValid() {
		o.pos = doc.Pos
	}
	if o.kind == "Service" {
		o.selector = strMap(doc.Path("spec", "selector"))
	} else {
		o.podLabels = strMap(doc.Path("spec", "template", "metadata", "labels"))
	}
	b.k8s = append(b.k8s, o)
}

// selects reports whether every label of sel is in labels (and sel has
// one).
func selects(sel, labels map[string]string) bool {
	if len(sel) == 0 {
		return false
	}
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return true
}

func sameNS(a, c string) bool { return a == c || a == "" || c == "" }

// k8sService resolves a reference to a v1 Service: the function of the
// one workload it selects.
func (b *builder) k8sService(ns, name string) *Function {
	var svc *k8sObject
	for _, o := range b.k8s {
		if o.kind == "Service" && o.name == name && sameNS(o.ns, ns) {
			if svc != nil {
				return nil
			}
			svc = o
		}
	}
	if svc == nil {
		return nil
	}
	var w *k8sObject
	for _, o := range b.k8s {
		if o.kind != "Service" && sameNS(o.ns, svc.ns) && selects(svc.selector, o.podLabels) {
			if w != nil {
				return nil // several workloads behind one Service: not one function
			}
			w = o
		}
	}
	if w == nil {
		return nil
	}
	return b.workloadFn(w)
}

// workloadFn makes the function of a workload that Knative reaches,
// once: its first container's image binds it to its code.
func (b *builder) workloadFn(o *k8sObject) *Function {
	if o.fn != nil {
		return o.fn
	}
	f := &Function{LogicalID: o.name, Name: o.name, Platform: PlatformKubernetes, Format: Kubernetes, Pos: o.pos}
	b.readContainer(f, o.doc.Path("spec", "template", "spec"))
	b.addFunction(f)
	b.addFile(o.rel, Kubernetes)
	o.fn = f
	return f
}

// readContainer reads a pod spec's first container into f: its image
// (bound to the code it is built from) and its environment.
func (b *builder) readContainer(f *Function, podSpec *node.Node) {
	c := podSpec.Get("containers")
	var ctr *node.Node
	if c.IsSeq() && len(c.Items) > 0 {
		ctr = c.Items[0]
	}
	f.Image = ctr.Get("image").Str()
	b.bindImage(f)
	for _, e := range ctr.Get("env").List() {
		n := e.Get("name").Str()
		if n == "" {
			continue
		}
		v := Value{Kind: Unresolved, Text: jsonText(e.Get("valueFrom"))}
		if x, ok := e.Get("value").Scalar(); ok {
			v = Value{Kind: Literal, Text: x}
		}
		f.Env = append(f.Env, &EnvVar{Name: n, Value: v, Pos: e.Pos})
	}
}

// bindImage binds a container image to the Go package it is built from:
// a ko:// import path in one of the tree's modules, an image a CI
// workflow builds (workflow.go), or an image whose
// repository's last element names the one directory of the tree with a
// Dockerfile, whose go build says the package
// (ghcr.io/org/app/catch-hello:main and functions/catch-hello/Dockerfile
// with RUN go build ./cmd).
func (b *builder) bindImage(f *Function) {
	img := f.Image
	if imp, ok := strings.CutPrefix(img, "ko://"); ok {
		mods := map[string]string{}
		if b.module != "" {
			mods[b.module] = "."
		}
		for mp, dir := range b.goModules() {
			if _, ok := mods[mp]; !ok {
				mods[mp] = dir
			}
		}
		best := ""
		for mp := range mods {
			if (imp == mp || strings.HasPrefix(imp, mp+"/")) && len(mp) > len(best) {
				best = mp
			}
		}
		if best != "" {
			f.CodeDir, f.CodeFrom = path.Clean(path.Join(mods[best], strings.TrimPrefix(imp, best))), "image"
		}
		return
	}
	repo := imageRepo(img)
	if repo == "" {
		return
	}
	if pkg := b.workflowPackage(repo); pkg != "" {
		f.CodeDir, f.CodeFrom = pkg, "image (CI workflow)"
		return
	}
	name := path.Base(repo)
	// Only Dockerfiles in the manifest's own module, when it is in one:
	// in a tree of independent samples, another sample's directory of
	// the same name is not this Service's code.
	scope := b.moduleOf(path.Dir(f.Pos.File))
	var found []string
	for _, df := range b.dockerfiles {
		if path.Base(path.Dir(df)) == name && (scope == "" || under(scope, df)) {
			found = append(found, df)
		}
	}
	if len(found) != 1 {
		return
	}
	if pkg := b.dockerBuildPackage(path.Dir(found[0]), path.Base(found[0]), nil); pkg != "" && b.hasGo(pkg) {
		f.CodeDir, f.CodeFrom = pkg, "image (Dockerfile)"
	}
}

// imageRepo is an image reference without its tag or digest; "" when it
// is templated.
func imageRepo(img string) string {
	img = strings.TrimSpace(img)
	if img == "" || strings.ContainsAny(img, "${} ") {
		return ""
	}
	img, _, _ = strings.Cut(img, "@")
	if i := strings.LastIndexByte(img, ':'); i > strings.LastIndexByte(img, '/') {
		img = img[:i]
	}
	return img
}

// readSinkBinding records a SinkBinding, applied once every object is
// read.
func (b *builder) readSinkBinding(l *Link, name, ns string, spec *node.Node, pos Pos) {
	sb := &sinkBinding{name: name, ns: ns, subject: spec.Get("subject"), pos: pos, sink: &Endpoint{}}
	sink := spec.Get("sink")
	if sink.Get("ref") != nil {
		b.knDest(l, sb.sink, sink, ns)
	} else {
		sb.uri = sink.Get("uri").Str()
	}
	b.sinks = append(b.sinks, sb)
}

// applySinkBindings gives each SinkBinding's subjects K_SINK: a
// reference to the sink (a Broker, a Service) or its URI.
func (b *builder) applySinkBindings() {
	for _, sb := range b.sinks {
		v := Value{Kind: Literal, Text: sb.uri}
		if sb.uri == "" {
			if sb.sink.fn == nil && sb.sink.ch == nil {
				continue
			}
			v = Value{Kind: Reference, Ref: &Ref{LogicalID: sb.name, Is: "url", Target: *sb.sink}}
		}
		subjects := []*Function{sb.fn}
		if sb.fn == nil {
			subjects = b.subjects(sb)
		}
		for _, f := range subjects {
			f.Env = append(f.Env, &EnvVar{Name: "K_SINK", Value: v, Pos: sb.pos})
		}
	}
}

// subjects are the functions a SinkBinding's subject names: a
// Deployment (or StatefulSet) by name or label selector, or a Knative
// Service by name.
func (b *builder) subjects(sb *sinkBinding) []*Function {
	s := sb.subject
	kind, name := s.Get("kind").Str(), s.Get("name").Str()
	ns := s.Get("namespace").Str()
	if ns == "" {
		ns = sb.ns
	}
	sel := strMap(s.Path("selector", "matchLabels"))
	var out []*Function
	for _, o := range b.k8s {
		if o.kind != kind || o.kind == "Service" || !sameNS(o.ns, ns) {
			continue
		}
		if (name != "" && o.name == name) || (name == "" && selects(sel, o.labels)) {
			out = append(out, b.workloadFn(o))
		}
	}
	if kind == "Service" && strings.HasPrefix(s.Get("apiVersion").Str(), "serving.knative.dev/") {
		for _, o := range b.knObjects {
			if o.kind == "Service" && o.fn != nil && o.name == name && sameNS(o.ns, ns) {
				out = append(out, o.fn)
			}
		}
	}
	return slices.Compact(out)
}

// knativeURL resolves a URL of the cluster to the Knative object it
// addresses: the broker ingress's /NAMESPACE/BROKER path is a Broker;
// otherwise the host's first label (SERVICE, SERVICE.NS,
// SERVICE.NS.svc, SERVICE.NS.svc.cluster.local) is a Service.
func (x *nameIndex) knativeURL(s string) (Endpoint, bool) {
	rest, ok := strings.CutPrefix(s, "http://")
	if !ok {
		rest, ok = strings.CutPrefix(s, "https://")
	}
	if !ok {
		return Endpoint{}, false
	}
	host, p, _ := strings.Cut(rest, "/")
	host, _, _ = strings.Cut(host, ":")
	labels := strings.Split(host, ".")
	switch {
	case len(labels) == 1, len(labels) == 2,
		len(labels) == 3 && labels[2] == "svc",
		len(labels) == 5 && strings.Join(labels[2:], ".") == "svc.cluster.local":
	default:
		return Endpoint{}, false
	}
	if labels[0] == "broker-ingress" {
		parts := strings.Split(strings.Trim(p, "/"), "/")
		if len(parts) == 2 {
			return x.channel(Broker, parts[1])
		}
		return Endpoint{}, false
	}
	if p != "" && p != "/" {
		return Endpoint{}, false
	}
	var found []Endpoint
	for _, f := range x.fns[labels[0]] {
		if f.Platform == PlatformKnative || f.Platform == PlatformKubernetes {
			found = append(found, fnEnd(f))
		}
	}
	for _, k := range []ChannelKind{Sequence, Parallel} {
		if ep, ok := x.channel(k, labels[0]); ok {
			found = append(found, ep)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return Endpoint{}, false
}

// moduleOf is the directory of the innermost Go module of the tree that
// holds dir (relative to the root), "" when none does or it is the root's.
func (b *builder) moduleOf(dir string) string {
	best := ""
	for _, d := range b.goModules() {
		if d != "." && under(d, dir) && len(d) > len(best) {
			best = d
		}
	}
	return best
}

// under reports whether the slash path p is dir or below it.
func under(dir, p string) bool {
	return p == dir || strings.HasPrefix(p, dir+"/")
}
