package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"msg"
)

type Local struct{ N int }

//faas:route to=b,c via=sqs payload=msg.Order
//faas:publish topic=orders payload=[]msg.Item
//faas:subscribe topic=refunds payload=*Local
//faas:allow-cycle b answers back by design
func handle(ctx context.Context, in Local) (msg.Order, error) { return msg.Order{}, nil }

//faas:route to=b payload=msg.Nope // want `//faas:route: payload=msg.Nope does not name a type here: undefined: msg.Nope`
//faas:route to=c payload=handle // want `payload=handle does not name a type here: handle is a value, not a type`
//faas:route to=d payload=[]map[string]* // want `payload=\[\]map\[string\]\* does not name a type here: syntax error: expected type, found 'EOF'; write a Go type`
func second(ctx context.Context) error { return nil }

//faas:route to=x // want `//faas:route is on helper, which no platform registers in this package, so it applies to no function`
func helper() {}

// Exported and unregistered: a main package elsewhere may register it.
//
//faas:route to=y
func Exported(ctx context.Context, in Local) error { return nil }

func main() {
	//faas:publish topic=t // want `//faas:publish is outside any declaration's doc comment`
	lambda.Start(handle)
	lambda.Start(second)
}
