package protocol

// Receipt is a Result that can be an ACK: a nil *Receipt is one.
type Receipt struct {
	Err error
	ACK bool
}

func (e *Receipt) Is(target error) bool { return true }
func (e *Receipt) Error() string        { return "" }
