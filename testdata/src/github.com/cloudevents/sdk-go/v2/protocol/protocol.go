// Package protocol is a stub of github.com/cloudevents/sdk-go/v2/protocol.
package protocol

type Result error

func IsACK(target Result) bool { return target == nil }
