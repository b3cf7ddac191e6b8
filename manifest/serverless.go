package manifest

import (
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/faasvet/faasvet/manifest/asl"
	"github.com/faasvet/faasvet/manifest/node"
)

// A slsFile is a serverless.yml being read.
type slsFile struct {
	b       *builder
	file    string
	doc     *node.Node
	t       *template // the resources section, which intrinsics resolve against
	service string
	fns     map[string]*Function // by function key
}

// readServerless reads a serverless.yml: functions with their events
// and environment, the CloudFormation resources section, and the state
// machines of the serverless-step-functions plugin.
func (b *builder) readServerless(file string, doc *node.Node) {
	s := &slsFile{b: b, file: file, doc: doc, fns: map[string]*Function{}}
	s.service = doc.Get("service").Str()
	if s.service == "" {
		s.service = doc.Path("service", "name").Str()
	}
	res := doc.Get("resources")
	outputs := res.Get("Outputs")
	if res.IsSeq() {
		// A list of ${file(...)} includes and inline sections: read the
		// inline ones.
		merged := &node.Node{Kind: node.Map, Pos: res.Pos}
		all := &node.Node{Kind: node.Map, Pos: res.Pos}
		outs := &node.Node{Kind: node.Map, Pos: res.Pos}
		for _, it := range res.List() {
			all.Field = append(all.Field, it.Get("Resources").Fields()...)
			outs.Field = append(outs.Field, it.Get("Outputs").Fields()...)
		}
		merged.Field = []*node.Field{{Key: "Resources", KeyPos: res.Pos, Value: all}}
		res, outputs = merged, outs
	}
	s.t = b.newTemplate(file, Serverless, res)
	s.t.outputs = outputs
	s.t.scalar = s.value
	s.t.declare()
	s.functions()
	s.t.wire()
	for _, fld := range slsFunctions(doc.Get("functions")) {
		if f := s.fns[fld.Key]; f != nil {
			s.events(f, fld.Value)
		}
	}
	s.stepFunctions()
	s.close()
}

// close marks the queues, topics and buses of the resources section
// Closed when every mention of them in the file is understood: the
// CloudFormation resources and outputs as for a template, and the
// framework's own sections: functions' environments, and their sqs, sns
// and eventBridge events, are understood; an IAM statement (provider.iam,
// iamRoleStatements, a function's iamRoleStatements) that grants more
// than sending, a state machine that calls the SQS, SNS or EventBridge
// API, and any other section (custom, plugins' settings, onError,
// destinations) keep them open. A file that includes functions or
// resources from other files, or declares no function, keeps all open.
func (s *slsFile) close() {
	if len(s.fns) == 0 || !allMaps(s.doc.Get("resources")) || !allMaps(s.doc.Get("functions")) {
		return
	}
	open := map[string]bool{}
	mark := func(n *node.Node) {
		for _, ref := range s.t.mentions(n, 0) {
			open[ref.LogicalID] = true
		}
	}
	iam := func(n *node.Node) { s.t.statements(n, open) }
	for _, top := range s.doc.Fields() {
		switch top.Key {
		case "resources", "service":
		case "provider":
			for _, f := range top.Value.Fields() {
				switch f.Key {
				case "environment":
				case "iamRoleStatements":
					iam(f.Value)
				case "iam":
					for _, g := range f.Value.Fields() {
						if g.Key != "role" {
							mark(g.Value)
							continue
						}
						for _, h := range g.Value.Fields() {
							if h.Key == "statements" {
								iam(h.Value)
							} else {
								mark(h.Value)
							}
						}
					}
				default:
					mark(f.Value)
				}
			}
		case "functions":
			for _, fn := range slsFunctions(top.Value) {
				for _, f := range fn.Value.Fields() {
					switch f.Key {
					case "environment":
					case "iamRoleStatements":
						iam(f.Value)
					case "events":
						for _, ev := range f.Value.List() {
							if !ev.IsMap() || len(ev.Field) != 1 {
								mark(ev)
								continue
							}
							switch ev.Field[0].Key {
							case "sqs", "sns", "eventBridge", "cloudwatchEvent", "http", "httpApi", "schedule":
							default:
								mark(ev)
							}
						}
					default:
						mark(f.Value)
					}
				}
			}
		case "stepFunctions":
			if callsChannelAPI(top.Value, 0) {
				mark(top.Value)
			}
		default:
			mark(top.Value)
		}
	}
	s.t.closeOpen(open)
}

