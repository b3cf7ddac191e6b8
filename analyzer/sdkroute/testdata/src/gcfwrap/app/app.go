// Package app registers two Cloud Functions in init through wrappers:
// the HTTP one is middleware around an adapter around a method value of
// the logic package, which publishes through an interface.
package app

import (
	"context"
	"net/http"
	"os"

	"github.com/GoogleCloudPlatform/functions-framework-go/functions"
	"github.com/cloudevents/sdk-go/v2/event"

	"gcfwrap/handlers"
	"gcfwrap/mw"
	"gcfwrap/topic"
	"gcfwrap/web"
)

func init() {
	ctx := context.Background()
	t, err := topic.NewGoogleTopic(ctx, "proj", mustEnv("PUBSUB_TOPIC_ID"))
	if err != nil {
		panic(err)
	}
	h := handlers.New(t)
	functionsHTTP("start", web.Build(h.Start))
	functionsCloudEvent("hook", hook)
}

// mustEnv reads a variable the deployment must set: its caller names it.
func mustEnv(key string) string {
	v := os.Getenv(key)
	if v == "" {
		panic("missing " + key)
	}
	return v
}

func hook(ctx context.Context, e event.Event) error { return nil }

func functionsHTTP(name string, f http.HandlerFunc) {
	m := mw.NewHandler(f, name)
	functions.HTTP(name, m.ServeHTTP)
}

func functionsCloudEvent(name string, fn func(context.Context, event.Event) error) {
	wrapped := func(ctx context.Context, e event.Event) error {
		return fn(ctx, e)
	}
	functions.CloudEvent(name, wrapped)
}
