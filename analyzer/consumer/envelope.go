package consumer

import (
	"go/types"
	"reflect"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/analyzer/handler"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// Import paths of the SDK types that carry payloads.
const (
	eventsPath     = "github.com/aws/aws-lambda-go/events"
	ceEventPath    = "github.com/cloudevents/sdk-go/v2/event"
	openfaasPath   = "github.com/openfaas/templates-sdk/go-http"
	httpPath       = "net/http"
	jsonPath       = "encoding/json"
	protojsonPath  = "google.golang.org/protobuf/encoding/protojson"
	codecJSON      = "encoding/json"
	codecProtoJSON = "protojson"
)

// eventTypes are the aws-lambda-go event types that a handler takes as
// its input, by envelope.
var eventTypes = map[string]Envelope{
	"SQSEvent":                 SQS,
	"SNSEvent":                 SNS,
	"CloudWatchEvent":          EventBridge, // EventBridgeEvent is an alias
	"KinesisEvent":             Kinesis,
	"KinesisTimeWindowEvent":   Kinesis,
	"DynamoDBEvent":            DynamoDB,
	"DynamoDBTimeWindowEvent":  DynamoDB,
	"S3Event":                  S3,
	"APIGatewayProxyRequest":   APIGateway,
	"APIGatewayV2HTTPRequest":  APIGateway,
	"LambdaFunctionURLRequest": FunctionURL,
}

// bodyFields are the fields of SDK types that hold an envelope's body.
var bodyFields = []struct {
	path, typ, field string
	env              Envelope
}{
	{eventsPath, "SQSMessage", "Body", SQS},
	{eventsPath, "SNSEntity", "Message", SNS},
	{eventsPath, "CloudWatchEvent", "Detail", EventBridge},
	{eventsPath, "KinesisRecord", "Data", Kinesis},
	{eventsPath, "APIGatewayProxyRequest", "Body", APIGateway},
	{eventsPath, "APIGatewayV2HTTPRequest", "Body", APIGateway},
	{eventsPath, "LambdaFunctionURLRequest", "Body", FunctionURL},
	{httpPath, "Request", "Body", HTTP},
	{openfaasPath, "Request", "Body", OpenFaaS},
	{ceEventPath, "Event", "DataEncoded", CloudEvent},
}

// knownFields finds the body fields among the package's imports: the
// field objects, so that a field promoted through embedding matches too.
func knownFields(pkg *types.Package) map[*types.Var]Envelope {
	paths := map[string]*types.Package{}
	for _, b := range bodyFields {
		paths[b.path] = nil
	}
	flow.FindImports(pkg, paths)
	out := map[*types.Var]Envelope{}
	for _, b := range bodyFields {
		p := paths[b.path]
		if p == nil {
			continue
		}
		obj, ok := p.Scope().Lookup(b.typ).(*types.TypeName)
		if !ok {
			continue
		}
		if v := fieldVar(obj.Type(), b.field); v != nil {
			out[v] = b.env
		}
	}
	return out
}

// fieldVar returns the field called name of struct type t (directly or
// promoted), or nil.
func fieldVar(t types.Type, name string) *types.Var {
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, name)
	v, ok := obj.(*types.Var)
	if !ok || !v.IsField() {
		return nil
	}
	return v
}

// classify says which envelope a handler parameter of type t is, with the
// fields that hold its body when they are not SDK fields, and the payload
// type when the envelope is a struct that types its body. "" means that t
// is a plain payload (or no payload at all, such as a context).
func classify(t types.Type, fn *handler.Function) (env Envelope, fields []*types.Var, typed types.Type) {
	t = deref(t)
	if n := flow.NamedOf(t); n != nil && n.Obj().Pkg() != nil {
		switch path, name := n.Obj().Pkg().Path(), n.Obj().Name(); {
		case path == eventsPath:
			return eventTypes[name], nil, nil
		case path == httpPath && name == "Request":
			return HTTP, nil, nil
		case path == openfaasPath && name == "Request":
			return OpenFaaS, nil, nil
		case path == ceEventPath && name == "Event":
			return CloudEvent, nil, nil
		case path == jsonPath && name == "RawMessage":
			return Bytes, nil, nil
		}
	}
	if fn.Style == handler.Raw && isBytes(t) {
		return Bytes, nil, nil
	}
	if fn.Platform == handler.CloudFunctions {
		if data := pubsubData(t); data != nil {
			return PubSub, []*types.Var{data}, nil
		}
	}
	if strings.HasPrefix(fn.Registrar, "funcframework.RegisterEventFunction") || fn.Candidate && fn.Style == handler.JSON {
		// A background function's Pub/Sub message: {"data": base64, ...},
		// registered or deployed by entry point.
		if st := structOf(t); st != nil {
			if data := bytesField(st, "data"); data != nil {
				return PubSub, []*types.Var{data}, nil
			}
		}
	}
	if fn.Platform == handler.Lambda {
		// Structs that mirror the platform's JSON, which aws-lambda-go
		// decodes like its own event types.
		if env, f, typed := shapedEnvelope(t, true); env != "" {
			if f != nil {
				fields = append(fields, f)
			}
			return env, fields, typed
		}
	}
	return "", nil, nil
}