// allMaps reports whether a section is a map, or a list of maps with no
// ${file(...)} include, whose contents faasvet cannot see.
func allMaps(n *node.Node) bool {
	if n == nil || n.IsMap() {
		return true
	}
	for _, it := range n.List() {
		if !it.IsMap() {
			return false
		}
	}
	return n.IsSeq()
}

// callsChannelAPI reports whether a state machine definition calls the
// SQS, SNS or EventBridge API through an SDK integration
// (arn:aws:states:::aws-sdk:sqs:receiveMessage), which may read a channel.
func callsChannelAPI(n *node.Node, depth int) bool {
	if n == nil || depth > node.MaxDepth {
		return false
	}
	if str, ok := n.Scalar(); ok {
		l := strings.ToLower(str)
		return strings.Contains(l, "aws-sdk:sqs:") || strings.Contains(l, "aws-sdk:sns:") || strings.Contains(l, "aws-sdk:eventbridge:")
	}
	for _, it := range n.List() {
		if callsChannelAPI(it, depth+1) {
			return true
		}
	}
	for _, f := range n.Fields() {
		if callsChannelAPI(f.Value, depth+1) {
			return true
		}
	}
	return false
}

// slsFunctions lists the functions of a serverless.yml: a map, or a list
// of maps and ${file(...)} includes, which are not followed.
func slsFunctions(n *node.Node) []*node.Field {
	if n.IsMap() {
		return n.Field
	}
	var out []*node.Field
	for _, it := range n.List() {
		out = append(out, it.Fields()...)
	}
	return out
}

// logicalName is the logical ID the framework gives a function's
// resource: hello-world becomes HelloDashworldLambdaFunction.
func logicalName(key string) string {
	var b strings.Builder
	for i, r := range key {
		switch {
		case i == 0:
			b.WriteRune(unicode.ToUpper(r))
		case r == '-':
			b.WriteString("Dash")
		case r == '_':
			b.WriteString("Underscore")
		default:
			b.WriteRune(r)
		}
	}
	return b.String() + "LambdaFunction"
}

func (s *slsFile) functions() {
	provider := s.doc.Get("provider")
	for _, fld := range slsFunctions(s.doc.Get("functions")) {
		def := fld.Value
		f := &Function{LogicalID: fld.Key, Platform: PlatformLambda, Format: Serverless, Pos: fld.KeyPos}
		if v := s.value(def.Get("name")); v.Kind == Literal {
			f.Name = v.Text
		} else if def.Get("name") == nil {
			f.defaultName = s.defaultName(fld.Key)
		}
		f.Handler = def.Get("handler").Str()
		f.Runtime = def.Get("runtime").Str()
		if f.Runtime == "" {
			f.Runtime = provider.Get("runtime").Str()
		}
		f.Image = def.Get("image").Str()
		s.codeDir(f, def)
		env := map[string]*EnvVar{}
		for _, src := range []*node.Node{provider.Get("environment"), def.Get("environment")} {
			for _, v := range src.Fields() {
				env[v.Key] = &EnvVar{Name: v.Key, Value: s.value(v.Value), Pos: v.KeyPos}
			}
		}
		for _, e := range env {
			f.Env = append(f.Env, e)
		}
		s.b.addFunction(f)
		s.fns[fld.Key] = f
		// The resources section and state machines refer to the function
		// by its logical name, and the step functions plugin by its key.
		for _, id := range []string{logicalName(fld.Key), fld.Key} {
			if s.t.res[id] == nil {
				s.t.res[id] = &resource{id: id, typ: "AWS::Lambda::Function", pos: fld.KeyPos, fn: f}
			}
		}
	}
}

