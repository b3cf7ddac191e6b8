// Package aws is a stub of github.com/aws/aws-sdk-go-v2/aws v1.48.0.
package aws

type Config struct{ Region string }

func String(v string) *string { return &v }
func ToString(p *string) (v string) {
	if p == nil {
		return v
	}
	return *p
}
func Int32(v int32) *int32 { return &v }
