// Package types is a stub of github.com/aws/aws-sdk-go-v2/service/sfn/types.
package types

type IncludedData string

type SyncExecutionStatus string

const (
	SyncExecutionStatusSucceeded SyncExecutionStatus = "SUCCEEDED"
	SyncExecutionStatusFailed    SyncExecutionStatus = "FAILED"
	SyncExecutionStatusTimedOut  SyncExecutionStatus = "TIMED_OUT"
)
