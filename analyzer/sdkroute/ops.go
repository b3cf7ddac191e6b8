package sdkroute

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// Import paths of the SDKs.
const (
	awsV2Service = "github.com/aws/aws-sdk-go-v2/service/"
	awsV1Service = "github.com/aws/aws-sdk-go/service/"
	pubsubV1     = "cloud.google.com/go/pubsub"
	pubsubV2     = "cloud.google.com/go/pubsub/v2"
	ceClientPath = "github.com/cloudevents/sdk-go/v2/client"
	ceAliasPath  = "github.com/cloudevents/sdk-go/v2"
	ceEventPath  = "github.com/cloudevents/sdk-go/v2/event"
	httpPath     = "net/http"
)

// awsOps lists the AWS operations that send to a function or channel, by
// service package.
var awsOps = map[string][]string{
	"lambda":           {"Invoke", "InvokeAsync", "InvokeWithResponseStream"},
	"sqs":              {"SendMessage", "SendMessageBatch"},
	"sns":              {"Publish", "PublishBatch"},
	"eventbridge":      {"PutEvents"},
	"cloudwatchevents": {"PutEvents"},
	"sfn":              {"StartExecution", "StartSyncExecution"},
}

// An op is a recognised SDK operation at a call site.
type op struct {
	sdk, service, name string
	// AWS: the argument holding the *XxxInput, and whether the method is
	// v1's XxxRequest, whose output is its second result.
	input   int
	request bool
	// HTTP: the arguments holding the method, the URL and the body (-1
	// when the call has none).
	method, url, body int
}

// recognise returns the SDK operation that call performs, or nil. It
// goes by the callee's package, receiver type and method, and for AWS by
// the operation's input type: that also recognises a call through an
// interface, such as aws-sdk-go's lambdaiface.LambdaAPI or an interface
// the application declares for its tests.
func (x *index) recognise(call *ast.CallExpr) *op {
	fn, ok := typeutil.Callee(x.Info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return nil
	}
	sig := fn.Signature()
	path := fn.Pkg().Path()
	switch {
	case path == httpPath:
		return httpOp(fn)
	case path == pubsubV1 && fn.Name() == "Publish" && flow.RecvNamed(fn, "Topic"):
		return &op{sdk: "pubsub", service: "pubsub", name: "Publish"}
	case path == pubsubV2 && fn.Name() == "Publish" && flow.RecvNamed(fn, "Publisher"):
		return &op{sdk: "pubsub/v2", service: "pubsub", name: "Publish"}
	case path == ceClientPath && (fn.Name() == "Send" || fn.Name() == "Request") && flow.RecvNamed(fn, "Client"):
		return &op{sdk: "cloudevents", service: "cloudevents", name: fn.Name()}
	}
	if sig.Recv() == nil {
		return nil
	}
	for i := range sig.Params().Len() {
		n := flow.NamedOf(sig.Params().At(i).Type())
		if n == nil || n.Obj().Pkg() == nil {
			continue
		}
		ipath, tname := n.Obj().Pkg().Path(), n.Obj().Name()
		var sdk, svc string
		switch {
		case strings.HasPrefix(ipath, awsV2Service):
			sdk, svc = "aws-sdk-go-v2", strings.TrimPrefix(ipath, awsV2Service)
		case strings.HasPrefix(ipath, awsV1Service):
			sdk, svc = "aws-sdk-go", strings.TrimPrefix(ipath, awsV1Service)
		default:
			continue
		}
		for _, name := range awsOps[svc] {
			if tname != name+"Input" {
				continue
			}
			switch fn.Name() {
			case name, name + "WithContext":
				return &op{sdk: sdk, service: svc, name: name, input: i}
			case name + "Request":
				return &op{sdk: sdk, service: svc, name: name, input: i, request: true}
			}
		}
	}
	return nil
}

func httpOp(fn *types.Func) *op {
	o := &op{sdk: "net/http", service: "openfaas", method: -1, url: -1, body: -1}
	recv := fn.Signature().Recv() != nil
	switch {
	case !recv && fn.Name() == "NewRequest":
		o.method, o.url, o.body = 0, 1, 2
	case !recv && fn.Name() == "NewRequestWithContext":
		o.method, o.url, o.body = 1, 2, 3
	case (!recv || flow.RecvNamed(fn, "Client")) && fn.Name() == "Post":
		o.name, o.url, o.body = "POST", 0, 2
	case (!recv || flow.RecvNamed(fn, "Client")) && fn.Name() == "Get":
		o.name, o.url = "GET", 0
	default:
		return nil
	}
	return o
}
