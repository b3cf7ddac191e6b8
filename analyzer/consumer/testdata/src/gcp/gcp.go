// Package gcp has Cloud Functions consumers: Pub/Sub through CloudEvents,
// background functions and push requests, and HTTP functions.
package gcp

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/GoogleCloudPlatform/functions-framework-go/funcframework"
	"github.com/GoogleCloudPlatform/functions-framework-go/functions"
	"github.com/cloudevents/sdk-go/v2/event"
	pubsubdata "github.com/googleapis/google-cloudevents-go/cloud/pubsubdata/v1"
	"google.golang.org/protobuf/encoding/protojson"
)

type Order struct {
	ID string `json:"id"`
}

// MessagePublishedData is the CloudEvent data of a Pub/Sub trigger, as
// the Cloud Functions samples declare it.
type MessagePublishedData struct {
	Message      PubSubMessage `json:"message"`
	Subscription string        `json:"subscription"`
}

// PubSubMessage is a Pub/Sub message; Data is base64 on the wire.
type PubSubMessage struct {
	Data        []byte            `json:"data"`
	Attributes  map[string]string `json:"attributes"`
	MessageID   string            `json:"messageId"`
	PublishTime time.Time         `json:"publishTime"`
}

func init() {
	functions.CloudEvent("pubsub-ce", pubsubCE)
	functions.CloudEvent("pubsub-ce-raw", pubsubRaw)
	functions.CloudEvent("storage-ce", storageCE)
	functions.HTTP("http", httpFn)
	functions.HTTP("push", pushFn)
	funcframework.RegisterEventFunction("/background", background)
	functions.Typed("typed", typedFn)
	functions.CloudEvent("pubsub-proto", pubsubProto)
	functions.CloudEvent("proto-payload", protoPayload)
}

// google-cloudevents-go's generated type, decoded with protojson, read
// through its getters.
func pubsubProto(ctx context.Context, e event.Event) error {
	var msg pubsubdata.MessagePublishedData
	if err := protojson.Unmarshal(e.Data(), &msg); err != nil {
		return err
	}
	var o Order
	return json.Unmarshal(msg.GetMessage().GetData(), &o)
}

// A payload decoded with protojson: its JSON is not encoding/json's.
func protoPayload(ctx context.Context, e event.Event) error {
	var m pubsubdata.PubsubMessage
	return protojson.Unmarshal(e.Data(), &m)
}

// A CloudEvent with MessagePublishedData, whose message data is an Order.
func pubsubCE(ctx context.Context, e event.Event) error {
	var msg MessagePublishedData
	if err := e.DataAs(&msg); err != nil {
		return err
	}
	var o Order
	return json.Unmarshal(msg.Message.Data, &o)
}

// The same, reading the message data as text.
func pubsubRaw(ctx context.Context, e event.Event) error {
	var msg MessagePublishedData
	if err := json.Unmarshal(e.Data(), &msg); err != nil {
		return err
	}
	_ = string(msg.Message.Data)
	return nil
}

// A CloudEvent whose data is the payload itself.
type StorageObject struct {
	Bucket string `json:"bucket"`
	Name   string `json:"name"`
}

func storageCE(ctx context.Context, e event.Event) error {
	var obj StorageObject
	return e.DataAs(&obj)
}

// An HTTP function.
func httpFn(w http.ResponseWriter, r *http.Request) {
	var o Order
	if err := json.NewDecoder(r.Body).Decode(&o); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}

// A Pub/Sub push subscription to an HTTP function.
type pushRequest struct {
	Message struct {
		Data []byte `json:"data,omitempty"`
		ID   string `json:"id"`
	} `json:"message"`
	Subscription string `json:"subscription"`
}

func pushFn(w http.ResponseWriter, r *http.Request) {
	var req pushRequest
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&req); err != nil {
		return
	}
	var o Order
	_ = json.Unmarshal(req.Message.Data, &o)
}

// A background function: the message is the input.
func background(ctx context.Context, m PubSubMessage) error {
	var o Order
	return json.Unmarshal(m.Data, &o)
}

// A typed function takes its payload directly: no Payload.
func typedFn(o Order) (Order, error) { return o, nil }

func init() { functions.HTTP("methods", methodsFn) }

// An HTTP function that decodes the body in a helper that one method's
// branch calls: no payload type for every route to it.
func methodsFn(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodPost:
		create(r)
	}
}

func create(r *http.Request) {
	var o Order
	_ = json.NewDecoder(r.Body).Decode(&o)
}
