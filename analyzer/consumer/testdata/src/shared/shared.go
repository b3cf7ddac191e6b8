// Package shared holds a handler that other packages register.
package shared

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/events"
)

type Order struct{ ID string }

func Handle(ctx context.Context, ev events.SQSEvent) error {
	var o Order
	return json.Unmarshal([]byte(ev.Records[0].Body), &o)
}