var makeOutput = regexp.MustCompile(`-o\s+(\S+)\s+(\S+)`)

// codeDir maps a function to its code as precisely as the file allows:
// a handler that is a Go package directory or file (serverless-go-plugin),
// a binary the Makefile beside the file builds from a package, or else a
// binary bin/NAME with exactly one directory NAME, cmd/NAME or
// functions/NAME holding Go files.
func (s *slsFile) codeDir(f *Function, def *node.Node) {
	h := f.Handler
	if h == "" {
		return
	}
	dir := path.Dir(s.file)
	if strings.HasSuffix(h, ".go") || strings.HasPrefix(h, "./") || strings.HasPrefix(h, "../") {
		if d := s.b.dirOf(s.file, h); d != "" && s.b.hasGo(d) {
			f.CodeDir, f.CodeFrom = d, "handler"
			return
		}
	}
	bin := h
	if h == "bootstrap" {
		art := def.Path("package", "artifact").Str()
		if art == "" {
			return
		}
		bin = strings.TrimSuffix(art, ".zip")
	}
	if d := s.fromMakefile(dir, bin); d != "" {
		f.CodeDir, f.CodeFrom = d, "Makefile"
		return
	}
	name := path.Base(strings.TrimSuffix(bin, "/bootstrap"))
	if name == "" || name == "." || strings.ContainsAny(name, "${}") {
		return
	}
	var found []string
	for _, c := range []string{name, "cmd/" + name, "functions/" + name, "src/" + name, "handlers/" + name} {
		if d := path.Join(dir, c); s.b.hasGo(d) {
			found = append(found, d)
		}
	}
	if len(found) == 1 {
		f.CodeDir, f.CodeFrom = found[0], "handler"
	}
}

// fromMakefile finds the package a Makefile beside the manifest builds
// into bin (go build -o bin/hello ./hello).
func (s *slsFile) fromMakefile(dir, bin string) string {
	var found string
	for _, m := range makeOutput.FindAllStringSubmatch(s.b.makefile(dir), -1) {
		out := strings.TrimPrefix(m[1], "./")
		if out != strings.TrimPrefix(bin, "./") && out != strings.TrimPrefix(bin, "./")+"/bootstrap" {
			continue
		}
		d := s.b.dirOf(path.Join(dir, "Makefile"), m[2])
		if d == "" || !s.b.hasGo(d) {
			continue
		}
		if found != "" && found != d {
			return "" // two packages for one binary: say nothing
		}
		found = d
	}
	return found
}

// slsVar matches one ${...} variable.
var slsVar = regexp.MustCompile(`\$\{([^{}]*)\}`)

// value evaluates a serverless.yml value: its variables are resolved
// where the files say what they are (see variable), CloudFormation
// intrinsics resolve against the resources section, and a variable that
// stays unknown (${ssm:...}, ${cf:...}, ${opt:x} without a fallback)
// leaves the value unresolved.
func (s *slsFile) value(n *node.Node) Value {
	return s.eval(n, 0)
}

func (s *slsFile) eval(n *node.Node, depth int) Value {
	if n == nil {
		return Value{Kind: Unresolved}
	}
	if _, _, ok := n.Intrinsic(); ok {
		return s.t.value(n)
	}
	str, ok := n.Scalar()
	if !ok {
		return Value{Kind: Unresolved, Text: n.String()}
	}
	if !strings.Contains(str, "${") {
		return Value{Kind: Literal, Text: str}
	}
	if depth > 10 {
		return Value{Kind: Unresolved, Text: str}
	}
	// Innermost variables first: ${self:custom.${opt:stage, 'dev'}}.
	cur := str
	for range 20 {
		loc := slsVar.FindStringSubmatchIndex(cur)
		if loc == nil {
			return Value{Kind: Literal, Text: cur}
		}
		x := s.variable(cur[loc[2]:loc[3]])
		if loc[0] == 0 && loc[1] == len(cur) {
			// The whole value is one variable: it is what it names.
			if x == nil {
				return Value{Kind: Unresolved, Text: str}
			}
			return s.eval(x, depth+1)
		}
		if x == nil {
			return Value{Kind: Unresolved, Text: str}
		}
		r := s.eval(x, depth+1)
		if r.Kind != Literal {
			return Value{Kind: Unresolved, Text: str}
		}
		cur = cur[:loc[0]] + r.Text + cur[loc[1]:]
	}
	return Value{Kind: Unresolved, Text: str}
}

