// Package aws is a stub of github.com/aws/aws-sdk-go/aws v1.55.8.
package aws

import "context"

type Context = context.Context

type Config struct{ Region *string }

func String(v string) *string { return &v }
func StringValue(v *string) string {
	if v != nil {
		return *v
	}
	return ""
}
