// want package:"has-sends"

// Package ctrl is a controller behind an interface, built with the queue
// it sends to.
package ctrl

import (
	"context"

	"msg"
	"outbox/tx"
)

type Controller interface {
	Register(ctx context.Context) error
}

func New(t *tx.Template, queue string) Controller { return &controller{tmpl: t, queue: queue} } // want New:`fields\(tmpl=value\(\$1\), queue=\$2\)`

type controller struct {
	tmpl  *tx.Template
	queue string
}

func (c *controller) Register(ctx context.Context) error { // want Register:`sends\(sqs.SendMessage queue-url=https://sqs.<region>.amazonaws.com/<account>/\$recv.queue payload=msg.Order\)`
	return c.tmpl.SendJSON(c.queue, msg.Order{})
}
