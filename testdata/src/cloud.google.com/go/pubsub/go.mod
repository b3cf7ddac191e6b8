module cloud.google.com/go/pubsub

go 1.21

require (
	cloud.google.com/go v0.123.0
	google.golang.org/api v0.230.0
)