// inner says whether t, decoded out of a body, is itself an envelope: the
// SNS notification of SNS-to-SQS delivery, an EventBridge event, an S3
// notification, a Pub/Sub message. confirmed is false when only the field
// names suggest it (a struct with a Message string): such a struct is an
// envelope only if the code goes on to decode that field.
func inner(t types.Type) (env Envelope, field *types.Var, typed types.Type, confirmed bool) {
	t = deref(t)
	if n := flow.NamedOf(t); n != nil && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == eventsPath {
		switch n.Obj().Name() {
		case "SNSEntity":
			return SNS, fieldVar(t, "Message"), nil, true
		case "CloudWatchEvent":
			return EventBridge, fieldVar(t, "Detail"), nil, true
		case "S3Event":
			return S3, nil, nil, true
		}
		return "", nil, nil, false
	}
	if data := pubsubData(t); data != nil {
		return PubSub, data, nil, true
	}
	if env, f, typed := shapedEnvelope(t, false); env != "" {
		return env, f, typed, true
	}
	if st := structOf(t); st != nil && onlyKeys(st, snsKeys) {
		if f := stringField(st, "Message"); f != nil {
			return SNS, f, nil, false
		}
	}
	return "", nil, nil, false
}

// snsKeys are the keys of an SNS notification as SNS delivers it to SQS
// and HTTP subscribers.
var snsKeys = []string{
	"Type", "MessageId", "Token", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion",
	"Signature", "SigningCertURL", "UnsubscribeURL", "SubscribeURL", "MessageAttributes",
}

// onlyKeys reports whether every key that st decodes is one of keys: a
// struct with a Message field and keys of its own is a payload, not an
// SNS notification.
func onlyKeys(st *types.Struct, keys []string) bool { return onlyKeysDepth(st, keys, 0) }

func onlyKeysDepth(st *types.Struct, keys []string, depth int) bool {
	if depth > 4 {
		return false
	}
	for i := range st.NumFields() {
		name, ok := jsonName(st.Field(i), st.Tag(i))
		if !ok {
			continue
		}
		if name == "" {
			if es := structOf(st.Field(i).Type()); es == nil || !onlyKeysDepth(es, keys, depth+1) {
				return false
			}
			continue
		}
		if !slices.ContainsFunc(keys, func(k string) bool { return strings.EqualFold(k, name) }) {
			return false
		}
	}
	return true
}

// shapedEnvelope recognises a struct declared by the user that mirrors an
// envelope's JSON: an EventBridge event (detail and detail-type); out of
// a body, an SNS notification (Message with TopicArn or MessageId); as a
// handler's input, an SQS or SNS event (Records whose elements have the
// record's keys). It returns the body field, or the payload type when
// the struct types the body itself (Detail Order).
func shapedEnvelope(t types.Type, input bool) (Envelope, *types.Var, types.Type) {
	st := structOf(t)
	if st == nil {
		return "", nil, nil
	}
	if d := jsonField(st, "detail"); d != nil && jsonField(st, "detail-type") != nil {
		if isRawBody(d.Type()) {
			return EventBridge, d, nil
		}
		return EventBridge, nil, d.Type()
	}
	if !input {
		// SNS delivers a bare notification only to SQS and HTTP
		// subscribers: a Message with the notification's own keys.
		if m := stringField(st, "Message"); m != nil && (jsonField(st, "TopicArn") != nil || jsonField(st, "MessageId") != nil) {
			return SNS, m, nil
		}
		return "", nil, nil
	}
	recs := jsonField(st, "Records")
	if recs == nil {
		return "", nil, nil
	}
	sl, ok := recs.Type().Underlying().(*types.Slice)
	if !ok {
		return "", nil, nil
	}
	rec := structOf(sl.Elem())
	if rec == nil {
		return "", nil, nil
	}
	if b := stringField(rec, "body"); b != nil && (jsonField(rec, "messageId") != nil || jsonField(rec, "receiptHandle") != nil) {
		return SQS, b, nil
	}
	if s := jsonField(rec, "Sns"); s != nil {
		if e := structOf(s.Type()); e != nil {
			if m := stringField(e, "Message"); m != nil {
				return SNS, m, nil
			}
		}
	}
	return "", nil, nil
}

