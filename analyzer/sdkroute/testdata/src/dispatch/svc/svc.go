// Package svc calls its events through an interface that nothing it can
// see implements: its summary keeps the calls for the importer. It holds
// an SDK client of its own (its store), as services do: a package that
// imports no SDK and no summarised package is not summarised.
package svc

import (
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"dispatch/iface"
	"msg"
)

type Service struct {
	events   iface.Events
	notifier iface.Notifier
	store    *sqs.Client
}

func New(ev iface.Events) *Service { return &Service{events: ev} }

func (s *Service) Close(o *msg.Order) error {
	cp := *o
	if err := s.reset(&cp); err != nil {
		return err
	}
	if err := s.notifier.Notify(o); err != nil {
		return err
	}
	return s.events.Named("closed", o)
}

func (s *Service) reset(o *msg.Order) error { return s.events.Reset(o) }
