// Package ptr is a stub of github.com/aws/smithy-go/ptr.
package ptr

func String(v string) *string { return &v }
func ToString(p *string) (v string) {
	if p == nil {
		return v
	}
	return *p
}
