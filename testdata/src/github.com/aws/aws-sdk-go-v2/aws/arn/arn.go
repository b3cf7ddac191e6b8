// Package arn is a stub of github.com/aws/aws-sdk-go-v2/aws/arn.
package arn

// ARN is an Amazon Resource Name.
type ARN struct {
	Partition string
	Service   string
	Region    string
	AccountID string
	Resource  string
}

// Parse parses an ARN into its constituent parts.
func Parse(arn string) (ARN, error) { return ARN{}, nil }

// IsARN reports whether arn is an ARN.
func IsARN(arn string) bool { return false }

// String returns the canonical representation of the ARN.
func (arn ARN) String() string { return "" }
