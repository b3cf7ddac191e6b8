package shell

import (
	"encoding/json"
	"fmt"
	"path"
	"slices"
	"strings"
)

// A cmdline is a CLI call: its positional words and flags.
type cmdline struct {
	pos   []val
	flags map[string][]val
	exprs map[string][]string
}

// boolFlags are the aws and gcloud flags that take no value.
var boolFlags = map[string]bool{
	"gen2": true, "no-gen2": true, "trigger-http": true, "quiet": true, "q": true, "allow-unauthenticated": true,
	"no-allow-unauthenticated": true, "retry": true, "no-retry": true, "async": true, "clear-env-vars": true,
	"publish": true, "no-publish": true, "debug": true, "no-paginate": true, "no-cli-pager": true,
	"dry-run": true, "no-dry-run": true, "enabled": true, "no-enabled": true, "verbose": true,
	"cluster-local": true, "force": true, "wait": true, "no-wait": true,
}

func parseCmd(args []val, exprs []string) *cmdline {
	c := &cmdline{flags: map[string][]val{}, exprs: map[string][]string{}}
	for i := 0; i < len(args); i++ {
		a := args[i].text
		if !strings.HasPrefix(a, "--") || len(a) == 2 {
			c.pos = append(c.pos, args[i])
			continue
		}
		name, v, hasV := strings.Cut(a[2:], "=")
		e := exprs[i]
		if hasV {
			_, e, _ = strings.Cut(e, "=")
		}
		switch {
		case hasV:
		case boolFlags[name] || i+1 >= len(args) || strings.HasPrefix(args[i+1].text, "--"):
			v = "true"
		default:
			i++
			v, e = args[i].text, exprs[i]
		}
		c.flags[name] = append(c.flags[name], val{v})
		c.exprs[name] = append(c.exprs[name], e)
	}
	return c
}

func (c *cmdline) get(name string) (val, bool) {
	vs := c.flags[name]
	if len(vs) == 0 {
		return val{}, false
	}
	return vs[len(vs)-1], true
}

func (c *cmdline) value(name string) Value {
	v, ok := c.get(name)
	if !ok {
		return Value{}
	}
	es := c.exprs[name]
	return v.value(strings.Trim(es[len(es)-1], `"'`))
}

func (c *cmdline) lit(name string) string {
	if v, ok := c.get(name); ok && v.known() {
		return v.text
	}
	return ""
}

func (c *cmdline) has(name string) bool {
	v, ok := c.get(name)
	return ok && v.text != "false"
}

// aws reads the aws CLI commands that deploy functions and wire them.
func (s *script) aws(w *world, args []val, exprs []string, pos Pos) {
	c := parseCmd(args[1:], exprs[1:])
	if len(c.pos) < 2 {
		return
	}
	svc, op := c.pos[0].text, c.pos[1].text
	key := fmt.Sprint(pos, svc, op, c.flags)
	switch svc + " " + op {
	case "lambda create-function":
		s.add(key, func() {
			f := &Function{Platform: Lambda, Name: c.value("function-name"), Handler: c.lit("handler"), Runtime: c.lit("runtime"), Pos: pos}
			if z, ok := c.get("zip-file"); ok {
				if p, ok := strings.CutPrefix(z.text, "fileb://"); ok {
					f.Zip = s.dir(w, p)
				}
			}
			f.Env = lambdaEnv(c, pos)
			s.res.Functions = append(s.res.Functions, f)
		})
	case "lambda create-event-source-mapping":
		s.add(key, func() {
			s.res.Links = append(s.res.Links, &Link{From: c.value("event-source-arn"), To: c.value("function-name"), Pos: pos})
		})
	case "sns subscribe":
		proto := c.lit("protocol")
		if proto != "sqs" && proto != "lambda" {
			return
		}
		attrs, _ := c.get("attributes")
		raw := strings.Contains(strings.ReplaceAll(strings.ToLower(attrs.text), `"`, ""), "rawmessagedelivery=true") ||
			strings.Contains(strings.ReplaceAll(strings.ToLower(attrs.text), " ", ""), `"rawmessagedelivery":"true"`)
		s.add(key, func() {
			s.res.Links = append(s.res.Links, &Link{From: c.value("topic-arn"), To: c.value("notification-endpoint"), Event: "sns", Raw: raw, Pos: pos})
		})
	case "sqs create-queue":
		attrs, _ := c.get("attributes")
		fifo := strings.Contains(strings.ReplaceAll(strings.ToLower(attrs.text), `"`, ""), "fifoqueue=true") ||
			strings.Contains(strings.ReplaceAll(strings.ToLower(attrs.text), " ", ""), `"fifoqueue":"true"`)
		s.add(key, func() {
			s.res.Channels = append(s.res.Channels, &Channel{Kind: Queue, Name: c.value("queue-name"), FIFO: fifo, Pos: pos})
		})
	case "sns create-topic":
		s.add(key, func() {
			s.res.Channels = append(s.res.Channels, &Channel{Kind: Topic, Name: c.value("name"), Pos: pos})
		})
	case "events put-rule":
		name := c.lit("name")
		if name == "" {
			return
		}
		r := &rule{bus: c.lit("event-bus-name"), schedule: c.lit("schedule-expression")}
		if p, ok := c.get("event-pattern"); ok && p.known() && json.Valid([]byte(p.text)) {
			r.pattern = p.text
		}
		s.rules[name] = r
	case "events put-targets":
		r := s.rules[c.lit("rule")]
		if r == nil {
			r = &rule{}
		}
		bus := c.lit("event-bus-name")
		if bus == "" {
			bus = r.bus
		}
		tv, _ := c.get("targets")
		for _, t := range eventTargets(tv) {
			s.add(key+t.arn.text, func() {
				l := &Link{From: Value{Known: true, Text: bus}, To: t.arn.value(t.arn.text), Event: "eventbridge", Pattern: r.pattern, Input: t.input, Pos: pos}
				if r.schedule != "" && r.pattern == "" {
					l.From, l.External, l.Event, l.Schedule = Value{}, "schedule", "schedule", r.schedule
				}
				s.res.Links = append(s.res.Links, l)
			})
		}
	}
}

