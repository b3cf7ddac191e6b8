// Package protocol is a stub of cloudevents sdk-go v2 protocol.
package protocol

type Result error
