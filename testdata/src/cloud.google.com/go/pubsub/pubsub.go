// Package pubsub is a stub of cloud.google.com/go/pubsub v1.52.0.
package pubsub

import (
	"context"

	ipubsub "cloud.google.com/go/internal/pubsub"
	"google.golang.org/api/option"
)

type Message = ipubsub.Message

type Client struct{ projectID string }

func NewClient(ctx context.Context, projectID string, opts ...option.ClientOption) (c *Client, err error) {
	return &Client{projectID: projectID}, nil
}

type Topic struct{ name string }

func (c *Client) Topic(id string) *Topic { return &Topic{name: id} }

func (c *Client) TopicInProject(id, projectID string) *Topic { return &Topic{name: id} }

func (t *Topic) ID() string { return t.name }

func (t *Topic) Publish(ctx context.Context, msg *Message) *PublishResult { return &PublishResult{} }

type PublishResult struct{}

func (r *PublishResult) Get(ctx context.Context) (serverID string, err error) { return "", nil }