// variable resolves the body of one ${...} variable to the node it
// names, or nil when it is not known here. Its sources and fallbacks,
// comma-separated, are tried in order: self:PATH (a key of the file, or
// the framework's default for provider.stage and provider.region),
// file(PATH):KEY (a YAML or JSON file of the tree), param:NAME (the
// params block's default stage), sls:stage (provider.stage, else dev), a
// quoted or numeric literal; opt:, env: and the sources of the cloud
// (ssm:, cf:, s3:, aws:) are known only at deploy, and give way to the
// next fallback. A fallback is what deploys when nothing overrides it,
// which is how the app's own manifests name their resources.
func (s *slsFile) variable(body string) *node.Node {
	for _, p := range splitTop(body) {
		p = strings.TrimSpace(p)
		if len(p) >= 2 && (p[0] == '\'' && p[len(p)-1] == '\'' || p[0] == '"' && p[len(p)-1] == '"') {
			return &node.Node{Kind: node.String, Text: p[1 : len(p)-1]}
		}
		if _, err := strconv.ParseFloat(p, 64); err == nil {
			return &node.Node{Kind: node.String, Text: p}
		}
		src, addr, _ := strings.Cut(p, ":")
		var n *node.Node
		switch {
		case src == "self":
			if n = s.path(s.doc, addr); n == nil {
				n = slsDefault(addr)
			}
		case src == "param":
			n = s.doc.Path("params", "default", strings.TrimSpace(addr))
		case src == "sls" && strings.TrimSpace(addr) == "stage":
			if n = s.doc.Path("provider", "stage"); n == nil {
				n = &node.Node{Kind: node.String, Text: "dev"}
			}
		case strings.HasPrefix(src, "file("):
			n = s.fileVar(p)
		}
		if n != nil {
			return n
		}
	}
	return nil
}

// defaultName is the name the framework deploys a function without a
// name of its own by: SERVICE-STAGE-KEY, with the stage that deploys
// when no --stage overrides it; "" when the service is not a literal.
func (s *slsFile) defaultName(key string) string {
	service := s.value(&node.Node{Kind: node.String, Text: s.service})
	stage := s.value(s.variable("sls:stage"))
	if s.service == "" || service.Kind != Literal || stage.Kind != Literal {
		return ""
	}
	return service.Text + "-" + stage.Text + "-" + key
}

// slsProviderDefaults are the values the Serverless Framework gives the
// provider keys a file leaves out, before it resolves variables: a
// ${self:provider.stage} deploys as dev when nothing sets the stage.
var slsProviderDefaults = map[string]string{
	"provider.stage":  "dev",
	"provider.region": "us-east-1",
}

// slsDefault is the framework's default for a self: path the file does
// not set, or nil.
func slsDefault(addr string) *node.Node {
	if v, ok := slsProviderDefaults[strings.TrimSpace(addr)]; ok {
		return &node.Node{Kind: node.String, Text: v}
	}
	return nil
}

// path follows a dotted path from a node; "" is the node itself.
func (s *slsFile) path(n *node.Node, addr string) *node.Node {
	addr = strings.TrimSpace(addr)
	if addr == "" {
		return n
	}
	for _, k := range strings.Split(addr, ".") {
		n = n.Get(k)
	}
	return n
}

// slsFileVar is a file(...) variable: the path and the key after it.
var slsFileVar = regexp.MustCompile(`^file\(([^)]+)\)(?::(.*))?$`)

