// Package types is a stub of github.com/aws/aws-sdk-go-v2/service/cloudwatchevents/types.
package types

import "time"

type noSmithyDocumentSerde struct{}

type PutEventsRequestEntry struct {
	Detail       *string
	DetailType   *string
	EventBusName *string
	Resources    []string
	Source       *string
	Time         *time.Time
	TraceHeader  *string
	noSmithyDocumentSerde
}
