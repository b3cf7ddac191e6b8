package pub

import (
	"context"
	"encoding/json"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"msg"
)

// Notifier's topic is set once in the package, from the environment:
// wherever a Notifier comes from, that is its topic.
type Notifier struct {
	c     *sns.Client
	topic arn.ARN
}

func NewNotifier(c *sns.Client) (*Notifier, error) {
	t, err := arn.Parse(os.Getenv("NOTIFY_TOPIC_ARN"))
	if err != nil {
		return nil, err
	}
	return &Notifier{c: c, topic: t}, nil
}

func (n *Notifier) Notify(o *msg.Order) error {
	b, _ := json.Marshal(o)
	_, err := n.c.Publish(context.Background(), &sns.PublishInput{TopicArn: aws.String(n.topic.String()), Message: aws.String(string(b))})
	return err
}

// Pager's topic is set in two places to two values: which one a Pager
// holds is not known where the interface is called.
type Pager struct {
	c     *sns.Client
	topic string
}

func NewDayPager() *Pager   { return &Pager{topic: os.Getenv("DAY_TOPIC_ARN")} }
func NewNightPager() *Pager { return &Pager{topic: os.Getenv("NIGHT_TOPIC_ARN")} }

func (p *Pager) Notify(o *msg.Order) error {
	_, err := p.c.Publish(context.Background(), &sns.PublishInput{TopicArn: aws.String(p.topic), Message: aws.String(`{}`)})
	return err
}
