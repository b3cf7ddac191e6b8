// Package pubsubapp publishes to Pub/Sub topics with v1 and v2 of the
// client, from a Cloud Function.
package pubsubapp

import (
	"context"
	"encoding/json"
	"net/http"
	"os"

	"cloud.google.com/go/pubsub"
	pubsubv2 "cloud.google.com/go/pubsub/v2"

	"github.com/GoogleCloudPlatform/functions-framework-go/functions"

	"msg"
)

var (
	client, _   = pubsub.NewClient(context.Background(), "shop")
	clientV2, _ = pubsubv2.NewClient(context.Background(), "shop")
	orders      = client.Topic("orders")
)

func init() {
	functions.HTTP("order", order)
}

func order(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var o msg.Order
	_ = json.NewDecoder(r.Body).Decode(&o)
	b, _ := json.Marshal(o)
	orders.Publish(ctx, &pubsub.Message{Data: b})
	refunds := client.TopicInProject(os.Getenv("REFUNDS_TOPIC"), "billing")
	rb, _ := json.Marshal(msg.Refund{OrderID: o.ID})
	refunds.Publish(ctx, &pubsub.Message{Data: rb})
	m := &pubsubv2.Message{Data: b, Attributes: map[string]string{"v": "2"}}
	clientV2.Publisher("projects/shop/topics/receipts").Publish(ctx, m)
}
