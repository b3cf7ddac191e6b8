// Command cmd sends through a Producer built with its sink.
package main

import (
	"os"

	cloudevents "github.com/cloudevents/sdk-go/v2"

	"cesinkhelper/produce"
)

func main() {
	c, _ := cloudevents.NewClientHTTP()
	p := produce.NewProducer(c, os.Getenv("K_SINK"))
	_ = p.Tick()
}