// fileVar reads a ${file(PATH):KEY} variable: a YAML or JSON file beside
// the serverless.yml, in the tree; a script (.js, .ts) or a file that is
// not there stays unknown.
func (s *slsFile) fileVar(v string) *node.Node {
	m := slsFileVar.FindStringSubmatch(v)
	if m == nil {
		return nil
	}
	p := strings.Trim(strings.TrimSpace(m[1]), `'"`)
	if strings.Contains(p, "${") || path.IsAbs(p) {
		return nil
	}
	switch strings.ToLower(path.Ext(p)) {
	case ".yml", ".yaml", ".json":
	default:
		return nil
	}
	rel := path.Join(path.Dir(s.file), p)
	if outside(rel) || !s.b.isFile(rel) {
		return nil
	}
	ld := s.b.load(rel, true)
	if ld.err != nil || len(ld.docs) == 0 {
		return nil
	}
	return s.path(ld.docs[0], m[2])
}

// splitTop splits a variable's body at the commas outside quotes and
// parentheses.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth == 0:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// endpoint is a link end from a serverless value.
func (s *slsFile) endpoint(n *node.Node) Endpoint {
	return s.t.endpoint(s.value(n))
}

func (s *slsFile) link(l *Link) {
	l.Format = Serverless
	s.b.addLink(l)
}

// events reads a function's (or state machine's) events.
func (s *slsFile) events(f *Function, def *node.Node) {
	to := fnEnd(f)
	s.eventList(to, def.Get("events"))
	if u := def.Get("url"); u.Truthy() || u.IsMap() {
		s.link(&Link{From: external("function-url"), To: to, Event: "function-url", Pos: u.At()})
	}
	if d := def.Get("destinations"); d != nil {
		for _, k := range []struct{ key, name string }{{"onSuccess", "on-success"}, {"onFailure", "on-failure"}} {
			x := d.Get(k.key)
			if x == nil {
				continue
			}
			if x.IsMap() {
				x = x.Get("arn")
			}
			var target Endpoint
			if g := s.fns[x.Str()]; g != nil {
				target = fnEnd(g)
			} else {
				target = s.endpoint(x)
			}
			s.link(&Link{From: to, To: target, Event: "destination", Destination: k.name, Pos: x.At()})
		}
	}
	if x := def.Get("onError"); x != nil {
		// The function's dead-letter target (an SNS topic): the failed
		// event, unchanged.
		s.link(&Link{From: to, To: s.endpoint(x), Event: "dead-letter", Pos: x.At()})
	}
}

