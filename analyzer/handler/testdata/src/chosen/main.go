// Command chosen is one function: the receiver that chooser.New starts,
// with either of its handlers.
package main

import (
	"os"

	"chooser"
)

func main() {
	chooser.New(nil, os.Getenv("K_SINK"))
}
