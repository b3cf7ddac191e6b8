// Package twice registers two HTTP functions through one wrapper: the
// wrapper's registration builds each function's handler from what its
// caller passes, so which logic runs in which function is not the
// wrapper's to say, and faasvet does not guess (the sends stay with the
// logic package, for the whole-program phase to report).
package twice

import (
	"context"
	"net/http"
	"os"

	"github.com/GoogleCloudPlatform/functions-framework-go/functions"

	"gcfwrap/handlers"
	"gcfwrap/mw"
	"gcfwrap/topic"
	"gcfwrap/web"
)

func init() {
	t, _ := topic.NewGoogleTopic(context.Background(), "proj", os.Getenv("PUBSUB_TOPIC_ID"))
	h := handlers.New(t)
	functionsHTTP("start", web.Build(h.Start))
	functionsHTTP("health", func(w http.ResponseWriter, r *http.Request) {})
}

func functionsHTTP(name string, f http.HandlerFunc) {
	functions.HTTP(name, mw.NewHandler(f, name).ServeHTTP)
}