func (s *slsFile) eventList(to Endpoint, events *node.Node) {
	for _, ev := range events.List() {
		if !ev.IsMap() || len(ev.Field) != 1 {
			continue
		}
		typ, p := ev.Field[0].Key, ev.Field[0].Value
		l := &Link{To: to, Pos: ev.Field[0].KeyPos}
		switch typ {
		case "sqs":
			l.Event = "sqs"
			if p.IsMap() {
				l.BatchItemFailures, l.ResponseTypesUnknown = s.responseType(p.Get("functionResponseType"))
				p = p.Get("arn")
			}
			l.From = s.endpoint(p)
		case "sns":
			l.Event = "sns"
			l.From = s.snsTopic(p)
			l.FilterPolicy = jsonText(p.Get("filterPolicy"))
		case "eventBridge", "cloudwatchEvent":
			l.Event = "eventbridge"
			pat := p.Get("pattern")
			if typ == "cloudwatchEvent" {
				pat = p.Get("event")
			}
			if pat == nil && p.Get("schedule") != nil {
				l.Event, l.From, l.Schedule = "schedule", external("schedule"), p.Get("schedule").Str()
				break
			}
			l.From = s.bus(p.Get("eventBus"), l.Pos)
			l.Pattern = pattern(pat)
			in := &Input{Constant: jsonOrText(p.Get("input")), Path: p.Get("inputPath").Str()}
			if it := p.Get("inputTransformer"); it != nil {
				in.Template = jsonOrText(it.Get("inputTemplate"))
			}
			if *in != (Input{}) {
				l.Input = in
			}
		case "http", "httpApi":
			// http is a REST API (payload format 1.0); httpApi an HTTP
			// API, 2.0 unless provider.httpApi.payload says otherwise.
			l.Event, l.PayloadFormat = "api", "1.0"
			if typ == "httpApi" {
				l.Event, l.PayloadFormat = "http-api", "2.0"
				if pf := s.doc.Path("provider", "httpApi", "payload"); pf != nil {
					l.PayloadFormat = payloadFormat(s.literal(pf))
				}
			}
			l.From = external(l.Event)
			if str, ok := p.Scalar(); ok {
				if m, pth, ok := strings.Cut(str, " "); ok {
					l.Method, l.Path = strings.ToUpper(m), strings.TrimSpace(pth)
				} else {
					l.Path = str
				}
			} else {
				l.Method, l.Path = strings.ToUpper(p.Get("method").Str()), p.Get("path").Str()
			}
		case "schedule":
			l.Event, l.From = "schedule", external("schedule")
			if str, ok := p.Scalar(); ok {
				l.Schedule = str
			} else if r := p.Get("rate"); r.IsSeq() && len(r.Items) > 0 {
				l.Schedule = r.Items[0].Str()
			} else {
				l.Schedule = r.Str()
			}
			if in := p.Get("input"); in != nil {
				l.Input = &Input{Constant: jsonOrText(in)}
			}
		case "stream":
			arn := p
			kind := ""
			if p.IsMap() {
				arn, kind = p.Get("arn"), p.Get("type").Str()
				l.BatchItemFailures, l.ResponseTypesUnknown = s.responseType(p.Get("functionResponseType"))
			}
			l.From = s.endpoint(arn)
			l.Event = kind
			if l.Event == "" {
				l.Event = sourceEvent(l.From)
			}
		case "s3":
			l.Event = "s3"
			bucket := p
			if p.IsMap() {
				bucket = p.Get("bucket")
			}
			if v := s.value(bucket); v.Kind == Literal && !strings.HasPrefix(v.Text, "arn:") {
				l.From = chEnd(s.b.implicitChannel(Bucket, v.Text, Serverless, l.Pos))
			} else {
				l.From = s.endpoint(bucket)
			}
		case "alb":
			l.Event, l.From = "alb", external("alb")
		case "cognitoUserPool":
			l.Event, l.From = "cognito", external("cognito")
			if tr := s.literal(p.Get("trigger")); tr != "" {
				l.UserPoolTriggers = []string{tr}
			}
		default:
			l.Event = strings.ToLower(typ)
			l.From = external(l.Event)
		}
		s.link(l)
	}
}

// responseType reads an sqs or stream event's functionResponseType.
func (s *slsFile) responseType(n *node.Node) (batch, unknown bool) {
	if n == nil {
		return false, false
	}
	v := s.literal(n)
	return v == "ReportBatchItemFailures", v == ""
}

// literal is a value's text when it is a literal.
func (s *slsFile) literal(n *node.Node) string {
	if v := s.value(n); v.Kind == Literal {
		return v.Text
	}
	return ""
}

// snsTopic is an sns event's topic: an ARN or reference, or a topic name
// the framework creates.
func (s *slsFile) snsTopic(p *node.Node) Endpoint {
	if p.IsMap() {
		if a := p.Get("arn"); a != nil {
			return s.endpoint(a)
		}
		p = p.Get("topicName")
	}
	v := s.value(p)
	if v.Kind == Literal && !strings.HasPrefix(v.Text, "arn:") {
		return chEnd(s.b.implicitChannel(Topic, v.Text, Serverless, p.At()))
	}
	return s.t.endpoint(v)
}