// pubsubData returns the Data field of a Pub/Sub message held in t's
// Message field: the shape of functions-framework's MessagePublishedData,
// of google-cloudevents-go's pubsubdata.MessagePublishedData and of a push
// subscription's request body.
func pubsubData(t types.Type) *types.Var {
	st := structOf(t)
	if st == nil {
		return nil
	}
	m := jsonField(st, "message")
	if m == nil {
		return nil
	}
	ms := structOf(m.Type())
	if ms == nil {
		return nil
	}
	return bytesField(ms, "data")
}

// jsonField returns the field of st that encoding/json decodes the key
// into (keys match case-insensitively, as Unmarshal matches them), or nil.
// Embedded structs without a tag are searched too.
func jsonField(st *types.Struct, key string) *types.Var {
	return jsonFieldDepth(st, key, 0)
}

func jsonFieldDepth(st *types.Struct, key string, depth int) *types.Var {
	if depth > 4 {
		return nil
	}
	for i := range st.NumFields() {
		f := st.Field(i)
		name, ok := jsonName(f, st.Tag(i))
		if !ok {
			continue
		}
		if f.Embedded() && name == "" {
			if es := structOf(f.Type()); es != nil {
				if v := jsonFieldDepth(es, key, depth+1); v != nil {
					return v
				}
			}
			continue
		}
		if strings.EqualFold(name, key) {
			return f
		}
	}
	return nil
}

// jsonName is the key of a field, as encoding/json's typeFields picks
// it: "" for an untagged embedded struct, whose fields are promoted; ok is
// false for the fields that Unmarshal never sets.
func jsonName(f *types.Var, tag string) (string, bool) {
	jt := reflect.StructTag(tag).Get("json")
	if jt == "-" {
		return "", false
	}
	name, _, _ := strings.Cut(jt, ",")
	if f.Embedded() && name == "" && structOf(f.Type()) != nil {
		return "", true
	}
	if !f.Exported() {
		return "", false
	}
	if name == "" {
		name = f.Name()
	}
	return name, true
}

func stringField(st *types.Struct, key string) *types.Var {
	f := jsonField(st, key)
	if f == nil {
		return nil
	}
	if b, ok := f.Type().Underlying().(*types.Basic); ok && b.Kind() == types.String {
		return f
	}
	return nil
}

func bytesField(st *types.Struct, key string) *types.Var {
	f := jsonField(st, key)
	if f == nil || !isBytes(f.Type()) {
		return nil
	}
	return f
}

// isRawBody reports whether a body field holds undecoded JSON: bytes, a
// string or json.RawMessage.
func isRawBody(t types.Type) bool {
	if isBytes(t) {
		return true
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.String
}

func isBytes(t types.Type) bool {
	s, ok := t.Underlying().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

// opaque says why a decode target fixes no shape, or "" when it does.
func opaque(t types.Type) string {
	if t == nil {
		return "a value whose type the code does not fix here"
	}
	if n := flow.NamedOf(t); n != nil && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == jsonPath && n.Obj().Name() == "RawMessage" {
		return "json.RawMessage, which keeps the JSON undecoded"
	}
	switch t.Underlying().(type) {
	case *types.Interface:
		return "an interface, which takes any JSON"
	case *types.Map:
		return "a map, which takes any object"
	}
	return ""
}

func structOf(t types.Type) *types.Struct {
	st, _ := deref(t).Underlying().(*types.Struct)
	return st
}

// deref removes pointers and aliases.
func deref(t types.Type) types.Type {
	for range 8 {
		p, ok := types.Unalias(t).(*types.Pointer)
		if !ok {
			break
		}
		t = p.Elem()
	}
	return types.Unalias(t)
}

func isNamed(t types.Type, path, name string) bool {
	n := flow.NamedOf(deref(t))
	return n != nil && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == path && n.Obj().Name() == name
}
