// Package iface declares the events interface that the service calls
// and that package pub implements (pub imports svc: svc cannot import
// pub).
package iface

import "msg"

type Events interface {
	Reset(o *msg.Order) error
	Named(name string, o *msg.Order) error
}

type Notifier interface {
	Notify(o *msg.Order) error
}