// bus is an eventBridge event's bus: the default bus, a bus the
// framework creates from a name, or an ARN or reference.
func (s *slsFile) bus(n *node.Node, pos Pos) Endpoint {
	if n == nil {
		return chEnd(s.b.implicitChannel(Bus, "default", Serverless, pos))
	}
	v := s.value(n)
	if v.Kind == Literal && !strings.HasPrefix(v.Text, "arn:") {
		return chEnd(s.b.implicitChannel(Bus, v.Text, Serverless, n.Pos))
	}
	if v.Kind == Literal && strings.HasSuffix(v.Text, ":event-bus/default") {
		return chEnd(s.b.implicitChannel(Bus, "default", Serverless, n.Pos))
	}
	return s.t.endpoint(v)
}

var fileVar = regexp.MustCompile(`^\$\{file\(([^)]+)\)(?::([A-Za-z0-9_.-]+))?\}$`)

// stepFunctions reads serverless-step-functions state machines.
func (s *slsFile) stepFunctions() {
	for _, fld := range s.doc.Path("stepFunctions", "stateMachines").Fields() {
		def := fld.Value
		sm := s.b.addMachine(&StateMachine{LogicalID: fld.Key, Format: Serverless, Pos: fld.KeyPos})
		if v := s.value(def.Get("name")); v.Kind == Literal {
			sm.Name = v.Text
		}
		s.eventList(smEnd(sm), def.Get("events"))
		d := def.Get("definition")
		if str, ok := d.Scalar(); ok {
			d = nil
			if m := fileVar.FindStringSubmatch(strings.TrimSpace(str)); m != nil {
				uri := &node.Node{Kind: node.String, Text: strings.TrimSpace(m[1]), Pos: def.Get("definition").At()}
				d = s.b.definitionFile(s.file, uri, sm)
				if m[2] != "" {
					d = d.Path(strings.Split(m[2], ".")...)
				}
			}
		}
		if d == nil {
			continue
		}
		m, errs := asl.Parse(d, asl.Options{Bind: s.bind})
		for _, e := range errs {
			s.b.errorf(e.Pos, "state machine %s: %s", fld.Key, e.Msg)
		}
		sm.Definition = m
	}
}

// bind resolves a Task's function reference: Fn::GetAtt [hello, Arn]
// (the function key or its logical name), Ref, or an ARN whose function
// name is the framework's default SERVICE-STAGE-KEY or a function's name.
func (s *slsFile) bind(ref *node.Node) string {
	if ref == nil {
		return ""
	}
	if _, _, ok := ref.Intrinsic(); ok {
		v := s.t.value(ref)
		if v.Kind == Reference && v.Ref.Target.fn != nil {
			return v.Ref.Target.fn.key
		}
		return ""
	}
	str, ok := ref.Scalar()
	if !ok {
		return ""
	}
	name := str
	if i := strings.Index(str, ":function:"); i >= 0 {
		name = str[i+len(":function:"):]
	}
	if v := s.value(&node.Node{Kind: node.String, Text: name}); v.Kind == Literal {
		name = v.Text
		if !strings.Contains(name, "${") {
			name, _, _ = strings.Cut(name, ":")
		}
	} else {
		// Resolve the ${self:...} parts and keep the others.
		name = slsVar.ReplaceAllStringFunc(name, func(x string) string {
			if n := s.variable(x[2 : len(x)-1]); n != nil {
				if r := s.value(n); r.Kind == Literal {
					return r.Text
				}
			}
			return x
		})
	}
	var match *Function
	for key, f := range s.fns {
		ok := f.Name != "" && f.Name == name
		if !ok && s.service != "" {
			mid, found := strings.CutPrefix(name, s.service+"-")
			mid, found2 := strings.CutSuffix(mid, "-"+key)
			ok = found && found2 && (slsVar.MatchString(mid) && slsVar.FindString(mid) == mid || !strings.ContainsAny(mid, "-${}") && mid != "")
		}
		if ok {
			if match != nil && match != f {
				return ""
			}
			match = f
		}
	}
	if match != nil {
		return match.key
	}
	if strings.HasPrefix(str, "arn:") {
		return bindName(str)
	}
	return ""
}
