// Package messages is a stub of aws-lambda-go's lambda/messages: the
// error a handler may return to name its errorType itself.
package messages

// InvokeResponse_Error is the error aws-lambda-go reports; returned by
// value from a handler, its Type is the errorType.
type InvokeResponse_Error struct {
	Message    string   `json:"errorMessage"`
	Type       string   `json:"errorType"`
	StackTrace []string `json:"stackTrace,omitempty"`
	ShouldExit bool     `json:"-"`
}

func (e InvokeResponse_Error) Error() string { return e.Message }