// lambdaEnv reads --environment: Variables={K=V,...} or its JSON form.
func lambdaEnv(c *cmdline, pos Pos) []*Env {
	v, ok := c.get("environment")
	if !ok {
		return nil
	}
	t := strings.TrimSpace(v.text)
	var out []*Env
	if strings.HasPrefix(t, "{") {
		var doc struct{ Variables map[string]string }
		if json.Unmarshal([]byte(t), &doc) != nil {
			return nil
		}
		for k, x := range doc.Variables {
			out = append(out, &Env{Name: k, Value: val{x}.value(x), Pos: pos})
		}
	} else {
		body, ok := strings.CutPrefix(t, "Variables=")
		if !ok {
			return nil
		}
		body = strings.TrimSuffix(strings.TrimPrefix(body, "{"), "}")
		out = keyValues(body, ",", pos)
	}
	slices.SortFunc(out, func(a, b *Env) int { return strings.Compare(a.Name, b.Name) })
	return out
}

func keyValues(body, sep string, pos Pos) []*Env {
	var out []*Env
	for _, kv := range strings.Split(body, sep) {
		k, x, ok := strings.Cut(kv, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" || strings.Contains(k, unknown) {
			continue
		}
		out = append(out, &Env{Name: k, Value: val{x}.value(strings.ReplaceAll(x, unknown, "*")), Pos: pos})
	}
	return out
}

type eventTarget struct {
	arn   val
	input string
}

// eventTargets reads --targets: Id=1,Arn=ARN (several space-separated) or
// JSON.
func eventTargets(v val) []eventTarget {
	t := strings.TrimSpace(v.text)
	var out []eventTarget
	if strings.HasPrefix(t, "[") {
		var doc []struct{ Arn, Input string }
		if json.Unmarshal([]byte(t), &doc) != nil {
			return nil
		}
		for _, d := range doc {
			out = append(out, eventTarget{arn: val{d.Arn}, input: d.Input})
		}
		return out
	}
	for _, item := range strings.Fields(t) {
		for _, kv := range strings.Split(item, ",") {
			if a, ok := strings.CutPrefix(kv, "Arn="); ok {
				out = append(out, eventTarget{arn: val{a}})
			}
		}
	}
	return out
}

