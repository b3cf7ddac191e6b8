// Command audit records the stock events it receives (CloudEvents).
package main

import (
	"context"
	"log"

	cloudevents "github.com/cloudevents/sdk-go/v2"
)

//faas:subscribe topic=stock-events
func receive(ctx context.Context, e cloudevents.Event) {
	log.Printf("audit: %s %s", e.Type(), e.ID())
}

func main() {
	c, err := cloudevents.NewClientHTTP()
	if err != nil {
		log.Fatal(err)
	}
	log.Fatal(c.StartReceiver(context.Background(), receive))
}
