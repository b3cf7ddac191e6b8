package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

// Both embeds promote ID at depth one, untagged: encoding/json drops "ID".
type Audit struct { // want `output of wireambig.audited: Audit Audit has fields Created.ID and Updated.ID that all claim the JSON name "ID" at the same depth`
	Created
	Updated
	Note string
}

type Created struct{ ID string }
type Updated struct{ ID string }

// A tagged field wins: no conflict.
type Settled struct {
	Created
	Updated `json:"updated"`
}

func audited(ctx context.Context) (Audit, error)   { return Audit{}, nil }
func settled(ctx context.Context) (Settled, error) { return Settled{}, nil }

func main() {
	lambda.Start(audited)
	lambda.Start(settled)
}