// gcloud reads gcloud functions deploy and the Pub/Sub commands.
func (s *script) gcloud(w *world, args []val, exprs []string, pos Pos) {
	c := parseCmd(args[1:], exprs[1:])
	words := make([]string, 0, len(c.pos))
	for _, p := range c.pos {
		words = append(words, p.text)
	}
	// gcloud [beta|alpha] GROUP ... COMMAND
	if len(words) > 0 && (words[0] == "beta" || words[0] == "alpha") {
		words, c.pos = words[1:], c.pos[1:]
	}
	key := fmt.Sprint(pos, words, c.flags)
	switch {
	case len(words) >= 3 && words[0] == "functions" && words[1] == "deploy":
		name := c.pos[2]
		s.add(key, func() {
			f := &Function{Platform: CloudFunctions, Name: name.value(name.text), Runtime: c.lit("runtime"), Pos: pos}
			f.Entry = c.lit("entry-point")
			if _, ok := c.get("entry-point"); !ok && name.known() {
				f.Entry = name.text // gcloud's default: the function's name
			}
			src := "."
			if v, ok := c.get("source"); ok {
				src = v.text
			}
			f.Source = s.dir(w, src)
			for i, v := range c.flags["set-env-vars"] {
				_ = i
				body, sep := v.text, ","
				if strings.HasPrefix(body, "^") {
					if j := strings.Index(body[1:], "^"); j >= 0 {
						sep, body = body[1:1+j], body[j+2:]
					}
				}
				f.Env = append(f.Env, keyValues(body, sep, pos)...)
			}
			s.res.Functions = append(s.res.Functions, f)
			to := name.value(name.text)
			switch {
			case c.has("trigger-topic"):
				s.res.Links = append(s.res.Links, &Link{From: c.value("trigger-topic"), To: to, Event: "pubsub", Pos: pos})
			case strings.Contains(c.lit("trigger-event"), "pubsub") || strings.Contains(c.lit("trigger-event"), "cloud.pubsub"):
				s.res.Links = append(s.res.Links, &Link{From: c.value("trigger-resource"), To: to, Event: "pubsub", Pos: pos})
			case c.has("trigger-http"):
				s.res.Links = append(s.res.Links, &Link{External: "http", To: to, Event: "http", Pos: pos})
			}
		})
	case len(words) >= 4 && words[0] == "pubsub" && words[1] == "topics" && words[2] == "create":
		for _, t := range c.pos[3:] {
			s.add(key+t.text, func() {
				s.res.Channels = append(s.res.Channels, &Channel{Kind: PubSubTopic, Name: t.value(t.text), Pos: pos})
			})
		}
	case len(words) >= 4 && words[0] == "pubsub" && words[1] == "subscriptions" && words[2] == "create":
		if !c.has("push-endpoint") {
			return
		}
		s.add(key, func() {
			s.res.Links = append(s.res.Links, &Link{From: c.value("topic"), To: c.value("push-endpoint"), Event: "pubsub", Pos: pos})
		})
	}
}

// kn reads kn service create NAME --image IMAGE [--env K=V]...: a
// Knative Service that runs the image.
func (s *script) kn(args []val, exprs []string, pos Pos) {
	c := parseCmd(args[1:], exprs[1:])
	if len(c.pos) < 3 || c.pos[0].text != "service" || c.pos[1].text != "create" {
		return
	}
	name, img := c.pos[2], c.lit("image")
	if !name.known() || img == "" {
		return
	}
	key := fmt.Sprint(pos, "kn", name.text, img)
	s.add(key, func() {
		f := &Function{Platform: Knative, Name: name.value(name.text), Image: img, Pos: pos}
		for _, e := range c.flags["env"] {
			k, v, ok := strings.Cut(e.text, "=")
			if ok && k != "" && !strings.Contains(k, unknown) {
				f.Env = append(f.Env, &Env{Name: k, Value: val{v}.value(v), Pos: pos})
			}
		}
		slices.SortFunc(f.Env, func(a, b *Env) int { return strings.Compare(a.Name, b.Name) })
		s.res.Functions = append(s.res.Functions, f)
	})
}

// goBuild records go build -o OUT PKG.
func (s *script) goBuild(w *world, args []val, pos Pos) {
	if len(args) < 2 || args[1].text != "build" {
		return
	}
	withValue := map[string]bool{"-o": true, "-ldflags": true, "-tags": true, "-gcflags": true, "-asmflags": true,
		"-mod": true, "-modfile": true, "-p": true, "-buildmode": true, "-compiler": true, "-installsuffix": true,
		"-pkgdir": true, "-toolexec": true, "-overlay": true, "-pgo": true, "-C": true}
	var out, dir string
	var pkgs []string
	for i := 2; i < len(args); i++ {
		a := args[i].text
		switch {
		case a == "-o" && i+1 < len(args):
			out = args[i+1].text
			i++
		case strings.HasPrefix(a, "-o="):
			out = a[3:]
		case a == "-C" && i+1 < len(args):
			dir = args[i+1].text
			i++
		case withValue[a]:
			i++
		case strings.HasPrefix(a, "-"):
		default:
			pkgs = append(pkgs, a)
		}
	}
	if out == "" || len(pkgs) > 1 || strings.Contains(out, unknown) || strings.Contains(dir, unknown) {
		return
	}
	pkg := "."
	if len(pkgs) == 1 {
		pkg = pkgs[0]
		if strings.Contains(pkg, unknown) || strings.ContainsAny(pkg, "*") {
			return
		}
		if strings.HasSuffix(pkg, ".go") {
			pkg = path.Dir(pkg)
		}
	}
	if dir != "" {
		pkg, out = path.Join(dir, pkg), path.Join(dir, out)
	}
	p, o := s.dir(w, pkg), s.dir(w, out)
	if p == "" || o == "" {
		return
	}
	s.add(fmt.Sprint("build", o, p), func() {
		s.res.Builds = append(s.res.Builds, &Build{Out: o, Pkg: p, Pos: pos})
	})
}
