// Package messages is a stub of aws-lambda-go's lambda/messages: the
// error a handler may return to name its errorType itself.
package messages

// InvokeResponse_Error is the error aws-lambda-go reports; returned by
// value from a handler, its Type is the errorType.
type InvokeResponse_Error struct {
	Message    string                             `json:"errorMessage"`
	Type       string                             `json:"errorType"`
	StackTrace []*InvokeResponse_Error_StackFrame `json:"stackTrace,omitempty"`
	ShouldExit bool                               `json:"-"`
}

// InvokeResponse_Error_StackFrame is one frame of the stack trace.
type InvokeResponse_Error_StackFrame struct {
	Path  string `json:"path"`
	Line  int32  `json:"line"`
	Label string `json:"label"`
}

func (e InvokeResponse_Error) Error() string { return e.Message }
